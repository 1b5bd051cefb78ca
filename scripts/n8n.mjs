#!/usr/bin/env node
// "Try it in n8n" (`npm run n8n`): with `npm start` running in another terminal, starts a local n8n with this
// package built, packed and loaded, a credential for the service's sandbox tenant and the example workflows of
// examples/, then prints where to log in and what to try. Ctrl-C stops n8n (the service keeps running).
//
//   npm run n8n [-- --version 1.123.81] [--port 5678] [--data-dir ./data] [--fresh]
//
// n8n is installed on first use into ~/.cache/wa-n8n/<version> (a few minutes, once); its data (workflows,
// executions, the owner login) lives in ~/.cache/wa-n8n/sandbox-n8n/<version> and survives restarts (--fresh
// starts over). Examples already in n8n are left as they are, so edits survive too.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, cacheRoot, DEFAULT_VERSION, importWorkflow, installPackageTarball, npmPack, startN8n } from './n8n/index.mjs';
import { EXAMPLES, loadExample, prepareExample, upsertTenantCredential } from '../examples/setup.mjs';
import { publishAndSubscribe } from '../tests/e2e/lib/n8nSide.mjs';
import { clientsFor } from '../tests/e2e/lib/service.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_SESSION = 'sandbox-phone';
// Trigger examples go live at once, so a message injected into the sandbox shows up as an execution.
const PUBLISHED = ['autoReply', 'webAutoReply', 'resubmitTemplate'];

function usage() {
	return 'usage: npm run n8n [-- --version X.Y.Z] [--port N] [--data-dir DIR] [--fresh]';
}

function parseArgs(argv) {
	const options = { version: DEFAULT_VERSION, port: 5678, dataDir: process.env.DATA_DIR || 'data', fresh: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
			return argv[++i];
		};
		if (arg === '--version') options.version = value();
		else if (arg === '--port') options.port = Number(value());
		else if (arg === '--data-dir') options.dataDir = value();
		else if (arg === '--fresh') options.fresh = true;
		else if (arg === '-h' || arg === '--help') options.help = true;
		else throw new Error(`unknown argument ${arg}\n${usage()}`);
	}
	if (!/^\d+\.\d+\.\d+$/.test(options.version)) throw new Error(`--version wants X.Y.Z, e.g. 1.123.81 (got ${options.version})`);
	if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new Error('--port wants a TCP port number');
	options.dataDir = path.resolve(root, options.dataDir);
	return options;
}

