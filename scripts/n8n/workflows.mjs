// Workflow, credential and execution helpers on top of a context from
// startN8n() (server running: public API used where it can be) or from
// cliContext() (no server: n8n CLI commands only).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureN8nInstalled, log } from './install.mjs';
import { freePort, majorOf, n8nEnv } from './env.mjs';
import { api, spawnN8n, stopProcess } from './server.mjs';

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** A random id in n8n's format (16 letters and digits). */
export function newId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(16);
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * A context for CLI-only use (import, execute) without a running server.
 * @returns {Promise<{version, major, installPath, userFolder, env}>}
 */
export async function cliContext({ version, userFolder, env = {} }) {
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const installPath = await ensureN8nInstalled(version);
	return { version, major: majorOf(version), installPath, userFolder, env: n8nEnv({ version, userFolder, env }), extraEnv: env };
}

/**
 * Runs one n8n CLI command against the context's user folder and database.
 * Each call gets its own task-broker port, so it can run next to the server.
 * @returns {Promise<{code, signal, stdout, stderr, ms}>}
 */
export async function runCli(ctx, args, { timeoutMs = 180_000, env = {} } = {}) {
	const brokerPort = await freePort();
	const cliEnv = { ...ctx.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env };
	// The CLI must not try to bind the server's HTTP port.
	delete cliEnv.N8N_PORT;
	const t0 = Date.now();
	const child = spawnN8n(ctx.installPath, args, { env: cliEnv, cwd: ctx.userFolder, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
	child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
	const timer = setTimeout(() => {
		log(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms; stopping it`);
		stopProcess(child, 5000);
	}, timeoutMs);
	const { code, signal } = await child.exited;
	clearTimeout(timer);
	// Keep a trace of every CLI call next to the server log.
	fs.appendFileSync(path.join(ctx.userFolder, 'n8n-cli.log'), `\n==== n8n ${args.join(' ')} -> ${signal || code} (${Date.now() - t0} ms)\n${stdout}\n${stderr}`);
	return { code, signal, stdout, stderr, ms: Date.now() - t0 };
}

function cliFailure(what, r) {
	return new Error(`${what} failed (${r.signal || `exit ${r.code}`}):\n${(r.stdout + r.stderr).slice(-3000)}`);
}

/**
 * Imports credentials. creds: [{ id?, name, type, data: {plain fields} }].
 * via 'api' (default when a server is running): POST /api/v1/credentials
 * (ids are kept on 2.x only; 1.x assigns its own). via 'cli': `n8n import:credentials`
 * (ids always kept; n8n encrypts the plain data on import).
 * @returns {Promise<Array<{id, name, type}>>} use these in node.credentials
 */
export async function importCredentials(ctx, creds, { via } = {}) {
	const list = Array.isArray(creds) ? creds : [creds];
	via ||= ctx.apiKey ? 'api' : 'cli';
	if (via === 'api') {
		const out = [];
		for (const c of list) {
			const body = { name: c.name, type: c.type, data: c.data };
			if (c.id && ctx.major >= 2) body.id = c.id;
			const res = await api(ctx, 'POST', '/credentials', body);
			out.push({ id: res.id, name: res.name, type: res.type });
		}
		return out;
	}
	const withIds = list.map((c) => ({ id: c.id || newId(), name: c.name, type: c.type, data: c.data }));
	const file = path.join(ctx.userFolder, `import-credentials-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(withIds), { mode: 0o600 });
	try {
		const r = await runCli(ctx, ['import:credentials', `--input=${file}`]);
		if (r.code !== 0) throw cliFailure('n8n import:credentials', r);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return withIds.map(({ id, name, type }) => ({ id, name, type }));
}

/**
 * Imports one workflow (an object or a path to a workflow JSON file).
 * via 'api' (default when a server is running): POST /api/v1/workflows; only
 * name, nodes, connections, settings, staticData are sent and n8n picks the id.
 * via 'cli': `n8n import:workflow` keeps the given id (or a new one) and
 * everything else in the file (pinData too); the workflow is imported inactive.
 * @returns {Promise<string>} the workflow id
 */
export async function importWorkflow(ctx, workflow, { via } = {}) {
	const wf = typeof workflow === 'string' ? JSON.parse(fs.readFileSync(workflow, 'utf8')) : structuredClone(workflow);
	via ||= ctx.apiKey ? 'api' : 'cli';
	if (via === 'api') {
		const body = { name: wf.name || 'Harness workflow', nodes: wf.nodes, connections: wf.connections || {}, settings: wf.settings || {} };
		if (wf.staticData) body.staticData = wf.staticData;
		const res = await api(ctx, 'POST', '/workflows', body);
		return res.id;
	}
	wf.id ||= newId();
	wf.name ||= 'Harness workflow';
	wf.connections ||= {};
	wf.settings ||= {};
	wf.active = false;
	const file = path.join(ctx.userFolder, `import-workflow-${wf.id}.json`);
	fs.writeFileSync(file, JSON.stringify(wf));
	try {
		const r = await runCli(ctx, ['import:workflow', `--input=${file}`]);
		if (r.code !== 0) throw cliFailure('n8n import:workflow', r);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return wf.id;
}

/**
 * Finds the pretty-printed IRun JSON that `n8n execute` prints after its log
 * lines: from a line that is exactly "{" to the next line that is exactly "}".
 */
export function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].replace(/\r$/, '') !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j].replace(/\r$/, '') !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				break;
			}
		}
	}
	return null;
}

