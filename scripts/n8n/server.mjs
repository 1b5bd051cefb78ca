// Starts and stops a real n8n server for tests, headless: owner account,
// API key and readiness handled here.
//
// Process handling: n8n is spawned as `<node> node_modules/n8n/bin/n8n start`
// (no npx/shell in between, so the PID is n8n's) in its own process group,
// because in internal runner mode n8n forks a JS task-runner child. stop()
// sends SIGTERM to n8n (it shuts its runner down itself), waits, then SIGKILLs
// whatever is left in the group. Every process started here is also killed if
// the calling script exits or is interrupted.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureN8nInstalled, log, n8nBin } from './install.mjs';
import { freePort, majorOf, n8nEnv } from './env.mjs';

// ---------------------------------------------------------------- processes

const live = new Set(); // { pid, child }
let hooksInstalled = false;

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function installExitHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	// Last resort: whatever is still running when this script exits dies with it
	// (the children are group leaders, so they would not get our signals).
	process.on('exit', () => {
		for (const p of live) killGroup(p.pid, 'SIGKILL');
	});
	// Ctrl-C / CI cancellation: stop n8n gracefully (it stops its runner), a
	// second signal kills at once.
	let signalled = false;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			const code = sig === 'SIGINT' ? 130 : 143;
			if (signalled || live.size === 0) {
				for (const p of live) killGroup(p.pid, 'SIGKILL');
				process.exit(code);
			}
			signalled = true;
			log(`${sig}: stopping ${live.size} n8n process(es)`);
			const all = Promise.all([...live].map((p) => stopProcess(p.child, 10_000)));
			Promise.race([all, sleep(12_000)]).finally(() => process.exit(code));
		});
	}
}

/**
 * Spawns an n8n CLI command as the leader of its own process group and tracks
 * it so it cannot outlive the calling script.
 */
export function spawnN8n(installPath, args, { env, cwd, stdio }) {
	installExitHooks();
	const child = spawn(process.execPath, [n8nBin(installPath), ...args], { env, cwd, stdio, detached: true });
	const entry = { pid: child.pid, child };
	live.add(entry);
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			// The runner child may linger for a moment; never leave it behind.
			if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
			live.delete(entry);
			resolve({ code, signal });
		});
		child.once('error', (err) => {
			live.delete(entry);
			resolve({ code: -1, signal: null, error: err });
		});
	});
	return child;
}

