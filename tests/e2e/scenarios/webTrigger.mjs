// (3) examples/whatsapp-web-auto-reply.json, published: a WhatsApp Web session on the fake driver is created through
// the service API and linked by the Web sandbox's "phone"; a message arrives in it, the WhatsApp Web Trigger fires
// with the normalized message, the WhatsApp Web node replies quoting it, and a second one edits that reply.
import assert from 'node:assert/strict';
import { importWorkflow } from '../../../scripts/n8n/index.mjs';
import { prepareExample } from '../../../examples/setup.mjs';
import { executionWithData, lastOutput, publishAndSubscribe, waitForStatus } from '../lib/n8nSide.mjs';
import { until } from '../lib/poll.mjs';

const SESSION = 'e2e-phone';
const TRIGGER = 'On WhatsApp Web message';

export async function webTrigger({ t, n8n, service, credential }) {
	const chatId = `${service.sandbox.testUser}@c.us`;
	const linked = await t.check('web session: created through the API, QR scanned by the fake phone', async () => {
		const session = await service.web.linkSession(SESSION);
		return `${SESSION} is ${session.status} as ${session.me?.id}`;
	});
	if (!linked.ok) return;

	const workflow = prepareExample('webAutoReply', credential);
	const workflowId = await importWorkflow(n8n, workflow, { via: 'api' });
	let inbound;
	let execution;
	const fired = await t.check('web trigger: published workflow fires on a message to the session, item = normalized message', async () => {
		await publishAndSubscribe(n8n, service, workflowId, workflow);
		inbound = await service.web.receive(SESSION, { from: chatId, body: 'Hi from WhatsApp Web' });
		const { id } = await waitForStatus(n8n, workflowId, 'success');
		execution = await executionWithData(n8n, id);
		const [item] = lastOutput(execution, TRIGGER);
		assert.equal(item.event, 'message.received');
		assert.equal(item.id, inbound.id);
		assert.equal(item.channel, 'web');
		assert.equal(item.session, SESSION);
		assert.equal(item.chatId, chatId);
		assert.equal(item.chatType, 'individual');
		assert.equal(item.type, 'text');
		assert.deepEqual(item.text, { body: 'Hi from WhatsApp Web' });
		assert.equal(item.account.channel, 'web');
		return `execution ${id}: text in ${item.chatId} on session ${item.session}`;
	});
	if (!fired.ok) return;

	await t.check('web reply, then edit: the WhatsApp Web node quoted the message in its chat, and Edit changed that reply', async () => {
		const [sent] = lastOutput(execution, 'Reply');
		assert.ok(sent?.providerMessageId, `the Reply node output has no providerMessageId: ${JSON.stringify(sent)}`);
		const [edited] = lastOutput(execution, 'Confirm');
		assert.equal(edited?.id, sent.providerMessageId);
		assert.deepEqual(edited?.text, { body: 'Got it: "Hi from WhatsApp Web" ✅' });
		const reply = await until('the reply in the session’s chat', async () => {
			const messages = await service.web.chatMessages(SESSION, chatId);
			return messages.find((m) => m.direction === 'outbound' && m.context?.messageId === inbound.id);
		}, { timeoutMs: 15_000 });
		assert.equal(reply.id, sent.providerMessageId);
		assert.deepEqual(reply.text, { body: 'Got it: "Hi from WhatsApp Web" ✅' });
		return 'the chat holds the reply (context.messageId = the inbound message) with the edited text';
	});
}