/**
 * Runs a workflow once with `n8n execute --id` in a separate process (works
 * with or without the server running). The workflow must start with a Manual
 * Trigger (or Execute Workflow Trigger).
 * @returns {Promise<{ok: boolean, status: string, run: object|null, runData: object,
 *   error: object|undefined, exitCode: number, stdout: string, stderr: string, ms: number}>}
 *   run is n8n's IRun; use nodeOutput(result, 'Node name') for a node's items.
 */
export async function executeWorkflow(ctx, id, { timeoutMs = 180_000 } = {}) {
	const r = await runCli(ctx, ['execute', `--id=${id}`], { timeoutMs });
	const run = parseExecuteOutput(r.stdout);
	const error = run?.data?.resultData?.error;
	const ok = r.code === 0 && !!run && !error;
	return {
		ok,
		status: run?.status ?? (ok ? 'success' : 'error'),
		run,
		runData: run?.data?.resultData?.runData ?? {},
		error,
		exitCode: r.code,
		stdout: r.stdout,
		stderr: r.stderr,
		ms: r.ms,
	};
}

/**
 * The json of the items a node produced (first run, given output), from an
 * executeWorkflow() result, an IRun, or an execution fetched with includeData.
 */
export function nodeOutput(result, nodeName, { output = 0, runIndex = 0 } = {}) {
	const runData = result?.runData ?? result?.data?.resultData?.runData ?? result?.run?.data?.resultData?.runData;
	const task = runData?.[nodeName]?.[runIndex];
	if (!task) return undefined;
	return (task.data?.main?.[output] ?? []).map((item) => item.json);
}

/**
 * Publishes (activates) a workflow through the public API so its triggers and
 * production webhooks go live. 2.x: POST /workflows/{id}/publish;
 * 1.x: POST /workflows/{id}/activate.
 * @returns {Promise<object>} the API's answer (the workflow)
 */
export async function publishWorkflow(ctx, id) {
	return await api(ctx, 'POST', `/workflows/${id}/${ctx.major >= 2 ? 'publish' : 'activate'}`);
}

/** The reverse of publishWorkflow(). */
export async function unpublishWorkflow(ctx, id) {
	return await api(ctx, 'POST', `/workflows/${id}/${ctx.major >= 2 ? 'unpublish' : 'deactivate'}`);
}

/**
 * Executions of a workflow, newest first, through GET /api/v1/executions.
 * @returns {Promise<object[]>} each { id, status, mode, finished, startedAt, stoppedAt, workflowId, data? }
 */
export async function listExecutions(ctx, workflowId, { includeData = true, status, limit = 50 } = {}) {
	const q = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
	if (workflowId) q.set('workflowId', String(workflowId));
	if (status) q.set('status', status);
	const res = await api(ctx, 'GET', `/executions?${q}`);
	return res.data ?? [];
}

/** One execution with its data (GET /api/v1/executions/{id}?includeData=true). */
export async function getExecution(ctx, executionId, { includeData = true } = {}) {
	return await api(ctx, 'GET', `/executions/${executionId}?includeData=${includeData}`);
}

const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);

/**
 * Polls until a finished execution of the workflow shows up (optionally one
 * not in `exclude`, or one matching `predicate`) and returns it with data.
 * Pass exclude: (await listExecutions(ctx, id)).map(e => e.id) taken before
 * triggering to wait for a new one. Set waitFor: 'any' to accept a 'waiting'
 * execution too.
 * @returns {Promise<object>} the execution ({ id, status, mode, data: { resultData: { runData } } })
 */
export async function waitForExecution(ctx, workflowId, { timeoutMs = 60_000, intervalMs = 300, exclude = [], predicate, waitFor = 'finished' } = {}) {
	const skip = new Set(exclude.map(String));
	const t0 = Date.now();
	let last = [];
	for (;;) {
		last = await listExecutions(ctx, workflowId, { includeData: true });
		const hit = last.find(
			(e) => !skip.has(String(e.id)) && (waitFor === 'any' || !UNFINISHED.has(e.status)) && (!predicate || predicate(e)),
		);
		if (hit) return hit;
		if (Date.now() - t0 > timeoutMs) {
			throw new Error(
				`no ${waitFor} execution of workflow ${workflowId} within ${timeoutMs} ms; saw ${JSON.stringify(last.map((e) => ({ id: e.id, status: e.status, mode: e.mode })))}`,
			);
		}
		await sleep(intervalMs);
	}
}

/**
 * Calls a production webhook: <baseUrl>/webhook/<path> (or /webhook-test/ with
 * test: true). A 404 right after publishing is retried for retry404Ms.
 * @returns {Promise<{status: number, headers: Headers, body: any}>}
 */
export async function postWebhook(ctx, webhookPath, body, { method = 'POST', headers = {}, test = false, retry404Ms = 5000 } = {}) {
	const url = `${ctx.baseUrl}/${test ? 'webhook-test' : 'webhook'}/${String(webhookPath).replace(/^\/+/, '')}`;
	const t0 = Date.now();
	for (;;) {
		const res = await fetch(url, {
			method,
			headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
			body: body === undefined || method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON
		}
		if (res.status === 404 && Date.now() - t0 < retry404Ms) {
			await sleep(250);
			continue;
		}
		return { status: res.status, headers: res.headers, body: parsed };
	}
}
