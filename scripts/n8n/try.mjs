// "Try it": a long-running local n8n with a community package tarball loaded,
// for a person to click around in. Used by `npm run n8n`; also runnable as
//   node scripts/n8n/try.mjs [--version 2.41.1] [--port 5678] [--tarball pkg.tgz]
//                            [--user-folder DIR] [--fresh]
// The user folder (default ~/.cache/wa-n8n/try/<version>) is kept between
// runs, so workflows and credentials survive; --fresh starts from scratch.
// Ctrl-C stops n8n.

import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, log } from './install.mjs';
import { installPackageTarball } from './package.mjs';
import { startN8n } from './server.mjs';

export const DEFAULT_VERSION = '2.41.1';

/**
 * Starts n8n for interactive use and resolves with the context once it is
 * ready (call ctx.stop() to end it).
 * @param {object} o
 * @param {string} [o.version=DEFAULT_VERSION]
 * @param {number} [o.port=5678]
 * @param {string|string[]} [o.tarball] npm pack tarball(s) to install first
 * @param {string} [o.userFolder]
 * @param {boolean} [o.fresh=false] delete the user folder first
 * @param {object} [o.env]
 */
export async function tryIt({ version = DEFAULT_VERSION, port = 5678, tarball, userFolder, fresh = false, env = {} } = {}) {
	userFolder = path.resolve(userFolder || path.join(cacheRoot(), 'try', version));
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	for (const t of [tarball].flat().filter(Boolean)) {
		const p = await installPackageTarball(userFolder, t);
		log(`installed ${p.name}@${p.version} into ${p.dir}`);
	}
	const ctx = await startN8n({ version, userFolder, port, env });
	return ctx;
}

function parseArgs(argv) {
	const o = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const val = () => {
			if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
			return argv[++i];
		};
		if (a === '--version') o.version = val();
		else if (a === '--port') o.port = Number(val());
		else if (a === '--tarball') (o.tarball ||= []).push(val());
		else if (a === '--user-folder') o.userFolder = val();
		else if (a === '--fresh') o.fresh = true;
		else if (a === '-h' || a === '--help') o.help = true;
		else throw new Error(`unknown argument ${a}`);
	}
	return o;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(e.message);
		process.exit(2);
	}
	if (opts.help) {
		console.log('usage: node scripts/n8n/try.mjs [--version X.Y.Z] [--port N] [--tarball pkg.tgz]... [--user-folder DIR] [--fresh]');
		process.exit(0);
	}
	const ctx = await tryIt(opts);
	console.log(`
n8n ${ctx.version} is running: ${ctx.baseUrl}
  log in as   ${ctx.owner.email} / ${ctx.owner.password}
  API key     ${ctx.apiKey}   (header X-N8N-API-KEY, ${ctx.baseUrl}/api/v1)
  webhooks    ${ctx.webhookUrl}/<path>
  user folder ${ctx.userFolder}   (log: ${ctx.logFile})
Press Ctrl-C to stop.`);
	// Stay alive until a signal; server.mjs stops n8n on SIGINT/SIGTERM.
	setInterval(() => {}, 1 << 30);
}
