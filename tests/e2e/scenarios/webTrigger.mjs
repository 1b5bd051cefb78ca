// (3) examples/whatsapp-web-auto-reply.json, published: a WhatsApp Web session on the fake driver is created through
// the service API and linked by the Web sandbox's "phone"; a message arrives in it, the WhatsApp Web Trigger fires
// with the normalized message, the WhatsApp Web node replies quoting it, and a second one edits that reply. Then a
// manual workflow manages a group with the node's Group resource: create it, promote the person in it, read it back,
// then posts in it, pins the post and reads the pinned messages.
import assert from 'node:assert/strict';
import { executeWorkflow, importWorkflow, newId, nodeOutput } from '../../../scripts/n8n/index.mjs';
import { CREDENTIAL_TYPE, prepareExample } from '../../../examples/setup.mjs';
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

/** Manual Trigger -> Group › Create -> Group › Update Participants (promote) -> Group › Get, all on the linked session. */
function groupWorkflow(credential, participant) {
	const credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	const session = { __rl: true, mode: 'name', value: SESSION };
	const web = (name, x, parameters) => ({ id: newId(), name, type: 'n8n-nodes-whatsapp-multitenant.whatsAppWeb', typeVersion: 1, position: [x, 0], parameters: { resource: 'group', session, ...parameters }, credentials });
	const nodes = [
		{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		web('Create Group', 220, { operation: 'create', subject: 'E2E night shift', participants: participant }),
		web('Promote', 440, { operation: 'updateParticipants', groupId: '={{ $json.id }}', participantAction: 'promote', participants: participant }),
		web('Get Group', 660, { operation: 'get', groupId: "={{ $('Create Group').item.json.id }}" }),
		web('Post in Group', 880, { resource: 'message', operation: 'sendText', chatId: "={{ $('Create Group').item.json.id }}", text: 'Shift starts at 10 pm' }),
		web('Pin', 1100, { resource: 'message', operation: 'pin', messageId: '={{ $json.providerMessageId }}', pinned: true, duration: '24h' }),
		web('Get Pinned', 1320, { resource: 'chat', operation: 'getPinned', chatId: "={{ $('Create Group').item.json.id }}" }),
	];
	const chain = ['Start', 'Create Group', 'Promote', 'Get Group', 'Post in Group', 'Pin', 'Get Pinned'];
	const connections = Object.fromEntries(chain.slice(0, -1).map((from, index) => [from, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]));
	return { id: newId(), name: 'E2E WhatsApp Web groups', nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

export async function webGroups({ t, n8n, service, credential }) {
	const participant = `${service.sandbox.testUser}@c.us`;
	const linked = await t.check('web session for groups: linked', async () => `${SESSION} is ${(await service.web.linkSession(SESSION)).status}`);
	if (!linked.ok) return;
	const workflowId = await importWorkflow(n8n, groupWorkflow(credential, participant), { via: 'api' });
	await t.check('web groups: Create, Update Participants (promote), Get, a post pinned and Get Pinned Messages ran in n8n, and the group is so in WhatsApp Web', async () => {
		const result = await executeWorkflow(n8n, workflowId, { timeoutMs: 120_000 });
		if (!result.ok) throw new Error(`exit ${result.exitCode}: ${result.error?.message ?? ''} ${result.error?.description ?? ''}\n${(result.stdout + result.stderr).slice(-1500)}`);
		const [created] = nodeOutput(result, 'Create Group');
		assert.equal(created.subject, 'E2E night shift');
		assert.deepEqual(created.participantResults.map((r) => [r.id, r.ok]), [[participant, true]]);
		const [promoted] = nodeOutput(result, 'Promote');
		assert.equal(promoted.ok, true);
		const [read] = nodeOutput(result, 'Get Group');
		assert.equal(read.id, created.id);
		assert.deepEqual(read.participants.find((p) => p.id === participant), { id: participant, isAdmin: true, isSuperAdmin: false });
		const held = await service.api('GET', `/v1/web/sessions/${SESSION}/groups/${encodeURIComponent(created.id)}`);
		assert.equal(held.size, 2);
		const [posted] = nodeOutput(result, 'Post in Group');
		const [pin] = nodeOutput(result, 'Pin');
		assert.deepEqual([pin.messageId, pin.pinned], [posted.providerMessageId, true]);
		assert.deepEqual(nodeOutput(result, 'Get Pinned').map((message) => message.id), [posted.providerMessageId]);
		return `group ${created.id}: ${participant} added and promoted; a post pinned for 24 hours`;
	});
}

function channelWorkflow(credential) {
	const credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	const session = { __rl: true, mode: 'name', value: SESSION };
	const web = (name, x, parameters) => ({ id: newId(), name, type: 'n8n-nodes-whatsapp-multitenant.whatsAppWeb', typeVersion: 1, position: [x, 0], parameters: { resource: 'channel', session, ...parameters }, credentials });
	const nodes = [
		{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		web('Create Channel', 220, { operation: 'create', name: 'E2E store news', description: 'Offers' }),
		web('Post', 440, { resource: 'message', operation: 'sendText', chatId: '={{ $json.id }}', text: 'We open at 9 tomorrow' }),
		web('Find by Link', 660, { operation: 'get', by: 'invite', invite: "={{ $('Create Channel').item.json.inviteLink }}" }),
	];
	const chain = ['Start', 'Create Channel', 'Post', 'Find by Link'];
	const connections = Object.fromEntries(chain.slice(0, -1).map((from, index) => [from, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]));
	return { id: newId(), name: 'E2E WhatsApp Web channels', nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** A manual workflow creates a channel with the node's Channel resource, posts to it with Send Text, and finds it by its link. */
export async function webChannels({ t, n8n, service, credential }) {
	const linked = await t.check('web session for channels: linked', async () => `${SESSION} is ${(await service.web.linkSession(SESSION)).status}`);
	if (!linked.ok) return;
	const workflowId = await importWorkflow(n8n, channelWorkflow(credential), { via: 'api' });
	await t.check('web channels: Create, a post by Send Text and Get by invite link ran in n8n, and the channel is so in WhatsApp Web', async () => {
		const result = await executeWorkflow(n8n, workflowId, { timeoutMs: 120_000 });
		if (!result.ok) throw new Error(`exit ${result.exitCode}: ${result.error?.message ?? ''} ${result.error?.description ?? ''}\n${(result.stdout + result.stderr).slice(-1500)}`);
		const [created] = nodeOutput(result, 'Create Channel');
		assert.deepEqual([created.name, created.role], ['E2E store news', 'owner']);
		const [posted] = nodeOutput(result, 'Post');
		assert.ok(String(posted.providerMessageId).includes(created.id), `the post ${posted.providerMessageId} is in ${created.id}`);
		const [found] = nodeOutput(result, 'Find by Link');
		assert.equal(found.id, created.id);
		const listed = await service.api('GET', `/v1/web/sessions/${SESSION}/channels`);
		assert.ok(listed.data.some((channel) => channel.id === created.id && channel.role === 'owner'));
		return `channel ${created.id} created, posted to and found by ${created.inviteLink}`;
	});
}
