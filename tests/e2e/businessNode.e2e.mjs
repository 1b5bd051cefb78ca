#!/usr/bin/env node
// The WhatsApp Business node and trigger in a real n8n, against the real service in sandbox mode:
//   npm run build && npm run build:service && node tests/e2e/businessNode.e2e.mjs [2.41.1|1.123.81]   (both by default)
//
// For each version: starts the service (sandbox: a tenant, a number and the Cloud simulator), installs our packed
// package into a fresh n8n, then
//   1. publishes a workflow starting with the WhatsApp Business Trigger; a simulated user writes; the execution
//      carries the message (the trigger subscribed itself in the service on activation);
//   2. publishes Webhook -> WhatsApp Business "Send and Wait" (approval); the execution waits; the user taps
//      Approve in the simulated WhatsApp; the service calls n8n's resume URL; the execution ends with approved: true.
// 1.x notes: its public API refuses our credential without "allowedDomains" (imported through the CLI instead)
// and does not list waiting executions (read from n8n's database).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getExecution, importCredentials, importWorkflow, installPackageTarball, npmPack, postWebhook, publishWorkflow, startN8n } from '../../scripts/n8n/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const Database = createRequire(path.join(root, 'package.json'))('better-sqlite3');
const VERSIONS = process.argv.slice(2).filter((arg) => /^\d+\.\d+\.\d+$/.test(arg));
if (VERSIONS.length === 0) VERSIONS.push('2.41.1', '1.123.81');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () => new Promise((resolve) => { const server = net.createServer(); server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); }); });

async function until(what, probe, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(300);
	}
}

async function startService() {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-service-'));
	const child = spawn(process.execPath, [path.join(root, 'service/dist/main.js'), 'serve'], { env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', EVENT_POLL_INTERVAL_MS: '100' }, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout.on('data', (chunk) => (log += chunk));
	child.stderr.on('data', (chunk) => (log += chunk));
	const url = `http://127.0.0.1:${port}`;
	await until(`the service at ${url}`, async () => ((await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) && fs.existsSync(path.join(dataDir, 'sandbox.json')) ? true : undefined));
	const sandbox = JSON.parse(fs.readFileSync(path.join(dataDir, 'sandbox.json'), 'utf8'));
	// Development mode lets this machine drive the simulator without an admin key.
	const control = async (method, route, body) => {
		const response = await fetch(`${url}/sandbox/control${route}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
		if (!response.ok) throw new Error(`sandbox ${route}: ${response.status} ${await response.text()}`);
		return response.json();
	};
	const userWrites = (message) => control('POST', '/inbound', { phoneNumberId: sandbox.phoneNumberId, from: sandbox.testUser, wait: true, ...message });
	return { url, sandbox, control, userWrites, log: () => log, stop: () => child.kill() };
}

async function checkVersion(version, tarball) {
	const service = await startService();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `wa-e2e-n8n-${version}-`));
	await installPackageTarball(userFolder, tarball);
	const n8n = await startN8n({ version, userFolder });
	const executionRow = (workflowId) => {
		const db = new Database(path.join(userFolder, '.n8n/database.sqlite'), { readonly: true });
		try {
			return db.prepare('select id, status from execution_entity where workflowId = ? order by id desc').get(workflowId);
		} finally {
			db.close();
		}
	};
	try {
		const [credential] = await importCredentials(n8n, [{ name: 'WhatsApp tenant', type: 'whatsAppTenantApi', data: { serviceUrl: service.url, apiKey: service.sandbox.apiKey } }], { via: n8n.major === 1 ? 'cli' : 'api' });
		const credentials = { whatsAppTenantApi: { id: credential.id, name: credential.name } };
		await service.userWrites({ type: 'text', text: { body: 'hello' } });

		const triggerWorkflow = await importWorkflow(n8n, {
			name: 'On WhatsApp',
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: [{ id: 't1', name: 'On WhatsApp', type: 'n8n-nodes-whatsapp-multitenant.whatsAppBusinessTrigger', typeVersion: 1, position: [0, 0], webhookId: 'e2e-business-trigger', parameters: { events: ['message.received'] }, credentials }],
		});
		await publishWorkflow(n8n, triggerWorkflow);
		await until('the trigger’s subscription in the service', async () => ((await (await fetch(`${service.url}/v1/subscriptions`, { headers: { authorization: `Bearer ${service.sandbox.apiKey}` } })).json()).data.length > 0 ? true : undefined));
		await service.userWrites({ type: 'text', text: { body: 'trigger me' } });
		const triggered = await until('the trigger’s execution', async () => { const row = executionRow(triggerWorkflow); return row?.status === 'success' ? row : undefined; });
		const message = (await getExecution(n8n, triggered.id)).data.resultData.runData['On WhatsApp'][0].data.main[0][0].json;
		assert.equal(message.event, 'message.received');
		assert.equal(message.text.body, 'trigger me');
		console.log(`[${version}] trigger: one execution with the received message`);

		const askWorkflow = await importWorkflow(n8n, {
			name: 'Ask in WhatsApp',
			settings: { executionOrder: 'v1' },
			connections: { Hook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] } },
			nodes: [
				{ id: 'h1', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'e2e-business-ask', parameters: { httpMethod: 'POST', path: 'ask' } },
				{ id: 'a1', name: 'Ask', type: 'n8n-nodes-whatsapp-multitenant.whatsAppBusiness', typeVersion: 1, position: [200, 0], parameters: { resource: 'message', operation: 'sendAndWait', to: service.sandbox.testUser, message: 'Ship order 7?', responseType: 'approval' }, credentials },
			],
		});
		await publishWorkflow(n8n, askWorkflow);
		assert.equal((await postWebhook(n8n, 'ask', { order: 7 })).status, 200);
		const waiting = await until('a waiting execution', async () => { const row = executionRow(askWorkflow); return row?.status === 'waiting' ? row : undefined; });
		const question = (await service.control('GET', `/messages?phoneNumberId=${service.sandbox.phoneNumberId}&type=interactive`)).data.at(-1).request;
		await service.userWrites({ type: 'interactive', interactive: { type: 'button_reply', button_reply: question.interactive.action.buttons[0].reply } });
		await until('the execution to resume and succeed', async () => { const row = executionRow(askWorkflow); if (row.status === 'error') throw new Error('the resumed execution failed'); return row.id === waiting.id && row.status === 'success' ? row : undefined; });
		const answer = (await getExecution(n8n, waiting.id)).data.resultData.runData.Ask.at(-1).data.main[0][0].json;
		assert.equal(answer.data.approved, true);
		assert.equal(answer.matched, true);
		console.log(`[${version}] send and wait: resumed by the WhatsApp reply with approved: true`);
	} catch (error) {
		console.error(`[${version}] n8n log: ${path.join(userFolder, 'n8n.log')}\n--- service log ---\n${service.log().slice(-3000)}`);
		throw error;
	} finally {
		await n8n.stop();
		service.stop();
	}
}

const tarball = await npmPack(root);
for (const version of VERSIONS) await checkVersion(version, tarball);
console.log('WhatsApp Business node and trigger: OK on', VERSIONS.join(', '));
