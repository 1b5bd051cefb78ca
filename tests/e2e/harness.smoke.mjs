#!/usr/bin/env node
// Proof that scripts/n8n works end to end against a real n8n, on both lines:
//   node tests/e2e/harness.smoke.mjs            # 2.41.1 and 1.123.81
//   node tests/e2e/harness.smoke.mjs 1.123.81   # one version
//
// For each version it: installs n8n (cached in ~/.cache/wa-n8n), builds and
// `npm pack`s a throwaway community package `n8n-nodes-harnesscheck` (plain
// .js, no build), unpacks it into a fresh user folder, starts n8n, runs
// Manual Trigger -> our node with `n8n execute --id`, then publishes a
// workflow that starts with our webhook trigger, POSTs to its production URL
// and finds the successful execution through /api/v1/executions.
// Needs Node >= 24 (source /tmp/env.sh). Exits non-zero with a message on failure.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	ensureN8nInstalled,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	installPackageTarball,
	listExecutions,
	nodeOutput,
	npmPack,
	postWebhook,
	publishWorkflow,
	startN8n,
	waitForExecution,
} from '../../scripts/n8n/index.mjs';

const VERSIONS = process.argv.slice(2).filter((a) => /^\d+\.\d+\.\d+$/.test(a));
if (!VERSIONS.length) VERSIONS.push('2.41.1', '1.123.81');
const PKG = 'n8n-nodes-harnesscheck';

if (Number(process.versions.node.split('.')[0]) < 24) {
	console.error(`harness smoke: Node >= 24 is required (this is ${process.version}); run "source /tmp/env.sh" first`);
	process.exit(2);
}

// ---------------------------------------------------------------- throwaway package

