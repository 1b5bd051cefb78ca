#!/usr/bin/env node
// End-to-end proof in a real n8n (`npm run test:e2e`): for each n8n version, a fresh companion service in sandbox
// mode (Cloud API simulator + fake WhatsApp Web driver) and a fresh n8n with our packed package, then
//   (1) examples/whatsapp-business-send-every-type.json by `n8n execute --id`: each message kind reaches Meta in shape;
//   (2) examples/whatsapp-business-auto-reply.json published: the Business Trigger fires on an injected message, and
//       mark as read, reaction and reply reach Meta;
//   (3) examples/whatsapp-web-auto-reply.json published: the Web Trigger fires on a message to a fake-driver session
//       linked through the Web sandbox, and the Web node's reply lands in that chat;
//   (3b) a manual workflow manages a WhatsApp Web group (Group › Create, Update Participants, Get);
//   (4) examples/whatsapp-business-ask-and-wait.json over a webhook: send-and-wait resumed by a button tap;
//   (5) examples/whatsapp-business-resubmit-rejected-template.json published: a template Meta rejects for its
//       category is resubmitted as MARKETING by Template › Update.
//
//   node scripts/e2e.mjs [2.41.1] [1.123.81] [--no-build] [--keep] [--only send,business,web,groups,channels,wait,template]
//
// One line per check per version, a summary, exit code 1 on any failure. n8n is installed once per version into
// ~/.cache/wa-n8n (minutes on a cold machine, then reused); every process started here is stopped on the way out,
// also on failure and Ctrl-C, and the temp folders are removed (kept with --keep).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureN8nInstalled, installPackageTarball, npmPack, startN8n } from './n8n/index.mjs';
import { upsertTenantCredential } from '../examples/setup.mjs';
import { Report } from '../tests/e2e/lib/report.mjs';
import { startSandboxService } from '../tests/e2e/lib/service.mjs';
import { businessTrigger } from '../tests/e2e/scenarios/businessTrigger.mjs';
import { resubmitTemplate } from '../tests/e2e/scenarios/resubmitTemplate.mjs';
import { sendAndWait } from '../tests/e2e/scenarios/sendAndWait.mjs';
import { sendEveryType } from '../tests/e2e/scenarios/sendEveryType.mjs';
import { webChannels, webGroups, webTrigger } from '../tests/e2e/scenarios/webTrigger.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_VERSIONS = ['2.41.1', '1.123.81'];
// In the order they run: the auto-reply trigger only answers text, so later scenarios' replies do not wake it.
const SCENARIOS = { send: sendEveryType, business: businessTrigger, web: webTrigger, groups: webGroups, channels: webChannels, wait: sendAndWait, template: resubmitTemplate };

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
	const options = { versions: [], build: true, keep: false, only: Object.keys(SCENARIOS) };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (/^\d+\.\d+\.\d+$/.test(arg)) options.versions.push(arg);
		else if (arg === '--no-build') options.build = false;
		else if (arg === '--keep') options.keep = true;
		else if (arg === '--only') options.only = String(argv[++i] ?? '').split(',').filter(Boolean);
		else if (arg === '-h' || arg === '--help') options.help = true;
		else throw new Error(`unknown argument ${arg}`);
	}
	const unknown = options.only.filter((name) => !SCENARIOS[name]);
	if (unknown.length) throw new Error(`--only takes ${Object.keys(SCENARIOS).join(',')}; not ${unknown.join(',')}`);
	if (!options.versions.length) options.versions = DEFAULT_VERSIONS;
	return options;
}

// ---------------------------------------------------------------- what must be stopped on the way out

const live = { n8n: new Set(), services: new Set(), builds: new Set(), dirs: new Set(), keep: false, stopping: false, report: null };

/** Synchronous last resort when the process exits for any reason: nothing of ours may outlive it. */
function killEverythingNow() {
	for (const ctx of live.n8n) {
		try {
			process.kill(-ctx.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	for (const service of live.services) service.kill();
	for (const pid of live.builds) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// finished
		}
	}
	if (!live.keep) for (const dir of live.dirs) fs.rmSync(dir, { recursive: true, force: true });
}

function installExitHandling() {
	process.on('exit', killEverythingNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			const code = signal === 'SIGINT' ? 130 : 143;
			if (live.stopping) process.exit(code); // a second Ctrl-C: the exit hook kills at once
			// Checks cut short by the interruption are not failures worth reading.
			live.stopping = true;
			live.report?.mute();
			console.error(`\n${signal}: stopping n8n and the service…`);
			const graceful = Promise.allSettled([...[...live.n8n].map((ctx) => ctx.stop()), ...[...live.services].map((s) => s.stop())]);
			Promise.race([graceful, new Promise((resolve) => setTimeout(resolve, 15_000))]).finally(() => process.exit(code));
		});
	}
}

