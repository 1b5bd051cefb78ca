// Installs a pinned n8n version into a cache folder outside the repository.
//
// Layout: <cacheRoot>/<version>/{package.json,node_modules,.wa-n8n-complete}
//   cacheRoot = $WA_N8N_CACHE_DIR or $HOME/.cache/wa-n8n
//
// Why it is done this way:
// - Only the npm registry is reachable. A plain `npm install n8n` runs native
//   install scripts that download from GitHub (kafka, sqlite3 prebuilds) and
//   fail, so we install with --ignore-scripts and then build the one native
//   module n8n really needs, sqlite3, from source (`npm rebuild sqlite3`).
// - `xlsx` is pinned by n8n to a tarball URL on a CDN we cannot reach; the
//   override to the registry's 0.18.5 keeps the install inside the registry.
// - The install takes minutes and GBs, so it is cached per version and shared
//   by every run (and CI). It is built in a private temp folder and renamed
//   into place only when complete, so a crashed or concurrent run can never
//   leave (or see) a half-finished install. A lock folder makes a second
//   concurrent run wait instead of doing the same work twice; a lock whose
//   owner process is gone is taken over.
// - Node >= 24 is required by n8n 2.36+, and n8n 1.123.x accepts
//   ">=20.19 <=24.x", so the Node 24 that runs this script runs both.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const COMPLETE_MARKER = '.wa-n8n-complete';

export function log(...args) {
	const ts = new Date().toISOString().slice(11, 19);
	console.error(`[n8n-harness ${ts}]`, ...args);
}

export function cacheRoot() {
	return process.env.WA_N8N_CACHE_DIR || path.join(os.homedir(), '.cache', 'wa-n8n');
}

export function installDir(version) {
	return path.join(cacheRoot(), version);
}

/** Path of n8n's CLI entry script inside an install. Run it with process.execPath. */
export function n8nBin(installPath) {
	return path.join(installPath, 'node_modules', 'n8n', 'bin', 'n8n');
}

export function isInstallComplete(dir) {
	return fs.existsSync(path.join(dir, COMPLETE_MARKER)) && fs.existsSync(n8nBin(dir));
}