function writeHarnessPackage(dir) {
	const files = {
		'package.json': JSON.stringify(
			{
				name: PKG,
				version: '0.0.1',
				description: 'Throwaway package that proves the n8n test harness loads community nodes',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: [],
					nodes: ['dist/nodes/HarnessHello/HarnessHello.node.js', 'dist/nodes/HarnessWebhookTrigger/HarnessWebhookTrigger.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
		// Requires n8n-workflow like a real community node would, to prove the
		// peer dependency resolves from <userFolder>/.n8n/nodes.
		'dist/nodes/HarnessHello/HarnessHello.node.js': `'use strict';
const workflow = require('n8n-workflow');
const MAIN = (workflow.NodeConnectionTypes && workflow.NodeConnectionTypes.Main) || 'main';
class HarnessHello {
	constructor() {
		this.description = {
			displayName: 'Harness Hello',
			name: 'harnessHello',
			group: ['transform'],
			version: 1,
			description: 'Returns {hello: "world"} for every input item',
			defaults: { name: 'Harness Hello' },
			inputs: [MAIN],
			outputs: [MAIN],
			properties: [],
		};
	}
	async execute() {
		const items = this.getInputData();
		return [items.map((_item, i) => ({ json: { hello: 'world' }, pairedItem: { item: i } }))];
	}
}
exports.HarnessHello = HarnessHello;
`,
		'dist/nodes/HarnessWebhookTrigger/HarnessWebhookTrigger.node.js': `'use strict';
class HarnessWebhookTrigger {
	constructor() {
		this.description = {
			displayName: 'Harness Webhook Trigger',
			name: 'harnessWebhookTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Starts the workflow when its webhook is called',
			defaults: { name: 'Harness Webhook Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '={{$parameter["path"]}}', isFullPath: true },
			],
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: 'harnesscheck', required: true }],
		};
	}
	async webhook() {
		const body = this.getBodyData();
		return { workflowData: [this.helpers.returnJsonArray([{ received: body, via: 'harnessWebhookTrigger' }])] };
	}
}
exports.HarnessWebhookTrigger = HarnessWebhookTrigger;
`,
	};
	for (const [rel, text] of Object.entries(files)) {
		const f = path.join(dir, rel);
		fs.mkdirSync(path.dirname(f), { recursive: true });
		fs.writeFileSync(f, text);
	}
}

function manualWorkflow() {
	return {
		name: 'Harness: manual -> hello',
		nodes: [
			{ id: crypto.randomUUID(), name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: crypto.randomUUID(), name: 'Hello', type: `${PKG}.harnessHello`, typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { Manual: { main: [[{ node: 'Hello', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

function webhookWorkflow(webhookPath) {
	return {
		name: 'Harness: webhook -> hello',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Hook',
				type: `${PKG}.harnessWebhookTrigger`,
				typeVersion: 1,
				position: [0, 0],
				// Production webhook paths come from webhookId unless the node's
				// webhook is isFullPath with a path, as here; set it anyway.
				webhookId: crypto.randomUUID(),
				parameters: { path: webhookPath },
			},
			{ id: crypto.randomUUID(), name: 'Hello', type: `${PKG}.harnessHello`, typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { Hook: { main: [[{ node: 'Hello', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

// ---------------------------------------------------------------- one version

async function timed(timings, key, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		timings[key] = Date.now() - t;
	}
}

async function checkVersion(version) {
	const timings = {};
	const work = fs.mkdtempSync(path.join(os.tmpdir(), `wa-harness-${version}-`));
	let ctx;
	let ok = false;
	try {
		console.log(`\n=== n8n@${version} (work dir ${work})`);
		await timed(timings, 'install', () => ensureN8nInstalled(version));

		const tarball = await timed(timings, 'pack', async () => {
			const pkgDir = path.join(work, 'pkg');
			writeHarnessPackage(pkgDir);
			return npmPack(pkgDir, path.join(work, 'dist'));
		});
		const userFolder = path.join(work, 'user');
		const installed = await installPackageTarball(userFolder, tarball);
		assert.equal(installed.dir, path.join(userFolder, '.n8n', 'nodes', 'node_modules', PKG));
		assert.ok(fs.existsSync(path.join(installed.dir, 'dist/nodes/HarnessHello/HarnessHello.node.js')));

		ctx = await timed(timings, 'startToAuthed', () => startN8n({ version, userFolder }));
		timings.startToReady = ctx.timings.readyMs;
		assert.ok(ctx.apiKey, 'no API key');
		assert.ok(ctx.cookie, 'no session cookie');

		// Credentials both ways (the built-in Header Auth type exists in 1.x and 2.x).
		const [credApi] = await importCredentials(ctx, [{ name: 'Harness header (api)', type: 'httpHeaderAuth', data: { name: 'X-Test', value: 'a' } }], { via: 'api' });
		assert.ok(credApi.id, 'credential via API has no id');
		const [credCli] = await timed(timings, 'importCredentialsCli', () =>
			importCredentials(ctx, [{ name: 'Harness header (cli)', type: 'httpHeaderAuth', data: { name: 'X-Test', value: 'b' } }], { via: 'cli' }),
		);
		assert.ok(credCli.id, 'credential via CLI has no id');

		// 1) Manual Trigger -> our node, imported with the CLI, run with `n8n execute --id`.
		const manualId = await timed(timings, 'importWorkflowCli', () => importWorkflow(ctx, manualWorkflow(), { via: 'cli' }));
		const result = await timed(timings, 'execute', () => executeWorkflow(ctx, manualId));
		if (!result.ok) {
			throw new Error(`execute --id=${manualId} failed (exit ${result.exitCode}): ${JSON.stringify(result.error) ?? ''}\n${(result.stdout + result.stderr).slice(-3000)}`);
		}
		assert.deepEqual(nodeOutput(result, 'Hello'), [{ hello: 'world' }], 'our node did not return {hello: "world"}');
		console.log(`  execute --id: ok, Hello -> ${JSON.stringify(nodeOutput(result, 'Hello'))}`);

		// 2) Our webhook trigger -> our node, created through the public API, published, called.
		const hookPath = `harnesscheck-${crypto.randomBytes(4).toString('hex')}`;
		const hookId = await importWorkflow(ctx, webhookWorkflow(hookPath), { via: 'api' });
		await timed(timings, 'publish', () => publishWorkflow(ctx, hookId));
		const before = (await listExecutions(ctx, hookId, { includeData: false })).map((e) => e.id);
		const payload = { ping: 'pong', n: 42 };
		const res = await timed(timings, 'webhookCall', () => postWebhook(ctx, hookPath, payload));
		assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
		const exec = await timed(timings, 'webhookToExecution', () => waitForExecution(ctx, hookId, { exclude: before, timeoutMs: 30_000 }));
		assert.equal(exec.status, 'success', `webhook execution status ${exec.status}`);
		assert.equal(exec.mode, 'webhook');
		assert.deepEqual(nodeOutput(exec, 'Hello'), [{ hello: 'world' }]);
		const hookOut = nodeOutput(exec, 'Hook');
		assert.deepEqual(hookOut?.[0]?.received, payload, `trigger output was ${JSON.stringify(hookOut)}`);
		console.log(`  webhook: ok, execution ${exec.id} ${exec.status} (${exec.mode}), trigger got ${JSON.stringify(hookOut[0].received)}`);

		// 3) Clean stop: n8n and its task runner gone.
		let pid = ctx.pid;
		await timed(timings, 'stop', () => ctx.stop());
		ctx = null;
		assert.throws(() => process.kill(-pid, 0), 'n8n process group still alive after stop()');

		// 4) Restart on the same user folder: same encryption key, the owner
		// logs in instead of being created, a new API key works, and the
		// published workflow's webhook is live again.
		ctx = await timed(timings, 'restart', () => startN8n({ version, userFolder }));
		const before2 = (await listExecutions(ctx, hookId, { includeData: false })).map((e) => e.id);
		assert.ok(before2.length >= 1, 'executions from the first run are gone after restart');
		const res2 = await postWebhook(ctx, hookPath, { again: true });
		assert.equal(res2.status, 200, `webhook after restart answered ${res2.status}: ${JSON.stringify(res2.body)}`);
		const exec2 = await waitForExecution(ctx, hookId, { exclude: before2, timeoutMs: 30_000 });
		assert.equal(exec2.status, 'success');
		console.log(`  restart: ok, owner logged in, webhook execution ${exec2.id} ${exec2.status}`);
		pid = ctx.pid;
		await ctx.stop();
		ctx = null;
		assert.throws(() => process.kill(-pid, 0), 'n8n process group still alive after the second stop()');
		ok = true;
		return timings;
	} finally {
		if (ctx) await ctx.stop().catch(() => {});
		if (ok && !process.env.HARNESS_KEEP) fs.rmSync(work, { recursive: true, force: true });
		else console.error(`  kept ${work} (n8n log: ${path.join(work, 'user', 'n8n.log')})`);
	}
}

// ---------------------------------------------------------------- main

const results = [];
let failed = 0;
for (const v of VERSIONS) {
	try {
		const t = await checkVersion(v);
		results.push({ version: v, ok: true, t });
	} catch (e) {
		failed++;
		console.error(`\nFAIL n8n@${v}: ${e.stack || e}`);
		results.push({ version: v, ok: false });
	}
}

const s = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);
console.log('\nversion    result  install  start->ready  start->apikey  import(cli)  execute  publish  webhook->exec  stop  restart');
for (const r of results) {
	const t = r.t || {};
	console.log(
		[r.version.padEnd(10), (r.ok ? 'ok' : 'FAIL').padEnd(6), s(t.install).padStart(7), s(t.startToReady).padStart(12), s(t.startToAuthed).padStart(13), s(t.importWorkflowCli).padStart(11), s(t.execute).padStart(8), s(t.publish).padStart(8), s(t.webhookToExecution).padStart(13), s(t.stop).padStart(5), s(t.restart).padStart(7)].join('  '),
	);
}
console.log(`\nharness smoke: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
