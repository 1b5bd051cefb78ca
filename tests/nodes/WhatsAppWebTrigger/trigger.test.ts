import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { signEventBody } from '../../../nodes/shared/events/signature';
import { binaryContent, serviceError, type ActiveTrigger } from '../../support/n8n';
import { useFakeService } from '../fakeServiceSetup';
import { CHAT, GROUP, INBOUND_ID } from '../WhatsAppWeb/fakeWeb';

const { service, n8n } = useFakeService();

const SECRET = 'whsec_web_unit';
let subscriptionCount = 0;

/** The subscription the service created, echoed with an id and the secret it shows once. */
function acceptSubscriptions(): void {
	service().on('POST', '/v1/subscriptions', (request) => ({ status: 201, json: { id: `sub_${String(++subscriptionCount).padStart(26, '0')}`, active: true, description: null, createdAt: 'x', updatedAt: 'x', ...(request.body as IDataObject), secret: SECRET } }));
}

const trigger = (parameters: IDataObject) => ({ name: 'On Web', type: 'whatsAppWebTrigger', parameters: parameters as never });

let eventCount = 0;
function envelope(type: string, data: IDataObject, id = `evt_web_${++eventCount}`): IDataObject {
	return { id, type, tenantId: 'ten_1', channel: 'web', occurredAt: '2026-11-27T10:00:00.000Z', data, raw: { ack: 3 } };
}
const account = (session = 'sales') => ({ channel: 'web', id: session, address: '15550001111@c.us' });
const received = (data: IDataObject = {}) => envelope('message.received', { id: INBOUND_ID, channel: 'web', direction: 'inbound', account: account(), chatId: CHAT, from: CHAT, to: '15550001111@c.us', timestamp: 't', type: 'text', text: { body: 'hi' }, ...data });
const sessionStatus = (status: string, previousStatus: string, session = 'sales') => envelope('session.status', { session, status, previousStatus, reason: status === 'STOPPED' ? 'LOGOUT' : null, me: null, loginMethod: 'qr', timestamp: 't' });

async function deliver(active: ActiveTrigger, body: IDataObject, secret = SECRET): Promise<{ status: number; body: IDataObject; ran: boolean; items: IDataObject[] }> {
	const raw = JSON.stringify(body);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const before = active.deliveries.length;
	const response = await fetch(active.webhookUrl, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature-256': signEventBody(secret, timestamp, raw) } });
	const delivery = active.deliveries[before];
	return { status: response.status, body: (await response.json()) as IDataObject, ran: delivery?.run !== undefined, items: delivery?.run ? delivery.run.json('On Web') : [] };
}

describe('WhatsApp Web Trigger: subscription', () => {
	test('activation subscribes on the web channel with sessions, message types and ack statuses', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received', 'message.status', 'session.status'], sessions: ['sales'], messageTypes: ['image'], statuses: ['read'], sessionStatuses: ['FAILED'] }));
		expect(service().calls('POST', '/v1/subscriptions')[0].body).toEqual({
			targetUrl: active.webhookUrl,
			description: expect.stringContaining('n8n production'),
			events: ['message.received', 'message.status', 'session.status'],
			channel: 'web',
			accounts: ['sales'],
			messageTypes: ['image'],
			statuses: ['read'],
		});
	});

	test('message types and ack statuses are left out when their events are not chosen', async () => {
		acceptSubscriptions();
		await n8n().activateTrigger(trigger({ events: ['session.status', 'message.revoked'], messageTypes: ['image'], statuses: ['read'] }));
		expect(service().calls('POST', '/v1/subscriptions')[0].body).toMatchObject({ events: ['session.status', 'message.revoked'], messageTypes: [], statuses: [] });
	});

	test('a subscription that drifted is patched back to the parameters when n8n checks it', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'], sessions: ['sales'] }));
		const id = `sub_${String(subscriptionCount).padStart(26, '0')}`;
		service().on('GET', '/v1/subscriptions/:id', { json: { id, targetUrl: active.webhookUrl, active: true, events: ['message.received'], channel: 'cloud', accounts: [], messageTypes: [], statuses: [] } });
		service().on('PATCH', '/v1/subscriptions/:id', (request) => ({ json: { id, ...(request.body as IDataObject) } }));
		expect(await active.checkExists()).toBe(true);
		expect(service().calls('PATCH', `/v1/subscriptions/${id}`)[0].body).toEqual({ channel: 'web', accounts: ['sales'] });
	});
});

