import { testDialects } from '../../../support/databases';
import { call, linkSession, phoneOf, startWebWorld, type WebWorld } from './webHarness';

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
});
