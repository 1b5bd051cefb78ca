import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { testDialects } from '../../../support/databases';
import { binaryContent } from '../../../support/n8n';
import { startSandboxWorld, type SandboxWorld } from '../../../support/n8n/sandboxWorld';
import { sessionNamed, web } from '../../WhatsAppWeb/fakeWeb';
import { eventually, sandboxPhone } from '../../WhatsAppWeb/integration/webSandbox';

const PEER = '15550004321@c.us';
const GROUP = '120363000000000077@g.us';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const trigger = (parameters: IDataObject, name = 'On Web') => ({ name, type: 'whatsAppWebTrigger', parameters: parameters as never });

/** The trigger subscribed in the real service, fed by a fake-driver session through the durable outbox. */
describe.each(testDialects())('WhatsApp Web Trigger against the real service (fake driver) on %s', (dialect) => {
	let world: SandboxWorld;

	const session = (operation: string, name: string, parameters: IDataObject = {}) => world.n8n.run([web({ resource: 'session', operation, session: sessionNamed(name), ...parameters })]);
	const linkSession = async (name: string) => {
		await world.n8n.run([web({ resource: 'session', operation: 'create', name })]);
		await session('getQr', name, { waitSeconds: 15 });
		await sandboxPhone(world, name).link();
		const working = await session('start', name, { waitUntil: 'working', waitSeconds: 15 });
		expect(working.json('WhatsApp Web')[0].status).toBe('WORKING');
	};

	beforeAll(async () => {
		world = await startSandboxWorld(dialect, { web: true });
		await linkSession('front');
		await linkSession('back');
	});
	afterAll(async () => world?.close());

	test("a message arriving in a fake-driver session starts the trigger of that session (test and production both), not another session's", async () => {
		const production = await world.n8n.activateTrigger(trigger({ events: ['message.received'], sessions: ['front'] }));
		const test = await world.n8n.activateTrigger(trigger({ events: ['message.received'], sessions: ['front'] }), { test: true });
		const otherSession = await world.n8n.activateTrigger(trigger({ events: ['message.received'], sessions: ['back'] }));
		const inbound = await sandboxPhone(world, 'front').receive({ from: PEER, body: 'Is it still available?' });
		const [fromProduction, fromTest] = await Promise.all([production.nextExecution({ fromStart: true }), test.nextExecution({ fromStart: true })]);
		for (const run of [fromProduction, fromTest]) {
			expect(run.json('On Web')).toEqual([
				expect.objectContaining({ event: 'message.received', eventId: expect.stringMatching(/^evt_/), session: 'front', chatType: 'individual', id: inbound.id, chatId: PEER, from: PEER, type: 'text', text: { body: 'Is it still available?' } }),
			]);
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(otherSession.deliveries).toHaveLength(0);

		// The item feeds a Web node directly: reply to it by its id.
		const reply = await world.n8n.run([web({ resource: 'message', operation: 'reply', session: sessionNamed('={{ $json.session }}'), messageId: '={{ $json.id }}', replyWith: 'text', text: 'Yes!' })], { items: fromProduction.json('On Web') });
		expect(reply.json('WhatsApp Web')[0]).toMatchObject({ from: 'front', to: PEER, status: 'sent' });

		for (const active of [production, test, otherSession]) await active.deactivate();
		const left = (await (await world.tenantCall('GET', '/v1/subscriptions')).json()) as { data: IDataObject[] };
		expect(left.data).toEqual([]);
	});

	test('a session that loses its link fires the session.status trigger as a disconnection alert', async () => {
		const alerts = await world.n8n.activateTrigger(trigger({ events: ['session.status'], sessions: ['back'], onlyDisconnections: true }));
		const every = await world.n8n.activateTrigger(trigger({ events: ['session.status'], sessions: ['back'] }));
		await sandboxPhone(world, 'back').logoutFromPhone();
		const alert = await alerts.nextExecution({ fromStart: true });
		expect(alert.json('On Web')).toEqual([expect.objectContaining({ event: 'session.status', session: 'back', previousStatus: 'WORKING', disconnected: true, status: expect.not.stringMatching(/^WORKING$/) })]);

		// Linking again is status news too, but no disconnection.
		await session('start', 'back', { waitUntil: 'ready', waitSeconds: 15 });
		await sandboxPhone(world, 'back').link();
		await eventually(async () => (every.deliveries.some((delivery) => delivery.run?.json('On Web')[0].status === 'WORKING') ? true : undefined), 'WORKING again reported');
		expect(alerts.deliveries.filter((delivery) => delivery.run)).toHaveLength(1);
		await alerts.deactivate();
		await every.deactivate();
	});

	test('acks of a sent message, filtered by status; deleted and edited messages; group-only filter', async () => {
		const acks = await world.n8n.activateTrigger(trigger({ events: ['message.status'], statuses: ['read'] }));
		const changes = await world.n8n.activateTrigger(trigger({ events: ['message.revoked', 'message.edited'], chatType: 'group' }));
		const sent = await world.n8n.run([web({ resource: 'message', operation: 'sendText', session: sessionNamed('front'), chatId: PEER, text: 'Your order shipped' })]);
		const messageId = sent.json('WhatsApp Web')[0].providerMessageId as string;
		await sandboxPhone(world, 'front').ack(messageId, 'read');
		const read = await acks.nextExecution({ fromStart: true, timeoutMs: 15_000 });
		expect(read.json('On Web')[0]).toMatchObject({ event: 'message.status', session: 'front', status: 'read', messageId, recipient: PEER, chatType: 'individual' });

		const inChat = await sandboxPhone(world, 'front').receive({ from: PEER, body: 'typo' });
		const inGroup = await sandboxPhone(world, 'front').receive({ from: GROUP, author: PEER, body: 'tpyo' });
		await sandboxPhone(world, 'front').revoke(inChat.id);
		await sandboxPhone(world, 'front').edit(inGroup.id, 'typo fixed');
		const edited = await changes.nextExecution({ fromStart: true });
		expect(edited.json('On Web')[0]).toMatchObject({ event: 'message.edited', chatType: 'group', chatId: GROUP, body: 'typo fixed' });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(changes.deliveries.filter((delivery) => delivery.run)).toHaveLength(1);
		await acks.deactivate();
		await changes.deactivate();
	});

	test('a received image is downloaded into binary data; a text is kept out by the message-type filter', async () => {
		const images = await world.n8n.activateTrigger(trigger({ events: ['message.received'], messageTypes: ['image'], options: { downloadMedia: true, binaryPropertyName: 'picture' } }));
		await sandboxPhone(world, 'front').receive({ from: PEER, body: 'not an image' });
		await sandboxPhone(world, 'front').receive({ type: 'image', from: PEER, caption: 'my receipt', media: { mimetype: 'image/png', data: PNG_1PX, filename: 'receipt.png' } });
		const run = await images.nextExecution({ fromStart: true });
		const [item] = run.items('On Web');
		expect(item.json).toMatchObject({ type: 'image', media: { caption: 'my receipt', mimeType: 'image/png' } });
		expect((await binaryContent(item.binary?.picture as IBinaryData)).toString('base64')).toBe(PNG_1PX);
		expect(images.deliveries).toHaveLength(1);
		await images.deactivate();
	});

	test('a message typed on the phone itself fires "Message Sent", and a workflow\'s own send does too', async () => {
		const sentTrigger = await world.n8n.activateTrigger(trigger({ events: ['message.sent'], sessions: ['front'], messageTypes: ['text'] }));
		await sandboxPhone(world, 'front').receive({ from: PEER, fromMe: true, body: 'typed on the phone' });
		const fromPhone = await sentTrigger.nextExecution({ fromStart: true });
		expect(fromPhone.json('On Web')[0]).toMatchObject({ event: 'message.sent', session: 'front', direction: 'outbound', chatId: PEER, text: { body: 'typed on the phone' } });
		const sent = await world.n8n.run([web({ resource: 'message', operation: 'sendText', session: sessionNamed('front'), chatId: PEER, text: 'sent by a workflow' })]);
		const recordId = sent.json('WhatsApp Web')[0].id;
		// Sends through the service are reported with their record id and the message as it was asked for.
		const fromWorkflow = await eventually(async () => sentTrigger.deliveries.map((delivery) => delivery.run?.json('On Web')[0]).find((item) => item?.recordId === recordId), 'the workflow send reported');
		expect(fromWorkflow).toMatchObject({ event: 'message.sent', session: 'front', chatType: 'individual', type: 'text', message: expect.objectContaining({ text: expect.objectContaining({ body: 'sent by a workflow' }) }) });
		await sentTrigger.deactivate();
	});

	test('a subscription paused or narrowed in the service is repaired on the next check', async () => {
		const active = await world.n8n.activateTrigger(trigger({ events: ['message.received'], sessions: ['front'] }));
		const id = (active.staticData()['node:On Web'] as IDataObject).subscriptionId as string;
		await world.tenantCall('PATCH', `/v1/subscriptions/${id}`, { accounts: ['back'], active: false });
		expect(await active.checkExists()).toBe(true);
		expect(await (await world.tenantCall('GET', `/v1/subscriptions/${id}`)).json()).toMatchObject({ channel: 'web', accounts: ['front'], active: true, targetUrl: active.webhookUrl });
		await active.deactivate();
	});
});