/** The sandbox tenant of the running service (written by `npm start` into DATA_DIR/sandbox.json). */
async function readSandbox(dataDir) {
	const file = path.join(dataDir, 'sandbox.json');
	if (!fs.existsSync(file)) throw new Error(`${file} does not exist. Start the service first (npm start, in another terminal), or point --data-dir at its DATA_DIR.`);
	const sandbox = JSON.parse(fs.readFileSync(file, 'utf8'));
	const healthy = await fetch(`${sandbox.serviceUrl}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
	if (!healthy) throw new Error(`The service of ${file} does not answer at ${sandbox.serviceUrl}. Start it with npm start (in another terminal).`);
	const me = await fetch(`${sandbox.serviceUrl}/v1/me`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
	if (!me.ok) throw new Error(`The service at ${sandbox.serviceUrl} refuses the sandbox API key of ${file} (${me.status}); is that file from another DATA_DIR?`);
	return sandbox;
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Builds the nodes and packs them as n8n would install them from npm; the temp folder goes when we exit. */
async function packPackage() {
	const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
	if (build.status !== 0) throw new Error(`npm run build failed:\n${(build.stdout + build.stderr).slice(-3000)}`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-n8n-try-pack-'));
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	return npmPack(root, dir);
}

/**
 * The owner of this local n8n: generated on first start and kept (0600) in its user folder, because n8n only
 * listens on loopback but a fixed, published password would still let any local user in.
 */
function ownerFor(userFolder) {
	const file = path.join(userFolder, 'owner.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const owner = { email: 'owner@example.com', password: `Sandbox-${crypto.randomBytes(12).toString('base64url')}-1`, firstName: 'Sandbox', lastName: 'Owner' };
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(file, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return owner;
}

async function startLocalN8n({ version, port, fresh }, tarball) {
	const userFolder = path.join(cacheRoot(), 'sandbox-n8n', version);
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	if (fs.existsSync(path.join(userFolder, '.n8n')) && !fs.existsSync(path.join(userFolder, 'owner.json'))) {
		throw new Error(`${userFolder} holds an n8n whose owner login is unknown; run with --fresh to start over`);
	}
	const owner = ownerFor(userFolder);
	await installPackageTarball(userFolder, tarball);
	// Jest's flags (set on the dev machines) are not for n8n.
	return startN8n({ version, userFolder, port, owner, env: { NODE_OPTIONS: '' } });
}

/**
 * Imports the examples n8n does not have yet (by name), bound to the credential, and publishes the trigger
 * examples; ones already published are published again, so they subscribe with the current service and key.
 */
async function installExamples(n8n, sandbox, clients) {
	const credential = await upsertTenantCredential(n8n, { serviceUrl: sandbox.serviceUrl, apiKey: sandbox.apiKey });
	const existing = (await api(n8n, 'GET', '/workflows?limit=250')).data;
	const workflows = {};
	for (const key of Object.keys(EXAMPLES)) {
		const { name } = loadExample(key);
		const found = existing.find((w) => w.name === name);
		const workflow = found ? (await api(n8n, 'GET', `/workflows/${found.id}`)) : prepareExample(key, credential);
		const id = found?.id ?? (await importWorkflow(n8n, workflow, { via: 'api' }));
		workflows[key] = { id, name, imported: !found };
		if (!PUBLISHED.includes(key) || (found && !found.active)) continue;
		try {
			await publishAndSubscribe(n8n, clients, id, workflow, { republish: Boolean(found?.active) });
		} catch (error) {
			// An example edited beyond recognition must not keep n8n from starting; say why it is not live.
			workflows[key].problem = `not published: ${error.message}`;
		}
	}
	return workflows;
}

/** Creates the Web sandbox session the Web example listens to and lets the fake phone scan its QR code. */
async function linkWebSession(clients) {
	try {
		const session = await clients.web.linkSession(WEB_SESSION, { timeoutMs: 20_000 });
		return `linked as ${session.me?.id}`;
	} catch (error) {
		return `not linked (${error.message}); the Web sandbox needs WEB_DRIVER=fake, the default of npm start`;
	}
}

function welcome(n8n, sandbox, workflows, webState) {
	const inbound = (body) => `curl -s -X POST ${sandbox.controlUrl}/inbound -H 'content-type: application/json' -d '${JSON.stringify({ phoneNumberId: sandbox.phoneNumberId, from: sandbox.testUser, type: 'text', text: { body } })}'`;
	const link = (key) => `${n8n.baseUrl}/workflow/${workflows[key].id}`;
	return `
n8n ${n8n.version} is running with the WhatsApp nodes: ${n8n.baseUrl}
  log in as   ${n8n.owner.email} / ${n8n.owner.password}   (kept in ${path.join(n8n.userFolder, 'owner.json')})
  credential  "WhatsApp sandbox tenant" -> ${sandbox.serviceUrl} (sandbox tenant, number ${sandbox.displayPhoneNumber})
  examples    ${Object.values(workflows).map((w) => `${w.name}${w.imported ? ' (new)' : ''}${w.problem ? ` (${w.problem})` : ''}`).join('\n              ')}
  The test user ${sandbox.testUser} just wrote "hi" to the sandbox number, which opens WhatsApp's 24 h window.

Try:
  1. Send every message type: open ${link('sendEveryType')} and click "Execute workflow".
     What Meta (the simulator) received:  curl -s '${sandbox.controlUrl}/messages?limit=12'
  2. Auto-reply (published): write as the test user, then see the run under Executions:
     ${inbound('Where is my order?')}
  3. Ask and wait: open ${link('askAndWait')}, click "Execute workflow"; it waits for the answer. Answer by typing a button
     label (the auto-reply answers too: it listens to every text):
     ${inbound('Ship it')}
  4. WhatsApp Web (published; session "${WEB_SESSION}" ${webState}): a message arrives in the fake phone's session:
     curl -s -X POST ${sandbox.serviceUrl}/sandbox/web/${sandbox.tenantId}/${WEB_SESSION}/inbound -H 'content-type: application/json' -d '{"from":"${sandbox.testUser}@c.us","body":"Hi on WhatsApp Web"}'
  5. Resubmit a rejected template (published): create a template, have "Meta" reject it for its category, and watch
     the workflow resubmit it as MARKETING (GET /v1/templates/<id> shows it):
     curl -s -X POST ${sandbox.serviceUrl}/v1/templates -H 'authorization: Bearer ${sandbox.apiKey}' -H 'content-type: application/json' -d '{"name":"spring_sale","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Our spring sale starts {{1}} with new offers.","example":{"body_text":[["today"]]}}]}'
     curl -s -X POST ${sandbox.controlUrl}/templates/<id>/reject -H 'content-type: application/json' -d '{"reason":"INCORRECT_CATEGORY"}'

The examples are also in examples/*.json (Workflows > Import from File) for any n8n.
n8n log: ${n8n.logFile}
Press Ctrl-C to stop n8n (the service keeps running).`;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log(usage());
		return;
	}
	const sandbox = await readSandbox(options.dataDir);
	if (!(await portIsFree(options.port))) throw new Error(`Port ${options.port} is in use (another n8n?). Pick another one: npm run n8n -- --port 5679`);
	const tarball = await packPackage();
	const n8n = await startLocalN8n(options, tarball);
	const clients = clientsFor(sandbox.serviceUrl, sandbox);
	const webState = await linkWebSession(clients);
	const workflows = await installExamples(n8n, sandbox, clients);
	// After publishing, so the auto-reply answers it: a first execution to look at.
	await clients.cloud.userWrites({ type: 'text', text: { body: 'hi' } });
	console.log(welcome(n8n, sandbox, workflows, webState));
	// Stay up until Ctrl-C; scripts/n8n stops n8n and its task runner on SIGINT/SIGTERM.
	setInterval(() => {}, 1 << 30);
}

main().catch((error) => {
	console.error(`\nnpm run n8n: ${error.message}`);
	process.exit(1);
});