// ---------------------------------------------------------------- preparation

/**
 * Runs an npm script quietly (its output is shown only when it fails), as a process group of its own so an
 * interruption can stop npm and the compilers under it together.
 */
function npmRun(script) {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		live.builds.add(child.pid);
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			live.builds.delete(child.pid);
			if (code === 0) resolve();
			else reject(new Error(`npm run ${script} failed (exit ${code}):\n${output.slice(-4000)}`));
		});
	});
}

async function timed(fn) {
	const t0 = Date.now();
	const value = await fn();
	return { value, ms: Date.now() - t0 };
}

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function tailOf(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(none)';
	}
}

// ---------------------------------------------------------------- one n8n version

async function runVersion(version, { tarball, report, only, keep }) {
	const t = report.forVersion(version);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `wa-e2e-${version}-`));
	live.dirs.add(workDir);
	const run = { t };
	const setup = await t.check('setup: sandbox service, n8n with the packed package, tenant credential', async () => {
		run.service = await startSandboxService({ root, workDir });
		live.services.add(run.service);
		const userFolder = path.join(workDir, 'n8n');
		await installPackageTarball(userFolder, tarball);
		run.n8n = await startN8n({ version, userFolder });
		live.n8n.add(run.n8n);
		run.credential = await upsertTenantCredential(run.n8n, { serviceUrl: run.service.url, apiKey: run.service.sandbox.apiKey });
		// The test user writes first: it opens the 24 h window every later send to them needs.
		await run.service.cloud.userWrites({ type: 'text', text: { body: 'hello' } });
		return `service on :${run.service.port}, n8n ready in ${secs(run.n8n.timings.readyMs)}`;
	});
	try {
		if (setup.ok) {
			for (const name of only) {
				try {
					await SCENARIOS[name](run);
				} catch (error) {
					t.fail(`${name}: unexpected error`, error);
				}
			}
		}
	} finally {
		if (!live.stopping && report.failed.some((r) => r.version === version)) {
			const logs = [['n8n', run.n8n?.logFile], ['n8n CLI', run.n8n && path.join(run.n8n.userFolder, 'n8n-cli.log')], ['service', run.service?.logFile]];
			for (const [what, file] of logs) if (file) console.error(`\n--- ${what} log (last lines of ${file}) ---\n${tailOf(file)}`);
		}
		if (run.n8n) await run.n8n.stop();
		live.n8n.delete(run.n8n);
		if (run.service) await run.service.stop();
		live.services.delete(run.service);
		if (keep) console.log(`kept ${workDir}`);
		else fs.rmSync(workDir, { recursive: true, force: true });
		live.dirs.delete(workDir);
	}
}

// ---------------------------------------------------------------- main

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(error.message);
		return 2;
	}
	if (options.help) {
		console.log('usage: node scripts/e2e.mjs [X.Y.Z ...] [--no-build] [--keep] [--only send,business,web,groups,channels,wait,template]');
		return 0;
	}
	if (Number(process.versions.node.split('.')[0]) < 24) {
		console.error(`e2e: Node >= 24 is required (this is ${process.version})`);
		return 2;
	}
	// Jest's flags (set by /tmp/env.sh on dev machines) are not for n8n or the service.
	delete process.env.NODE_OPTIONS;
	live.keep = options.keep;
	installExitHandling();
	const t0 = Date.now();

	if (options.build) {
		const { ms } = await timed(() => Promise.all([npmRun('build'), npmRun('build:service')]));
		console.log(`built the nodes and the service in ${secs(ms)}`);
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-pack-'));
	live.dirs.add(packDir);
	const tarball = await npmPack(root, packDir);
	console.log(`packed ${path.basename(tarball)}`);
	// Installed before the clock of each version starts: a cold install takes minutes, then it is cached.
	for (const version of options.versions) {
		const { ms } = await timed(() => ensureN8nInstalled(version));
		console.log(`n8n ${version}: ${ms > 2000 ? `installed in ${secs(ms)}` : "cached"}`);
	}

	const report = new Report();
	live.report = report;
	const timings = {};
	for (const version of options.versions) {
		console.log(`\n== n8n ${version}`);
		({ ms: timings[version] } = await timed(() => runVersion(version, { tarball, report, only: options.only, keep: options.keep })));
	}
	console.log(report.summary(timings));
	console.log(`total ${secs(Date.now() - t0)}`);
	return report.failed.length ? 1 : 0;
}

const code = await main().catch((error) => {
	console.error(`e2e: ${error.stack ?? error}`);
	return 1;
});
// Everything started here is stopped by now; exiting at once keeps CI from waiting on any stray timer or socket.
process.exit(code);
