import type { FakeWebClient } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, phoneOf, startWebWorld, storedEvents, subscribeAll, waitFor, type WebWorld } from './webHarness';

describe.each(testDialects())('WhatsApp channels on %s', (dialect) => {
	let world: WebWorld;
	let client: FakeWebClient;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await subscribeAll(world);
		await linkSession(world, 'desk');
		client = await fakeClientOf(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const channels = '/v1/web/sessions/desk/channels';
	const channel = (id: string, tail = '') => `${channels}/${encodeURIComponent(id)}${tail}`;
	const listed = async () => ((await call(world, world.sender, 'GET', channels)).json().data as Array<{ id: string; role: string }>).map((c) => [c.id, c.role]);
	const post = (to: string, text: string) => call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'desk', to, type: 'text', text: { body: text } });

	test('a created channel is owned, listed with its invite link and follower count, and takes posts', async () => {
		const created = await call(world, world.sender, 'POST', channels, { name: 'Store news', description: 'Offers and opening hours' });
		expect(created.statusCode).toBe(201);
		const body = created.json();
		expect(body).toMatchObject({ name: 'Store news', description: 'Offers and opening hours', role: 'owner', subscribers: 0, verified: false, muted: false });
		expect(body.id).toMatch(/^[0-9]+@newsletter$/);
		expect(body.inviteLink).toMatch(/^https:\/\/whatsapp\.com\/channel\/[A-Za-z0-9_-]{10,40}$/);
		expect(Date.parse(body.createdAt)).toBeGreaterThan(Date.now() - 60_000);
		expect(await listed()).toContainEqual([body.id, 'owner']);
		expect((await call(world, world.sender, 'GET', channel(body.id))).json()).toEqual(body);

		// Posting is a send to the channel's id; it is kept in history like any message this account sends.
		const sent = await post(body.id, 'We open at 9 tomorrow');
		expect(sent.statusCode).toBe(201);
		const postId = sent.json().providerMessageId as string;
		expect(postId).toContain(body.id);
		await waitFor(async () => (await world.service.ctx.storage.db.selectFrom('messages').select('id').where('provider_id', '=', postId).executeTakeFirst()) !== undefined, 'the post in history');

		// The owner cannot unfollow (409), and deleting it takes it off the list.
		expect((await call(world, world.sender, 'DELETE', channel(body.id, '/follow'))).statusCode).toBe(409);
		const deleted = await call(world, world.sender, 'DELETE', channel(body.id));
		expect(deleted.json()).toEqual({ success: true, channelId: body.id, deleted: true });
		expect(await listed()).not.toContainEqual([body.id, 'owner']);
		expect((await call(world, world.sender, 'GET', channel(body.id))).statusCode).toBe(404);
	});

	test("someone else's channel is found by its link, followed and unfollowed; a follower may not post or delete it", async () => {
		const other = client.channels.seed({ name: 'City transit', subscribers: 1200, verified: true });
		const found = await call(world, world.sender, 'GET', `${channels}/lookup?invite=${encodeURIComponent(`https://whatsapp.com/channel/${other.inviteCode}`)}`);
		expect(found.statusCode).toBe(200);
		// Follower counts are for those who run the channel.
		expect(found.json()).toMatchObject({ id: other.id, name: 'City transit', role: 'guest', verified: true, subscribers: null });
		expect(await listed()).not.toContainEqual([other.id, 'guest']);

		const follow = await call(world, world.sender, 'POST', channel(other.id, '/follow'));
		expect(follow.json()).toEqual({ success: true, channelId: other.id, following: true });
		expect(await listed()).toContainEqual([other.id, 'subscriber']);
		// The bare code works as well as the link.
		expect((await call(world, world.sender, 'GET', `${channels}/lookup?invite=${other.inviteCode}`)).json().role).toBe('subscriber');

		// A followed channel's posts arrive as messages from the channel.
		const update = (await phoneOf(world, 'desk')).receive({ type: 'chat', from: other.id, body: 'Line 4 runs every 10 minutes' }).id._serialized;
		await waitFor(async () => (await storedEvents(world, 'message.received')).some((event) => event.data.id === update), 'the post as message.received');
		expect((await storedEvents(world, 'message.received')).find((event) => event.data.id === update)?.data).toMatchObject({ chatId: other.id, type: 'text', text: { body: 'Line 4 runs every 10 minutes' } });

		const refused = await post(other.id, 'hello');
		expect(refused.statusCode).toBe(409);
		expect(refused.json().error.message).toMatch(/owner and admins/);
		expect((await call(world, world.sender, 'DELETE', channel(other.id))).statusCode).toBe(409);

		expect((await call(world, world.sender, 'DELETE', channel(other.id, '/follow'))).json()).toEqual({ success: true, channelId: other.id, following: false });
		expect(await listed()).not.toContainEqual([other.id, 'subscriber']);
	});

	test('bad input is 400 naming the field; unknown channels and invite codes say so', async () => {
		const noName = await call(world, world.sender, 'POST', channels, { name: '   ' });
		expect(noName.statusCode).toBe(400);
		expect(JSON.stringify(noName.json().error.details)).toContain('body.name');
		const long = await call(world, world.sender, 'POST', channels, { name: 'x'.repeat(101) });
		expect(JSON.stringify(long.json().error.details)).toContain('body.name');

		const notALink = await call(world, world.sender, 'GET', `${channels}/lookup?invite=${encodeURIComponent('https://example.com/x')}`);
		expect(notALink.statusCode).toBe(400);
		expect(JSON.stringify(notALink.json().error.details)).toContain('querystring.invite');
		const unknownCode = await call(world, world.sender, 'GET', `${channels}/lookup?invite=AAAAAAAAAAAAAAAAAAAAAA`);
		expect(unknownCode.statusCode).toBe(400);
		expect(JSON.stringify(unknownCode.json().error.details)).toContain('querystring.invite');

		expect((await call(world, world.sender, 'GET', channel('12036300000000001@newsletter'))).statusCode).toBe(404);
		// A post to a channel WhatsApp does not know names the recipient field.
		const nowhere = await post('12036300000000001@newsletter', 'hello');
		expect(nowhere.statusCode).toBe(400);
		expect(JSON.stringify(nowhere.json().error.details)).toContain('body.to');
		expect((await call(world, world.sender, 'POST', channel('12036300000000001@newsletter', '/follow'))).statusCode).toBe(404);
		expect((await call(world, world.sender, 'GET', channel('15550001111@c.us'))).statusCode).toBe(400);
	});
});
