import { testDialects } from '../../../support/databases';
import { listLibraryLabels, setLibraryChatLabels } from '../../../../service/src/channels/web/driver/real/realLabels';
import { call, fakeClientOf, linkSession, phoneOf, startWebWorld, type WebWorld } from './webHarness';

const PEER = '15550008001@c.us';

describe.each(testDialects())('WhatsApp Business app labels on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
		(await phoneOf(world, 'desk')).receive({ type: 'chat', from: PEER, body: 'I would like to order' });
	});
	afterAll(() => world.service.stop());

	const chatLabels = `/v1/web/sessions/desk/chats/${PEER}/labels`;

	test("a chat gets exactly the labels given, from the account's list, and reads them back", async () => {
		const labels = (await call(world, world.sender, 'GET', '/v1/web/sessions/desk/labels')).json().data as Array<{ id: string; name: string }>;
		expect(labels.map((label) => label.name)).toContain('New order');
		const order = labels.find((label) => label.name === 'New order') as { id: string };
		const paid = labels.find((label) => label.name === 'Paid') as { id: string };
		expect((await call(world, world.sender, 'GET', chatLabels)).json()).toEqual({ data: [] });

		const set = await call(world, world.sender, 'PUT', chatLabels, { labelIds: [order.id, paid.id] });
		expect(set.statusCode).toBe(200);
		expect(set.json().data.map((label: { name: string }) => label.name)).toEqual(['New order', 'Paid']);
		expect((await call(world, world.sender, 'PUT', chatLabels, { labelIds: [paid.id] })).json().data.map((label: { name: string }) => label.name)).toEqual(['Paid']);
		expect((await call(world, world.sender, 'GET', chatLabels)).json().data).toEqual([expect.objectContaining({ id: paid.id, name: 'Paid', color: expect.stringMatching(/^#[0-9a-f]{6}$/) })]);
	});

	test('an unknown label is 400 naming body.labelIds and changes nothing; an unknown chat is 404', async () => {
		const before = (await call(world, world.sender, 'GET', chatLabels)).json();
		const unknown = await call(world, world.sender, 'PUT', chatLabels, { labelIds: ['999'] });
		expect(unknown.statusCode).toBe(400);
		expect(unknown.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.labelIds' })]);
		expect((await call(world, world.sender, 'GET', chatLabels)).json()).toEqual(before);
		expect((await call(world, world.sender, 'PUT', chatLabels, { labelIds: ['1', '1'] })).statusCode).toBe(400);
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats/15550008999@c.us/labels')).statusCode).toBe(404);
	});

	test('a personal account has no labels: every label call is 409 and no chat changes', async () => {
		const client = await fakeClientOf(world, 'desk');
		const before = (await call(world, world.sender, 'GET', chatLabels)).json();
		client.labels.businessAccount = false;
		try {
			for (const [method, url, body] of [['GET', '/v1/web/sessions/desk/labels'], ['GET', chatLabels], ['PUT', chatLabels, { labelIds: ['1'] }]] as const) {
				const refused = await call(world, world.sender, method, url, body);
				expect(refused.statusCode).toBe(409);
				expect(refused.json().error.message).toMatch(/WhatsApp Business app account/);
			}
		} finally {
			client.labels.businessAccount = true;
		}
		expect((await call(world, world.sender, 'GET', chatLabels)).json()).toEqual(before);
	});
});

describe('the real driver reads WhatsApp Web\'s refusal of labels on a personal account', () => {
	test('"[LT01] Only Whatsapp business" becomes not_allowed; other failures stay upstream failures', async () => {
		const refusing = { getLabels: async () => Promise.reject(new Error('[LT01] Only Whatsapp business')) } as never;
		await expect(listLibraryLabels(refusing)).rejects.toMatchObject({ code: 'not_allowed', message: 'labels need a WhatsApp Business app account' });
		await expect(setLibraryChatLabels(refusing, '15550008001@c.us', ['1'])).rejects.toMatchObject({ code: 'not_allowed' });
		const broken = { getLabels: async () => Promise.reject(new Error('Execution context was destroyed')) } as never;
		await expect(listLibraryLabels(broken)).rejects.toMatchObject({ code: 'send_failed' });
	});
});
