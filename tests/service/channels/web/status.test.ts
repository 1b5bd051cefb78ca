import { testDialects } from '../../../support/databases';
import { call, linkSession, sessionKey, startWebWorld, type WebWorld } from './webHarness';

const STATUS = 'status@broadcast';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe.each(testDialects())('posting WhatsApp Web statuses on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const post = (body: Record<string, unknown>) => call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'desk', to: STATUS, ...body });
	const posted = async () => (await world.service.driver.client(await sessionKey(world, 'desk'))?.getChatMessages(STATUS, { limit: 10 })) ?? [];

	test('text and an image go to status@broadcast, are recorded as sent, can be taken down, and never show as a chat', async () => {
		const text = await post({ type: 'text', text: { body: 'Open until 8 tonight' } });
		expect(text.statusCode).toBe(201);
		const image = await post({ type: 'image', image: { base64: PNG, mimeType: 'image/png', caption: 'New in store' } });
		expect(image.statusCode).toBe(201);
		expect((await posted()).map((message) => [message.type, message.body])).toEqual([
			['chat', 'Open until 8 tonight'],
			['image', 'New in store'],
		]);
		expect((await call(world, world.sender, 'GET', `/v1/messages/${text.json().id}`)).json()).toMatchObject({ direction: 'outbound', type: 'text' });
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats')).json().data.map((chat: { id: string }) => chat.id)).not.toContain(STATUS);

		const id = text.json().providerMessageId as string;
		expect((await call(world, world.sender, 'DELETE', `/v1/web/sessions/desk/messages/${encodeURIComponent(id)}`)).statusCode).toBe(200);
		expect((await posted()).find((message) => message.id._serialized === id)?.type).toBe('revoked');
	});

	test('what WhatsApp does not post as a status is 400 naming the field, and nothing is posted', async () => {
		const before = (await posted()).length;
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ type: 'document', document: { base64: PNG, mimeType: 'application/pdf' } }, 'body.type'],
			[{ type: 'location', location: { latitude: 1, longitude: 2 } }, 'body.type'],
			[{ type: 'text', text: { body: 'hi' }, replyTo: 'false_15550001001@c.us_3EB0AAAA' }, 'body.replyTo'],
			[{ type: 'text', text: { body: 'hi @15550001001' }, mentions: ['15550001001'] }, 'body.mentions'],
		];
		for (const [body, field] of cases) {
			const answer = await post(body);
			expect({ body, status: answer.statusCode }).toEqual({ body, status: 400 });
			expect(answer.json().error.details.fields).toEqual([expect.objectContaining({ field })]);
		}
		expect((await posted()).length).toBe(before);
	});
});