describe('WhatsApp Web Trigger: deliveries', () => {
	test('a signed message starts one execution whose item names the session, the chat type and the event', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const event = received();
		const answer = await deliver(active, event);
		expect(answer.status).toBe(200);
		expect(answer.items).toEqual([{ event: 'message.received', eventId: event.id, occurredAt: '2026-11-27T10:00:00.000Z', session: 'sales', chatType: 'individual', ...(event.data as IDataObject) }]);
	});

	test('the same event delivered again (a service retry) starts nothing', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const event = received();
		expect((await deliver(active, event)).ran).toBe(true);
		const again = await deliver(active, event);
		expect(again).toMatchObject({ status: 200, body: { duplicate: true }, ran: false });
	});

	test('a delivery signed with another secret is refused with 401 and starts nothing', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const forged = await deliver(active, received(), 'whsec_someone_else');
		expect(forged).toMatchObject({ status: 401, body: { error: 'signature mismatch' }, ran: false });
	});

	test('chat type and chat filters keep out other chats; a phone number in the chat filter matches its chat', async () => {
		acceptSubscriptions();
		const groupsOnly = await n8n().activateTrigger(trigger({ events: ['message.received'], chatType: 'group' }));
		expect(await deliver(groupsOnly, received())).toMatchObject({ body: { filtered: true }, ran: false });
		const inGroup = await deliver(groupsOnly, received({ chatId: GROUP, isGroup: true, from: '15550002222@c.us' }));
		expect(inGroup.items[0]).toMatchObject({ chatType: 'group', chatId: GROUP });

		const oneChat = await n8n().activateTrigger(trigger({ events: ['message.received'], options: { chats: '+1 202 555 0108' } }));
		expect((await deliver(oneChat, received())).ran).toBe(true);
		expect((await deliver(oneChat, received({ chatId: '15550009999@c.us' }))).ran).toBe(false);
	});

	test('events of other sessions, types or event kinds are filtered even if the service sent them', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'], sessions: ['support'], messageTypes: ['image'] }));
		expect((await deliver(active, received({ type: 'image' }))).ran).toBe(false);
		expect((await deliver(active, received({ account: account('support'), type: 'text' }))).ran).toBe(false);
		expect((await deliver(active, sessionStatus('FAILED', 'WORKING', 'support'))).ran).toBe(false);
		expect((await deliver(active, received({ account: account('support'), type: 'image', media: { id: INBOUND_ID, mimeType: 'image/jpeg' } }))).ran).toBe(true);
	});

	test('acks are filtered by status and report the recipient chat', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.status'], statuses: ['read'] }));
		const ack = (status: string) => envelope('message.status', { messageId: `true_${CHAT}_OUT1`, channel: 'web', account: account(), recipient: CHAT, status, timestamp: 't' });
		expect((await deliver(active, ack('delivered'))).ran).toBe(false);
		const read = await deliver(active, ack('read'));
		expect(read.items[0]).toMatchObject({ event: 'message.status', session: 'sales', chatType: 'individual', status: 'read', recipient: CHAT });
	});

	test('session status: "Only Disconnections" fires when a WORKING session stops working, and says so', async () => {
		acceptSubscriptions();
		const alerts = await n8n().activateTrigger(trigger({ events: ['session.status'], onlyDisconnections: true }));
		expect((await deliver(alerts, sessionStatus('WORKING', 'SCAN_QR'))).ran).toBe(false);
		expect((await deliver(alerts, sessionStatus('SCAN_QR', 'STARTING'))).ran).toBe(false);
		const lost = await deliver(alerts, sessionStatus('STOPPED', 'WORKING'));
		expect(lost.items).toEqual([expect.objectContaining({ event: 'session.status', session: 'sales', status: 'STOPPED', previousStatus: 'WORKING', reason: 'LOGOUT', disconnected: true })]);
		expect(lost.items[0]).not.toHaveProperty('chatType');

		const failedOnly = await n8n().activateTrigger(trigger({ events: ['session.status'], sessionStatuses: ['FAILED'] }));
		expect((await deliver(failedOnly, sessionStatus('STOPPED', 'WORKING'))).ran).toBe(false);
		expect((await deliver(failedOnly, sessionStatus('FAILED', 'STARTING'))).items[0]).toMatchObject({ status: 'FAILED', disconnected: false });
	});

	test('revoked and edited messages come through with their chat', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.revoked', 'message.edited'] }));
		const revoked = await deliver(active, envelope('message.revoked', { messageId: INBOUND_ID, channel: 'web', account: account(), chatId: CHAT, from: CHAT, timestamp: 't', original: null }));
		expect(revoked.items[0]).toMatchObject({ event: 'message.revoked', session: 'sales', chatType: 'individual', messageId: INBOUND_ID });
		const edited = await deliver(active, envelope('message.edited', { messageId: INBOUND_ID, channel: 'web', account: account(), chatId: GROUP, from: CHAT, body: 'new', previousBody: 'old', timestamp: 't' }));
		expect(edited.items[0]).toMatchObject({ event: 'message.edited', chatType: 'group', body: 'new', previousBody: 'old' });
	});

	test('poll votes come through with their chat and options, and obey the chat filters', async () => {
		acceptSubscriptions();
		const groupsOnly = await n8n().activateTrigger(trigger({ events: ['poll.vote'], chatType: 'group' }));
		const vote = (chatId: string) => envelope('poll.vote', { pollMessageId: `true_${chatId}_3EB0POLL`, channel: 'web', account: account(), chatId, from: CHAT, selectedOptions: [{ name: 'Tuesday', localId: 1 }], timestamp: 't' });
		expect((await deliver(groupsOnly, vote(CHAT))).ran).toBe(false);
		expect((await deliver(groupsOnly, vote(GROUP))).items[0]).toMatchObject({ event: 'poll.vote', session: 'sales', chatType: 'group', chatId: GROUP, from: CHAT, selectedOptions: [{ name: 'Tuesday', localId: 1 }] });
	});

	test('calls subscribe as call.received and come through with the caller, video flag and whether the session declined', async () => {
		acceptSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['call.received'] }));
		expect(service().calls('POST', '/v1/subscriptions').at(-1)?.body).toMatchObject({ channel: 'web', events: ['call.received'] });
		const rang = await deliver(active, envelope('call.received', { channel: 'web', account: account(), callId: '4A2F8C1E', chatId: CHAT, from: CHAT, isVideo: true, isGroup: false, rejected: true, timestamp: 't' }));
		expect(rang.items[0]).toMatchObject({ event: 'call.received', session: 'sales', chatType: 'individual', callId: '4A2F8C1E', from: CHAT, isVideo: true, rejected: true });
	});

	test('group updates subscribe as group.update, come through with the group as chat, and obey the chat filters', async () => {
		acceptSubscriptions();
		const individualOnly = await n8n().activateTrigger(trigger({ events: ['group.update'], chatType: 'individual' }));
		expect(service().calls('POST', '/v1/subscriptions').at(-1)?.body).toMatchObject({ channel: 'web', events: ['group.update'] });
		const update = (groupId: string, type = 'add') =>
			envelope('group.update', { channel: 'web', account: account(), chatId: groupId, groupId, type, author: CHAT, participants: ['15550002222@c.us'], addedParticipants: ['15550002222@c.us'], body: '', timestamp: 't' });
		expect((await deliver(individualOnly, update(GROUP))).ran).toBe(false);
		const oneGroup = await n8n().activateTrigger(trigger({ events: ['group.update'], options: { chats: GROUP } }));
		expect((await deliver(oneGroup, update('120363099999999999@g.us'))).ran).toBe(false);
		expect((await deliver(oneGroup, update(GROUP))).items[0]).toMatchObject({
			event: 'group.update',
			session: 'sales',
			chatType: 'group',
			chatId: GROUP,
			groupId: GROUP,
			type: 'add',
			author: CHAT,
			participants: ['15550002222@c.us'],
		});
	});

	test('with Download Media, a received image arrives as binary; a failed download still delivers the message, saying why', async () => {
		acceptSubscriptions();
		service().on('GET', '/v1/web/sessions/:name/messages/:id/media', (request) =>
			request.params.id === INBOUND_ID ? { body: Buffer.from('JPEG'), headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="p.jpg"' } } : serviceError(404, 'not_found', 'Media of message gone not found'),
		);
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'], options: { downloadMedia: true, binaryPropertyName: 'photo', includeRaw: true } }));
		const answer = await deliver(active, received({ type: 'image', media: { id: INBOUND_ID, mimeType: 'image/jpeg' } }));
		const run = active.deliveries[active.deliveries.length - 1].run;
		const [item] = run?.items('On Web') ?? [];
		expect(answer.items[0]).toMatchObject({ raw: { ack: 3 } });
		expect(item.binary?.photo).toMatchObject({ mimeType: 'image/jpeg', fileName: 'p.jpg' });
		expect((await binaryContent(item.binary?.photo as IBinaryData)).toString()).toBe('JPEG');
		expect(service().calls('GET', /\/media$/)[0].path).toBe(`/v1/web/sessions/sales/messages/${encodeURIComponent(INBOUND_ID)}/media`);

		const gone = await deliver(active, received({ id: 'false_1@c.us_GONE', type: 'image', media: { id: 'false_1@c.us_GONE' } }));
		expect(gone.items[0]).toMatchObject({ type: 'image', mediaDownloadError: 'Media of message gone not found' });
	});
});
