// (2) examples/whatsapp-business-auto-reply.json, published: the simulated user writes, the WhatsApp Business
// Trigger fires with the normalized message, and the workflow marks it read, reacts to it and replies quoting it.
import assert from 'node:assert/strict';
import { executeWorkflow, importWorkflow, nodeOutput } from '../../../scripts/n8n/index.mjs';
import { bindCredential, prepareExample } from '../../../examples/setup.mjs';
import { sleep } from '../lib/poll.mjs';
import { executionWithData, lastOutput, publishAndSubscribe, waitForStatus } from '../lib/n8nSide.mjs';
import { sentAsExpected } from './sendEveryType.mjs';

const TRIGGER = 'On WhatsApp message';

export async function businessTrigger({ t, n8n, service, credential }) {
	const { sandbox } = service;
	const startedAt = new Date(Date.now() - 1000).toISOString();
	const workflow = prepareExample('autoReply', credential);
	const workflowId = await importWorkflow(n8n, workflow, { via: 'api' });
	let wamid;
	let execution;
	const fired = await t.check('business trigger: published workflow fires on an inbound message, item = normalized message', async () => {
		await publishAndSubscribe(n8n, service, workflowId, workflow);
		wamid = (await service.cloud.userWrites({ type: 'text', text: { body: 'Where is my order?' }, profileName: 'Test User' })).wamid;
		const { id } = await waitForStatus(n8n, workflowId, 'success');
		execution = await executionWithData(n8n, id);
		const [item] = lastOutput(execution, TRIGGER);
		assert.equal(item.event, 'message.received');
		assert.equal(item.id, wamid);
		assert.equal(item.channel, 'cloud');
		assert.equal(item.direction, 'inbound');
		assert.equal(item.type, 'text');
		assert.deepEqual(item.text, { body: 'Where is my order?' });
		assert.equal(item.from, sandbox.testUser);
		assert.equal(item.account.id, sandbox.phoneNumberId);
		assert.ok(item.eventId && item.occurredAt, 'the item lacks eventId/occurredAt');
		return `execution ${id}: text from ${item.from} to ${item.account.id}, id = the simulator's wamid`;
	});
	if (!fired.ok) return;

	await t.check('send mark as read', async () => {
		assert.deepEqual(lastOutput(execution, 'Mark as read')[0], { success: true, messageId: wamid, typing: true });
		const record = (await service.cloud.inbound()).find((m) => m.id === wamid);
		assert.ok(record?.readAt, `the simulator has no read receipt for ${wamid}: ${JSON.stringify(record)}`);
		return 'Meta marked the inbound message read (with typing indicator)';
	});
	await t.check('send reaction', () =>
		sentAsExpected(service, lastOutput(execution, 'React'), (r) => {
			assert.equal(r.type, 'reaction');
			assert.deepEqual(r.reaction, { message_id: wamid, emoji: '👍' });
			return 'reaction 👍 to the inbound wamid';
		}),
	);
	await t.check('send reply', () =>
		sentAsExpected(service, lastOutput(execution, 'Reply'), (r) => {
			assert.equal(r.type, 'text');
			assert.deepEqual(r.context, { message_id: wamid });
			assert.equal(r.text.body, 'Got it: "Where is my order?". We will answer soon.');
			return 'text quoting the inbound wamid (context.message_id)';
		}),
	);

	await t.check('get new messages: Conversation › Get New Messages (from a time, received only) lists the inbound message as stored', async () => {
		// A message is listed once it is two seconds old (see GET /v1/messages).
		await sleep(2_500);
		const workflowId = await importWorkflow(n8n, catchUpWorkflow(credential, startedAt), { via: 'api' });
		const result = await executeWorkflow(n8n, workflowId, { timeoutMs: 120_000 });
		assert.ok(result.ok, `execution failed: ${JSON.stringify(result.error ?? result.stdout).slice(0, 400)}`);
		const items = nodeOutput(result, 'Get new messages') ?? [];
		const found = items.find((m) => m.providerId === wamid);
		assert.ok(found, `the inbound ${wamid} is not among ${items.length} new message(s): ${JSON.stringify(items.map((m) => m.providerId))}`);
		assert.ok(items.every((m) => m.direction === 'inbound' && m.channel === 'cloud'), 'a sent or non-Cloud message was listed despite the filters');
		assert.match(found.id, /^msg_[0-9a-z]{26}$/);
		assert.deepEqual(found.body.text, { body: 'Where is my order?' });
		return `${items.length} received message(s) since ${startedAt}, the inbound wamid among them as ${found.id}`;
	});
}

/** A manual workflow reading the messages stored since `since`, received ones only, on the Cloud channel. */
function catchUpWorkflow(credential, since) {
	const node = (id, name, type, x, parameters, extra = {}) => ({ id: `6c1f0d2e-0001-4a00-8000-00000000000${id}`, name, type, typeVersion: 1, position: [x, 300], parameters, ...extra });
	return bindCredential(
		{
			name: 'e2e: get new messages',
			nodes: [
				node(1, 'Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(2, 'Get new messages', 'n8n-nodes-whatsapp-multitenant.whatsAppBusiness', 220, { resource: 'conversation', operation: 'getNewMessages', start: 'since', since, returnAll: true, filters: { direction: 'inbound' } }, { credentials: { whatsAppTenantApi: { id: 'waSandboxTenant1', name: 'WhatsApp sandbox tenant' } } }),
			],
			connections: { Start: { main: [[{ node: 'Get new messages', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
		credential,
	);
}
