import type { FakePhone } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { call, linkSession, phoneOf, startWebWorld, type WebWorld } from './webHarness';

const ALICE = '15550001001@c.us';
const BOB = '15550001002@c.us';

describe.each(testDialects())('web chat routes on %s', (dialect) => {
	let world: WebWorld;
	let phone: FakePhone;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
		phone = await phoneOf(world, 'desk');
		phone.receive({ type: 'chat', from: ALICE, body: 'first from alice' });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		phone.receive({ type: 'chat', from: BOB, body: 'hi from bob' });
		phone.receive({ type: 'chat', from: BOB, body: 'bob again' });
	});
	afterAll(() => world.service.stop());

	test("me answers the session's own account", async () => {
		const me = await call(world, world.sender, 'GET', '/v1/web/sessions/desk/me');
		expect(me.statusCode).toBe(200);
		expect(me.json()).toEqual({ id: expect.stringMatching(/^1555\d{9}@c\.us$/), pushName: expect.stringContaining('Fake'), platform: 'android' });
	});

	test('chats come most recent first with unread counts and their last message normalized; limit applies', async () => {
		const chats = (await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats')).json().data;
		expect(chats.map((chat: { id: string }) => chat.id)).toEqual([BOB, ALICE]);
		expect(chats[0]).toMatchObject({ isGroup: false, unreadCount: 2, lastMessage: { type: 'text', text: { body: 'bob again' }, direction: 'inbound' } });
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats?limit=1')).json().data).toHaveLength(1);
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats?limit=0')).statusCode).toBe(400);
	});

	test("a chat's messages come oldest first, as many as asked", async () => {
		const messages = (await call(world, world.sender, 'GET', `/v1/web/sessions/desk/chats/${BOB}/messages?limit=1`)).json().data;
		expect(messages.map((message: { text: { body: string } }) => message.text.body)).toEqual(['bob again']);
		const both = (await call(world, world.sender, 'GET', `/v1/web/sessions/desk/chats/${BOB}/messages`)).json().data;
		expect(both.map((message: { text: { body: string } }) => message.text.body)).toEqual(['hi from bob', 'bob again']);
	});

	test('seen clears the unread count; typing shows and clears the chat activity', async () => {
		expect((await call(world, world.sender, 'POST', `/v1/web/sessions/desk/chats/${BOB}/seen`)).json()).toEqual({ success: true });
		const chats = (await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats')).json().data;
		expect(chats.find((chat: { id: string }) => chat.id === BOB).unreadCount).toBe(0);
		for (const state of ['typing', 'recording', 'paused'] as const) {
			expect((await call(world, world.sender, 'POST', `/v1/web/sessions/desk/chats/${ALICE}/typing`, { state })).statusCode).toBe(200);
			expect(phone.chatActivity(ALICE)).toBe(state);
		}
		expect((await call(world, world.sender, 'POST', `/v1/web/sessions/desk/chats/${ALICE}/typing`, { state: 'dancing' })).json().error.details.fields[0].field).toBe('body.state');
		// Reading needs the read scope only; acting in a chat needs send.
		expect((await call(world, { authorization: `Bearer ${world.tenant.readerKey}` }, 'POST', `/v1/web/sessions/desk/chats/${BOB}/seen`)).statusCode).toBe(403);
	});

	test('checking numbers answers whether they have WhatsApp and their chat id', async () => {
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/contacts/+15550001001/check')).json()).toEqual({ number: '15550001001', exists: true, chatId: ALICE });
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/contacts/99911112222/check')).json()).toEqual({ number: '99911112222', exists: false, chatId: null });
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/contacts/12ab/check')).json().error.details.fields[0].field).toBe('params.number');
	});

	test('bad chat ids answer 400 naming the field; a chat WhatsApp does not know 404; media of a text 404', async () => {
		for (const url of ['/v1/web/sessions/desk/chats/not-a-chat/messages', '/v1/web/sessions/desk/chats/12@c.us/messages']) {
			const answer = await call(world, world.sender, 'GET', url);
			expect([answer.statusCode, answer.json().error.details.fields[0].field]).toEqual([400, 'params.chatId']);
		}
		expect((await call(world, world.sender, 'POST', '/v1/web/sessions/desk/chats/bad/seen')).statusCode).toBe(400);
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats/99912345678@c.us/messages')).statusCode).toBe(404);
		const text = (await call(world, world.sender, 'GET', `/v1/web/sessions/desk/chats/${BOB}/messages?limit=1`)).json().data[0].id;
		expect((await call(world, world.sender, 'GET', `/v1/web/sessions/desk/messages/${text}/media`)).statusCode).toBe(404);
	});

	test('a session that is not WORKING answers 409 with its status on every chat route', async () => {
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'asleep', start: false });
		for (const [method, url] of [
			['GET', '/v1/web/sessions/asleep/me'],
			['GET', '/v1/web/sessions/asleep/chats'],
			['GET', `/v1/web/sessions/asleep/chats/${BOB}/messages`],
			['POST', `/v1/web/sessions/asleep/chats/${BOB}/seen`],
			['GET', '/v1/web/sessions/asleep/contacts/15550001001/check'],
		] as const) {
			const answer = await call(world, world.sender, method, url);
			expect([answer.statusCode, answer.json().error.details.status]).toEqual([409, 'STOPPED']);
		}
	});
});