function pidAlive(pid) {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * Environment for npm so native modules build against the headers of the Node
 * that runs us (the machine's ~/.npmrc may point nodedir elsewhere), and so
 * npm never prompts.
 */
export function npmEnv(extra = {}) {
	const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
	const nodeDir = path.dirname(path.dirname(process.execPath));
	if (fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodeDir;
	// Make sure the npm we spawn runs under the same Node.
	env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH || ''}`;
	return env;
}

/** Runs a command, appending its output to logFile. Rejects with the log tail on failure. */
export function run(cmd, args, { cwd, env, logFile, timeoutMs } = {}) {
	return new Promise((resolve, reject) => {
		const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
		if (logFile) fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}  (cwd ${cwd})\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
		let timer;
		if (timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			if (logFile) fs.closeSync(out);
			reject(err);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (logFile) fs.closeSync(out);
			if (code === 0) return resolve();
			let tail = '';
			if (logFile) {
				const text = fs.readFileSync(logFile, 'utf8');
				tail = text.slice(-4000);
			}
			reject(new Error(`${cmd} ${args.join(' ')} failed (${signal || `exit ${code}`})${logFile ? `; log ${logFile}` : ''}\n${tail}`));
		});
	});
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** Removes temp/trash folders left by runs whose process no longer exists. */
function cleanStale(root, version) {
	if (!fs.existsSync(root)) return;
	for (const name of fs.readdirSync(root)) {
		const m = /^\.(tmp|trash)-(.+)-(\d+)-[a-z0-9]+$/.exec(name);
		if (!m || m[2] !== version) continue;
		if (pidAlive(Number(m[3]))) continue;
		log(`removing stale ${name}`);
		try {
			fs.rmSync(path.join(root, name), { recursive: true, force: true, maxRetries: 3 });
		} catch (e) {
			log(`could not remove ${name} (${e.code}); leaving it`);
		}
	}
}

async function acquireLock(lockDir, version) {
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			return;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		let owner = NaN;
		try {
			owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		} catch {
			// The owner may be between mkdir and writing its pid; give it a moment.
		}
		const lockAgeMs = (() => {
			try {
				return Date.now() - fs.statSync(lockDir).mtimeMs;
			} catch {
				return 0;
			}
		})();
		if ((Number.isInteger(owner) && !pidAlive(owner)) || (!Number.isInteger(owner) && lockAgeMs > 30_000)) {
			log(`taking over stale install lock for n8n@${version} (owner ${owner} is gone)`);
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) {
			log(`another process (pid ${owner}) is installing n8n@${version}; waiting for it`);
			announced = true;
		}
		if (Date.now() - started > 60 * 60_000) throw new Error(`timed out waiting for install lock ${lockDir}`);
		await sleep(2000);
	}
}

function releaseLock(lockDir) {
	try {
		const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		if (owner === process.pid) fs.rmSync(lockDir, { recursive: true, force: true });
	} catch {
		// already gone
	}
}

/**
 * Makes sure n8n@version is installed in the cache and returns its folder
 * (the folder holding node_modules/n8n). Idempotent and race-safe; replaces a
 * folder that exists without the completion marker.
 */
export async function ensureN8nInstalled(version) {
	if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`pin an exact n8n version, got "${version}"`);
	const root = cacheRoot();
	const target = installDir(version);
	if (isInstallComplete(target)) return target;

	fs.mkdirSync(root, { recursive: true });
	const lockDir = path.join(root, `.lock-${version}`);
	await acquireLock(lockDir, version);
	const onExit = () => releaseLock(lockDir);
	process.once('exit', onExit);
	try {
		// Someone else may have finished while we waited.
		if (isInstallComplete(target)) {
			log(`n8n@${version} was installed by another run`);
			return target;
		}
		cleanStale(root, version);
		const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
		const tmp = path.join(root, `.tmp-${version}-${suffix}`);
		fs.mkdirSync(tmp);
		const logFile = path.join(root, `install-${version}.log`);
		fs.writeFileSync(logFile, `install of n8n@${version} started ${new Date().toISOString()} by pid ${process.pid}\n`);
		fs.writeFileSync(
			path.join(tmp, 'package.json'),
			JSON.stringify(
				{
					name: `wa-n8n-install-${version.replace(/\./g, '-')}`,
					private: true,
					description: 'n8n installed for tests of n8n-nodes-whatsapp-multitenant (cache; safe to delete)',
					dependencies: { n8n: version },
					overrides: { xlsx: '0.18.5' },
				},
				null,
				2,
			) + '\n',
		);
		const env = npmEnv();
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const t0 = Date.now();
		log(`installing n8n@${version} into ${tmp} (several minutes, ~3 GB; log: ${logFile})`);
		const ticker = setInterval(() => log(`  ... still installing n8n@${version} (${Math.round((Date.now() - t0) / 1000)} s)`), 60_000);
		try {
			await run(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'], { cwd: tmp, env, logFile });
			log(`npm install done in ${Math.round((Date.now() - t0) / 1000)} s; building sqlite3 from source`);
			const t1 = Date.now();
			await run(npm, ['rebuild', 'sqlite3', '--foreground-scripts'], { cwd: tmp, env, logFile });
			log(`sqlite3 built in ${Math.round((Date.now() - t1) / 1000)} s; checking the install`);
			// Smoke check: the CLI loads and sqlite3's native binding is loadable.
			await run(process.execPath, ['-e', "require('sqlite3')"], { cwd: tmp, env, logFile });
			await run(process.execPath, [n8nBin(tmp), '--version'], { cwd: tmp, env: { ...env, N8N_USER_FOLDER: path.join(tmp, '.check') }, logFile, timeoutMs: 120_000 });
			fs.rmSync(path.join(tmp, '.check'), { recursive: true, force: true });
		} catch (e) {
			fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
			throw e;
		} finally {
			clearInterval(ticker);
		}
		fs.writeFileSync(path.join(tmp, COMPLETE_MARKER), JSON.stringify({ version, node: process.version, completedAt: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }) + '\n');

		// Move a half-finished or broken folder out of the way, then rename ours in.
		if (fs.existsSync(target)) {
			const trash = path.join(root, `.trash-${version}-${suffix}`);
			log(`replacing incomplete install at ${target}`);
			fs.renameSync(target, trash);
			fs.rmSync(trash, { recursive: true, force: true });
		}
		fs.renameSync(tmp, target);
		log(`n8n@${version} installed in ${Math.round((Date.now() - t0) / 1000)} s at ${target}`);
		return target;
	} finally {
		releaseLock(lockDir);
		process.removeListener('exit', onExit);
	}
}

// Allow `node scripts/n8n/install.mjs 2.41.1` to pre-warm the cache.
if (import.meta.url === `file://${process.argv[1]}`) {
	const versions = process.argv.slice(2);
	if (!versions.length) {
		console.error('usage: node scripts/n8n/install.mjs <version> [version...]');
		process.exit(2);
	}
	for (const v of versions) {
		const t = Date.now();
		const dir = await ensureN8nInstalled(v);
		console.log(`${v}\t${dir}\t${((Date.now() - t) / 1000).toFixed(1)} s`);
	}
}
