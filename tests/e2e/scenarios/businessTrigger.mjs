// (2) examples/whatsapp-business-auto-reply.json, published: the simulated user writes, the WhatsApp Business
// Trigger fires with the normalized message, and the workflow marks it read, reacts to it and replies quoting it.
import assert from 'node:assert/strict';
import { importWorkflow } from '../../../scripts/n8n/index.mjs';
import { prepareExample } from '../../../examples/setup.mjs';
import { executionWithData, lastOutput, publishAndSubscribe, waitForStatus } from '../lib/n8nSide.mjs';
import { sentAsExpected } from './sendEveryType.mjs';

const TRIGGER = 'On WhatsApp message';

export async function businessTrigger({ t, n8n, service, credential }) {
	const { sandbox } = service;
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
}
