import type { FakeWebClient } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, phoneOf, startWebWorld, type WebWorld } from './webHarness';

const PEER = '15550009101@c.us';
const OWNER = '15550009102@c.us';

describe.each(testDialects())('pinning Web messages on %s', (dialect) => {
	let world: WebWorld;
	let client: FakeWebClient;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
		client = await fakeClientOf(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const pin = (id: string, body: unknown = { duration: '7d' }) => call(world, world.sender, 'POST', `/v1/web/sessions/desk/messages/${encodeURIComponent(id)}/pin`, body);
	const unpin = (id: string) => call(world, world.sender, 'DELETE', `/v1/web/sessions/desk/messages/${encodeURIComponent(id)}/pin`);
	const pinned = async (chatId: string) => {
		const answer = await call(world, world.sender, 'GET', `/v1/web/sessions/desk/chats/${encodeURIComponent(chatId)}/pinned`);
		expect(answer.statusCode).toBe(200);
		return (answer.json().data as Array<{ id: string }>).map((message) => message.id);
	};
	const receive = async (from: string, body: string, author?: string) => (await phoneOf(world, 'desk')).receive({ type: 'chat', from, body, ...(author ? { author } : {}) }).id._serialized;

	test('a pin lasts the chosen time, shows in the chat, and goes when unpinned', async () => {
		const id = await receive(PEER, 'Opening hours: 9 to 5');
		const before = Date.now();
		const answer = await pin(id, { duration: '24h' });
		expect(answer.statusCode).toBe(200);
		expect(answer.json()).toMatchObject({ success: true, messageId: id, pinned: true });
		const expires = Date.parse(answer.json().expiresAt);
		expect(expires).toBeGreaterThanOrEqual(before + 86_400_000);
		expect(expires).toBeLessThan(Date.now() + 86_400_000 + 1000);
		expect(await pinned(PEER)).toEqual([id]);
		// Without a duration (or a body at all) WhatsApp's default, seven days.
		const other = await receive(PEER, 'Address: 1 Main St');
		const bare = await call(world, world.sender, 'POST', `/v1/web/sessions/desk/messages/${encodeURIComponent(other)}/pin`);
		expect(bare.statusCode).toBe(200);
		expect(Date.parse(bare.json().expiresAt)).toBeGreaterThanOrEqual(before + 7 * 86_400_000);

		expect(await pinned(PEER)).toEqual([id, other]);
		const removed = await unpin(id);
		expect(removed.json()).toEqual({ success: true, messageId: id, pinned: false });
		expect(await pinned(PEER)).toEqual([other]);
	});

	test('a chat keeps three pins: a fourth unpins the oldest, and pinning again moves a pin to the newest place', async () => {
		const chat = '15550009103@c.us';
		const ids = [];
		for (const text of ['one', 'two', 'three', 'four']) ids.push(await receive(chat, text));
		for (const id of ids.slice(0, 3)) expect((await pin(id)).statusCode).toBe(200);
		expect((await pin(ids[0] as string)).statusCode).toBe(200);
		expect(await pinned(chat)).toEqual([ids[1], ids[2], ids[0]]);
		expect((await pin(ids[3] as string)).statusCode).toBe(200);
		expect(await pinned(chat)).toEqual([ids[2], ids[0], ids[3]]);
	});

	test('in a group that keeps its info to admins, a member may not pin (409, nothing pinned); in an open group anyone may', async () => {
		const closed = client.groups.seed({ subject: 'Board', owner: OWNER, members: [PEER], includeMe: 'member', infoAdminsOnly: true });
		const inClosed = await receive(closed.id, 'Agenda', OWNER);
		const refused = await pin(inClosed);
		expect(refused.statusCode).toBe(409);
		expect(refused.json().error.message).toMatch(/admins/);
		expect(await pinned(closed.id)).toEqual([]);

		const open = client.groups.seed({ subject: 'Team', owner: OWNER, members: [PEER], includeMe: 'member' });
		const inOpen = await receive(open.id, 'Lunch at noon', PEER);
		expect((await pin(inOpen)).statusCode).toBe(200);
		expect(await pinned(open.id)).toEqual([inOpen]);
	});

	test('a deleted message cannot be pinned (409), and a pinned one that is deleted leaves the list', async () => {
		const phone = await phoneOf(world, 'desk');
		const chat = '15550009104@c.us';
		const gone = await receive(chat, 'oops');
		phone.revoke(gone);
		expect((await pin(gone)).statusCode).toBe(409);

		const kept = await receive(chat, 'keep me');
		await pin(kept);
		const deleted = await call(world, world.sender, 'DELETE', `/v1/web/sessions/desk/messages/${encodeURIComponent(kept)}?forEveryone=false`);
		expect(deleted.statusCode).toBe(200);
		expect(await pinned(chat)).toEqual([]);
	});

	test('unknown messages and chats are 404; a duration WhatsApp does not offer is 400 naming it', async () => {
		const unknown = `false_${PEER}_3EB0FFFFFFFFFFFF`;
		expect((await pin(unknown)).statusCode).toBe(404);
		expect((await unpin(unknown)).statusCode).toBe(404);
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats/15550009999@c.us/pinned')).statusCode).toBe(404);
		const id = await receive(PEER, 'x');
		const bad = await pin(id, { duration: '2d' });
		expect(bad.statusCode).toBe(400);
		expect(JSON.stringify(bad.json().error.details)).toContain('body.duration');
	});
});
