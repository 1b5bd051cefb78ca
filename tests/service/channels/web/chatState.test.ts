import { testDialects } from '../../../support/databases';
import { call, linkSession, phoneOf, startWebWorld, type WebWorld } from './webHarness';

const PEOPLE = ['15550006001@c.us', '15550006002@c.us', '15550006003@c.us', '15550006004@c.us'];

describe.each(testDialects())('archiving, pinning, muting and marking Web chats unread on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
		const phone = await phoneOf(world, 'desk');
		for (const from of PEOPLE) phone.receive({ type: 'chat', from, body: `hello from ${from}` });
		await call(world, world.sender, 'POST', `/v1/web/sessions/desk/chats/${PEOPLE[0]}/seen`);
	});
	afterAll(() => world.service.stop());

	const change = (chatId: string, body: Record<string, unknown>) => call(world, world.sender, 'PATCH', `/v1/web/sessions/desk/chats/${chatId}`, body);
	const listed = async (chatId: string) => ((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/chats')).json().data as Array<Record<string, unknown>>).find((chat) => chat.id === chatId);

	test('each change answers the chat as it is now, and the chat list shows it', async () => {
		const until = new Date(Date.now() + 3600_000);
		const changed = await change(PEOPLE[0] as string, { archived: true, pinned: true, muted: true, muteUntil: until.toISOString(), unread: true });
		expect(changed.statusCode).toBe(200);
		expect(changed.json()).toMatchObject({ id: PEOPLE[0], archived: true, pinned: true, isMuted: true, unreadCount: 1 });
		expect(changed.json().mutedUntil).toBe(new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString());
		expect(await listed(PEOPLE[0] as string)).toMatchObject({ archived: true, pinned: true, isMuted: true });

		const undone = await change(PEOPLE[0] as string, { archived: false, pinned: false, muted: false });
		expect(undone.json()).toMatchObject({ archived: false, pinned: false, isMuted: false, mutedUntil: null });
		const forever = await change(PEOPLE[1] as string, { muted: true });
		expect(forever.json()).toMatchObject({ isMuted: true, mutedUntil: null });
	});

	test('WhatsApp pins three chats at most: a fourth is 409 and changes nothing', async () => {
		for (const chatId of PEOPLE.slice(0, 3)) expect((await change(chatId, { pinned: true })).statusCode).toBe(200);
		const fourth = await change(PEOPLE[3] as string, { pinned: true, archived: true });
		expect(fourth.statusCode).toBe(409);
		expect(fourth.json().error.message).toContain('at most 3');
		expect(await listed(PEOPLE[3] as string)).toMatchObject({ pinned: false, archived: false });
	});

	test('bad input is 400 naming the field; an unknown chat is 404', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{}, 'body'],
			[{ muteUntil: new Date(Date.now() + 60_000).toISOString() }, 'body.muteUntil'],
			[{ muted: true, muteUntil: new Date(Date.now() - 60_000).toISOString() }, 'body.muteUntil'],
			[{ muted: true, muteUntil: 'tomorrow' }, 'body.muteUntil'],
			[{ unread: false }, 'body.unread'],
		];
		for (const [body, field] of cases) {
			const answer = await change(PEOPLE[2] as string, body);
			expect({ body, status: answer.statusCode }).toEqual({ body, status: 400 });
			expect(JSON.stringify(answer.json().error.details)).toContain(field);
		}
		expect((await change('15550006999@c.us', { archived: true })).statusCode).toBe(404);
	});
});
