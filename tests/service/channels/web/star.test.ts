import { testDialects } from '../../../support/databases';
import { call, linkSession, phoneOf, startWebWorld, type WebWorld } from './webHarness';

const PEER = '15550009001@c.us';

describe.each(testDialects())('starring Web messages on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const star = (id: string, starred: unknown) => call(world, world.sender, 'POST', `/v1/web/sessions/desk/messages/${encodeURIComponent(id)}/star`, { starred });

	test('a message is starred and unstarred, and the chat shows it so', async () => {
		const id = (await phoneOf(world, 'desk')).receive({ type: 'chat', from: PEER, body: 'Order #1001 details' }).id._serialized;
		const starred = await star(id, true);
		expect(starred.statusCode).toBe(200);
		expect(starred.json()).toMatchObject({ id, starred: true, text: { body: 'Order #1001 details' } });
		const inChat = (await call(world, world.sender, 'GET', `/v1/web/sessions/desk/chats/${PEER}/messages`)).json().data;
		expect(inChat.find((message: { id: string }) => message.id === id)).toMatchObject({ starred: true });
		const unstarred = await star(id, false);
		expect(unstarred.json().starred).toBeUndefined();
	});

	test('an unknown message is 404; a starred value that is no boolean is 400 naming it', async () => {
		expect((await star(`false_${PEER}_3EB0FFFFFFFFFFFF`, true)).statusCode).toBe(404);
		const bad = await star(`false_${PEER}_3EB0FFFFFFFFFFFF`, 'yes');
		expect(bad.statusCode).toBe(400);
		expect(JSON.stringify(bad.json().error.details)).toContain('body.starred');
	});
});
