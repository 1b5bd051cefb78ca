// The companion service in sandbox mode for one end-to-end run: a fresh data folder, a free loopback port, the
// Cloud API simulator and the fake WhatsApp Web driver, both driven through their control routes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../../scripts/n8n/index.mjs';
import { until } from './poll.mjs';

// Only these variables of the caller's shell reach the service: CI exports MYSQL_URL (and a developer may have
// JWT_KEYS, WEB_* …), which would point this throwaway service at shared state.
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ'];

/**
 * Starts `node service/dist/main.js serve` (run `npm run build:service` first) and resolves once it answers and
 * has written sandbox.json. stop() resolves when the process is gone; kill() is the synchronous last resort.
 */
export async function startSandboxService({ root, workDir, startTimeoutMs = 60_000 }) {
	const port = await freePort();
	const dataDir = path.join(workDir, 'service-data');
	fs.mkdirSync(dataDir, { recursive: true });
	const logFile = path.join(workDir, 'service.log');
	const out = fs.openSync(logFile, 'a');
	const env = Object.fromEntries(PASSED_THROUGH.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
	Object.assign(env, {
		NODE_ENV: 'development', // sandbox mode, and the control routes open to loopback callers
		HOST: '127.0.0.1',
		PORT: String(port),
		DATA_DIR: dataDir,
		WEB_DRIVER: 'fake',
		LOG_LEVEL: 'warn',
		// Events reach n8n within ~100 ms instead of the default poll interval: the suite waits on them.
		EVENT_POLL_INTERVAL_MS: '100',
	});
	const child = spawn(process.execPath, [path.join(root, 'service/dist/main.js'), 'serve'], { env, cwd: workDir, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	let gone = null;
	exited.then((r) => (gone = r));

	const url = `http://127.0.0.1:${port}`;
	const sandboxFile = path.join(dataDir, 'sandbox.json');
	const service = {
		url,
		port,
		pid: child.pid,
		dataDir,
		logFile,
		sandbox: null,
		kill: () => (gone ? undefined : child.kill('SIGKILL')),
		stop: async (graceMs = 10_000) => {
			if (gone) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
	try {
		await until(`the service at ${url}`, async () => {
			if (gone) throw new Error(`the service exited during start-up (${gone.signal ?? `code ${gone.code}`}); see ${logFile}`);
			const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
			return healthy && fs.existsSync(sandboxFile) ? true : undefined;
		}, { timeoutMs: startTimeoutMs, intervalMs: 200 });
		service.sandbox = JSON.parse(fs.readFileSync(sandboxFile, 'utf8'));
	} catch (error) {
		await service.stop();
		throw error;
	}
	return Object.assign(service, clientsFor(url, service.sandbox));
}

/** JSON over fetch; throws with the status and body on anything but 2xx. */
async function call(method, url, body, headers = {}) {
	const response = await fetch(url, {
		method,
		headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${url} -> ${response.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : undefined;
}

/**
 * Clients for a running sandbox service (the suite's or the one `npm start` runs): the tenant API, the Cloud
 * simulator's control API and the Web sandbox (fake phone) routes.
 */
export function clientsFor(url, sandbox) {
	const api = (method, route, body) => call(method, `${url}${route}`, body, { authorization: `Bearer ${sandbox.apiKey}` });
	// Development mode lets loopback callers drive the simulators without an admin key.
	const control = (method, route, body) => call(method, `${url}/sandbox/control${route}`, body);
	const phone = (session, route = '', method = 'POST', body) => call(method, `${url}/sandbox/web/${sandbox.tenantId}/${session}${route}`, body);
	return {
		api,
		control,
		cloud: {
			/** The sandbox's test user writes to the sandbox number; resolves once the service took the webhook. */
			userWrites: (message) => control('POST', '/inbound', { phoneNumberId: sandbox.phoneNumberId, from: sandbox.testUser, wait: true, ...message }),
			/** What Meta received for one message id (the wamid), as the simulator logged it. */
			sent: (wamid) => control('GET', `/messages/${encodeURIComponent(wamid)}`),
			sentOfType: async (type) => (await control('GET', `/messages?phoneNumberId=${sandbox.phoneNumberId}&to=${sandbox.testUser}&type=${type}`)).data,
			inbound: async () => (await control('GET', '/inbound')).data,
		},
		web: {
			/**
			 * Creates the session (or takes the one of that name), starts it if it is not running, and plays the
			 * phone that scans its QR code; resolves with the session once WORKING (at once if it already is).
			 */
			linkSession: async (name, { timeoutMs = 30_000 } = {}) => {
				const created = await api('POST', '/v1/web/sessions', { name, start: true });
				if (created.desiredState !== 'running') await api('POST', `/v1/web/sessions/${name}/start`);
				let scanned = false;
				return until(`Web session ${name} to be WORKING`, async () => {
					const session = await api('GET', `/v1/web/sessions/${name}`);
					if (session.status === 'WORKING') return session;
					if (session.status === 'FAILED' && scanned) throw new Error(`Web session ${name} failed: ${session.reason}`);
					if (session.status === 'SCAN_QR' && !scanned && (await phone(name, '', 'GET')).qr) {
						await phone(name, '/scan');
						scanned = true;
					}
					return undefined;
				}, { timeoutMs });
			},
			/** A message arrives in the session from `from` (a chat id); answers { id, chatId, type }. */
			receive: (session, message) => phone(session, '/inbound', 'POST', message),
			chatMessages: async (session, chatId) => (await api('GET', `/v1/web/sessions/${session}/chats/${encodeURIComponent(chatId)}/messages?limit=50`)).data,
		},
	};
}
