// Reading what a real n8n did: execution statuses, node outputs, and turning an example into a workflow a test can
// start over HTTP.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getExecution, publishWorkflow, unpublishWorkflow } from '../../../scripts/n8n/index.mjs';
import { until } from './poll.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const Database = createRequire(path.join(root, 'package.json'))('better-sqlite3');

/**
 * Every execution row of a workflow ({ id, status }), newest first, read from n8n's SQLite file: 1.x's public API
 * does not list waiting executions, and the database answers the same way on both lines.
 */
export function executionsOf(ctx, workflowId) {
	const db = new Database(path.join(ctx.userFolder, '.n8n', 'database.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return db.prepare('select id, status from execution_entity where workflowId = ? order by id desc').all(String(workflowId));
	} finally {
		db.close();
	}
}

/** The newest execution row of a workflow, or undefined. */
export const latestExecution = (ctx, workflowId) => executionsOf(ctx, workflowId)[0];

const FAILED = new Set(['error', 'crashed', 'canceled']);

/** Why an execution failed, in one line: the error of the node that failed, or of the run. */
async function failureOf(ctx, executionId) {
	try {
		const execution = await getExecution(ctx, executionId);
		const result = execution.data?.resultData;
		const nodeError = Object.entries(result?.runData ?? {}).flatMap(([node, runs]) => runs.filter((r) => r.error).map((r) => `${node}: ${r.error.message}${r.error.description ? ` (${r.error.description})` : ''}`))[0];
		return nodeError ?? result?.error?.message ?? 'no error recorded';
	} catch (error) {
		return `could not read it: ${error.message}`;
	}
}

/**
 * Waits for the workflow's newest execution to reach `status` ('success' or 'waiting'); with `executionId`, for
 * that execution. A failed execution ends the wait at once with the node's error.
 * @returns {Promise<{id: string, status: string}>}
 */
export async function waitForStatus(ctx, workflowId, status, { executionId, timeoutMs = 60_000 } = {}) {
	return until(`an execution of workflow ${workflowId} with status ${status}`, async () => {
		const row = latestExecution(ctx, workflowId);
		if (!row || (executionId !== undefined && String(row.id) !== String(executionId))) return undefined;
		if (FAILED.has(row.status)) throw new Error(`execution ${row.id} ended with ${row.status}: ${await failureOf(ctx, row.id)}`);
		return row.status === status ? { id: String(row.id), status: row.status } : undefined;
	}, { timeoutMs, intervalMs: 200 });
}

/** item.json of a node's last run (a send-and-wait node runs twice: asking, then resumed) in an execution. */
export function lastOutput(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return (runs?.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** An execution with its data, through the public API. */
export const executionWithData = (ctx, executionId) => getExecution(ctx, executionId);

/**
 * The workflow with its Manual Trigger replaced by a Webhook node (same name, so connections hold) at `path`:
 * examples start by hand in the editor; a test starts a published copy over HTTP.
 */
export function withWebhookTrigger(workflow, webhookPath) {
	const copy = structuredClone(workflow);
	const manual = copy.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!manual) throw new Error(`workflow "${workflow.name}" has no Manual Trigger to replace`);
	Object.assign(manual, { type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: webhookPath } });
	return copy;
}

/** The webhookId of the workflow's WhatsApp trigger: the service's subscription targets a URL holding it. */
function triggerWebhookId(workflow) {
	const trigger = workflow.nodes.find((node) => node.type.startsWith('n8n-nodes-whatsapp-multitenant.') && node.type.endsWith('Trigger'));
	if (!trigger?.webhookId) throw new Error(`workflow "${workflow.name}" has no WhatsApp trigger with a webhookId`);
	return trigger.webhookId;
}

/** Waits until the service does (or, with present: false, no longer does) deliver to the trigger. */
async function untilSubscribed(service, webhookId, present, timeoutMs) {
	await until(`the trigger’s subscription in the service to be ${present ? 'created' : 'deleted'}`, async () => {
		const subscriptions = (await service.api('GET', '/v1/subscriptions')).data;
		return subscriptions.some((s) => s.targetUrl.includes(webhookId)) === present ? true : undefined;
	}, { timeoutMs });
}

/**
 * Publishes a workflow that starts with a WhatsApp trigger and resolves once the trigger's subscription exists in
 * the service: n8n 2.x answers the publish call before the trigger has subscribed, and a message sent in that gap
 * would reach no workflow. With republish, an active workflow is unpublished first (its old subscription gone).
 */
export async function publishAndSubscribe(n8n, service, workflowId, workflow, { republish = false, timeoutMs = 30_000 } = {}) {
	const webhookId = triggerWebhookId(workflow);
	if (republish) {
		await unpublishWorkflow(n8n, workflowId);
		await untilSubscribed(service, webhookId, false, timeoutMs);
	}
	await publishWorkflow(n8n, workflowId);
	await untilSubscribed(service, webhookId, true, timeoutMs);
}