/** SIGTERM, wait up to graceMs, then SIGKILL the whole group. */
export async function stopProcess(child, graceMs = 20_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		if (child && groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
		return;
	}
	try {
		process.kill(child.pid, 'SIGTERM');
	} catch {
		// already gone
	}
	let timer;
	const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
	const res = await Promise.race([child.exited, timeout]);
	// A pending grace timer would keep the caller's process alive for graceMs after n8n is gone.
	clearTimeout(timer);
	if (res === 'timeout') {
		log(`n8n pid ${child.pid} did not stop within ${graceMs} ms; killing its process group`);
		killGroup(child.pid, 'SIGKILL');
		await child.exited;
	}
	if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function tail(file, chars = 4000) {
	try {
		const t = fs.readFileSync(file, 'utf8');
		return t.slice(-chars);
	} catch {
		return '';
	}
}

// ---------------------------------------------------------------- HTTP

const READY_LINE = 'Editor is now accessible';

function readFrom(file, offset) {
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const buf = Buffer.alloc(Math.max(0, size - offset));
			fs.readSync(fd, buf, 0, buf.length, offset);
			return buf.toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

async function httpStatus(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

export const DEFAULT_OWNER = Object.freeze({
	email: 'owner@harness.test',
	password: 'Harness-Passw0rd',
	firstName: 'Harness',
	lastName: 'Owner',
});

// n8n binds the auth cookie to this header when it is sent at login, so send
// the same value on every /rest call.
const BROWSER_ID = 'wa-n8n-harness';

/**
 * Calls n8n's internal REST API (/rest/...) with the session cookie.
 * Returns the parsed body (n8n wraps it as { data }); throws on HTTP errors.
 */
export async function rest(ctx, method, urlPath, body, { raw = false } = {}) {
	const res = await fetch(`${ctx.baseUrl}/rest${urlPath}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			...(ctx.cookie ? { cookie: ctx.cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (raw) return res;
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = text;
	}
	if (!res.ok) {
		const err = new Error(`${method} /rest${urlPath} -> ${res.status}: ${typeof json === 'string' ? json : JSON.stringify(json)}`);
		err.status = res.status;
		err.body = json;
		throw err;
	}
	return json;
}

/**
 * Calls the public API (/api/v1/...) with the X-N8N-API-KEY header.
 * Returns the parsed body; throws on HTTP errors (err.status, err.body).
 */
export async function api(ctx, method, urlPath, body) {
	const res = await fetch(`${ctx.baseUrl}/api/v1${urlPath}`, {
		method,
		headers: { 'content-type': 'application/json', accept: 'application/json', 'X-N8N-API-KEY': ctx.apiKey },
		body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = text;
	}
	if (!res.ok) {
		const err = new Error(`${method} /api/v1${urlPath} -> ${res.status}: ${typeof json === 'string' ? json : JSON.stringify(json)}`);
		err.status = res.status;
		err.body = json;
		throw err;
	}
	return json;
}

function cookieFrom(res) {
	const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
	const auth = setCookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth || null;
}

/**
 * Creates the owner on a fresh instance (POST /rest/owner/setup, both 1.x and
 * 2.x), or logs in when it exists already. Returns the session cookie.
 */
export async function ensureOwnerSession(ctx, owner = DEFAULT_OWNER) {
	const setup = await rest(ctx, 'POST', '/owner/setup', owner, { raw: true });
	if (setup.ok) {
		const cookie = cookieFrom(setup);
		if (cookie) return cookie;
	} else {
		await setup.text();
	}
	// Owner exists already (restart of the same user folder), so log in.
	// 2.x expects emailOrLdapLoginId; 1.x before ~1.80 expected email.
	for (const body of [
		{ emailOrLdapLoginId: owner.email, password: owner.password },
		{ email: owner.email, password: owner.password },
	]) {
		const res = await rest(ctx, 'POST', '/login', body, { raw: true });
		const text = await res.text();
		if (res.ok) {
			const cookie = cookieFrom(res);
			if (cookie) return cookie;
		}
		if (res.status !== 400) throw new Error(`login failed: ${res.status} ${text}`);
	}
	throw new Error(`could not set up or log in as ${owner.email} (owner/setup said ${setup.status})`);
}

/**
 * Mints a public-API key for the logged-in owner with every scope the
 * instance offers (2.x and later 1.x have scoped keys; older ones do not).
 * Returns the raw key.
 */
export async function mintApiKey(ctx, label = `harness-${Date.now()}`) {
	let scopes;
	try {
		const res = await rest(ctx, 'GET', '/api-keys/scopes');
		scopes = res?.data ?? res;
		if (!Array.isArray(scopes)) scopes = undefined;
	} catch (e) {
		if (e.status !== 404) throw e;
	}
	const body = { label, expiresAt: null };
	if (scopes) body.scopes = scopes;
	const res = await rest(ctx, 'POST', '/api-keys', body);
	const data = res?.data ?? res;
	const key = data.rawApiKey || data.apiKey;
	if (!key || /\*/.test(key)) throw new Error(`unexpected /rest/api-keys answer: ${JSON.stringify(res)}`);
	return key;
}

// ---------------------------------------------------------------- start

/**
 * Starts `n8n start` and makes it usable headless.
 * @param {object} o
 * @param {string} o.version                n8n version, e.g. "2.41.1" or "1.123.81" (installed if needed)
 * @param {string} o.userFolder             N8N_USER_FOLDER (created if missing)
 * @param {number} [o.port]                 HTTP port (default: a free one)
 * @param {object} [o.env]                  extra environment, overrides the harness defaults
 * @param {object} [o.owner]                {email,password,firstName,lastName} (default DEFAULT_OWNER)
 * @param {number} [o.readyTimeoutMs=240000]
 * @returns {Promise<N8nContext>} { version, major, installPath, userFolder, port, baseUrl,
 *   webhookUrl, apiKey, cookie, owner, env, pid, logFile, timings, stop() }
 */
export async function startN8n({ version, userFolder, port, env = {}, owner = DEFAULT_OWNER, readyTimeoutMs = 240_000 }) {
	if (!version) throw new Error('startN8n: version is required');
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const installPath = await ensureN8nInstalled(version);
	port ||= await freePort();
	const brokerPort = await freePort();
	const fullEnv = n8nEnv({ version, userFolder, port, brokerPort, env });
	const logFile = path.join(userFolder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	fs.writeSync(out, `\n==== n8n@${version} start on port ${port} at ${new Date().toISOString()} ====\n`);
	const logOffset = fs.fstatSync(out).size;

	const t0 = Date.now();
	const child = spawnN8n(installPath, ['start'], { env: fullEnv, cwd: userFolder, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const baseUrl = `http://127.0.0.1:${port}`;
	const ctx = {
		version,
		major: majorOf(version),
		installPath,
		userFolder,
		port,
		baseUrl,
		webhookUrl: `${baseUrl}/webhook`,
		apiKey: null,
		cookie: null,
		owner,
		env: fullEnv,
		pid: child.pid,
		logFile,
		timings: {},
		stop: () => stopProcess(child),
	};
	log(`n8n@${version} starting (pid ${child.pid}, ${baseUrl}, log ${logFile})`);

	try {
		let exited = null;
		child.exited.then((r) => (exited = r));
		// Ready means: /healthz/readiness is 200 (2.x: DB migrated and server
		// fully started; 1.x: only DB migrated, REST routes may still be
		// missing), /rest/settings answers (REST routes are mounted), and n8n
		// printed "Editor is now accessible" (active workflows and their
		// webhooks are registered; printed by 1.x and 2.x after that step).
		let healthySince = 0;
		for (;;) {
			if (exited) throw new Error(`n8n exited during start-up (${exited.signal || `code ${exited.code}`}); log tail:\n${tail(logFile)}`);
			if (Date.now() - t0 > readyTimeoutMs) throw new Error(`n8n was not ready after ${readyTimeoutMs} ms; log tail:\n${tail(logFile)}`);
			const healthy = (await httpStatus(`${baseUrl}/healthz/readiness`)) === 200 && (await httpStatus(`${baseUrl}/rest/settings`)) === 200;
			if (healthy) {
				healthySince ||= Date.now();
				if (readFrom(logFile, logOffset).includes(READY_LINE)) break;
				if (Date.now() - healthySince > 60_000) {
					log(`n8n answers but never printed "${READY_LINE}"; carrying on`);
					break;
				}
			} else {
				healthySince = 0;
			}
			await sleep(250);
		}
		ctx.timings.readyMs = Date.now() - t0;
		const t1 = Date.now();
		ctx.cookie = await ensureOwnerSession(ctx, owner);
		ctx.apiKey = await mintApiKey(ctx);
		ctx.timings.authMs = Date.now() - t1;
		log(`n8n@${version} ready in ${(ctx.timings.readyMs / 1000).toFixed(1)} s (owner + API key ${ctx.timings.authMs} ms)`);
		return ctx;
	} catch (e) {
		await stopProcess(child);
		throw e;
	}
}
