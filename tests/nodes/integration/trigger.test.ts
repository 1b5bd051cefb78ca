import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { binaryContent, startSandboxWorld, type SandboxWorld } from '../../support/n8n';
import { business } from '../fakeServiceSetup';

/** The trigger subscribed in the real service, fed by (simulated) Meta webhooks through the durable outbox. */
let world: SandboxWorld;

beforeAll(async () => {
	world = await startSandboxWorld();
});
afterAll(() => world.close());

const trigger = (parameters: IDataObject, name = 'On WhatsApp') => ({ name, type: 'whatsAppBusinessTrigger', parameters: parameters as never });

describe('WhatsApp Business Trigger against the real service', () => {
	test('a received message starts one execution; test and production triggers both get it', async () => {
		const production = await world.n8n.activateTrigger(trigger({ events: ['message.received'] }));
		const test = await world.n8n.activateTrigger(trigger({ events: ['message.received'] }), { test: true });
		const { wamid } = await world.userWrites({ type: 'text', text: { body: 'Is the shop open?' } });
		const [fromProduction, fromTest] = await Promise.all([production.nextExecution({ fromStart: true }), test.nextExecution({ fromStart: true })]);
		for (const run of [fromProduction, fromTest]) {
			expect(run.json('On WhatsApp')).toEqual([expect.objectContaining({ event: 'message.received', eventId: expect.stringMatching(/^evt_/), id: wamid, type: 'text', text: { body: 'Is the shop open?' }, from: world.sandbox.testUser, account: expect.objectContaining({ id: world.sandbox.phoneNumberId }) })]);
		}
		await production.deactivate();
		await test.deactivate();
		const left = (await (await world.tenantCall('GET', '/v1/subscriptions')).json()) as { data: unknown[] };
		expect(left.data).toEqual([]);
	});

	test('delivery statuses of a sent message, filtered to the chosen ones', async () => {
		const statuses = await world.n8n.activateTrigger(trigger({ events: ['message.status'], statuses: ['delivered'] }));
		await world.userWrites({ type: 'text', text: { body: 'open the window' } });
		const sent = await world.n8n.run([business({ resource: 'message', operation: 'send', to: world.sandbox.testUser, messageType: 'text', textBody: 'Your order shipped' })]);
		const run = await statuses.nextExecution({ fromStart: true, timeoutMs: 15_000 });
		expect(run.json('On WhatsApp')[0]).toMatchObject({ event: 'message.status', status: 'delivered', messageId: sent.json('WhatsApp')[0].providerMessageId });
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(statuses.deliveries.filter((delivery) => delivery.run).every((delivery) => delivery.run?.json('On WhatsApp')[0].status === 'delivered')).toBe(true);
		await statuses.deactivate();
	});

	test('received media is downloaded into binary data', async () => {
		const media = await world.n8n.activateTrigger(trigger({ events: ['message.received'], messageTypes: ['image'], options: { downloadMedia: true } }));
		await world.userWrites({ type: 'text', text: { body: 'not an image: filtered by the service' } });
		await world.userWrites({ type: 'image', image: { dataBase64: Buffer.from('fake-png-bytes').toString('base64'), mimeType: 'image/png', caption: 'my receipt' } });
		const run = await media.nextExecution({ fromStart: true });
		const [item] = run.items('On WhatsApp');
		expect(item.json).toMatchObject({ type: 'image', media: { caption: 'my receipt', mimeType: 'image/png' } });
		expect((await binaryContent(item.binary?.data as IBinaryData)).toString()).toBe('fake-png-bytes');
		expect(media.deliveries.filter((delivery) => delivery.run)).toHaveLength(1);
		await media.deactivate();
	});

	test('a subscription changed or deleted in the service is repaired on the next check', async () => {
		const active = await world.n8n.activateTrigger(trigger({ events: ['message.received'] }));
		const id = (active.staticData()['node:On WhatsApp'] as IDataObject).subscriptionId as string;
		await world.tenantCall('PATCH', `/v1/subscriptions/${id}`, { events: ['template.status'], active: false });
		expect(await active.checkExists()).toBe(true);
		expect(await (await world.tenantCall('GET', `/v1/subscriptions/${id}`)).json()).toMatchObject({ events: ['message.received'], active: true, targetUrl: active.webhookUrl });
		await world.tenantCall('DELETE', `/v1/subscriptions/${id}`);
		expect(await active.checkExists()).toBe(false);
		await active.deactivate();
	});
});
