import type { FakePhone } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { call, linkSession, phoneOf, sessionKey, startWebWorld, storedEvents, subscribeAll, waitFor, type WebWorld } from './webHarness';

const PEER = '15550002001@c.us';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe.each(testDialects())('editing, deleting and forwarding Web messages on %s', (dialect) => {
	let world: WebWorld;
	let phone: FakePhone;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await subscribeAll(world);
		await linkSession(world, 'desk');
		phone = await phoneOf(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const sendText = async (body: string): Promise<string> => {
		const sent = await call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'desk', to: PEER, type: 'text', text: { body } });
		expect(sent.statusCode).toBe(201);
		return sent.json().providerMessageId as string;
	};
	const history = async (id: string) => {
		const row = await world.service.ctx.storage.db.selectFrom('messages').select(['direction', 'body_json']).where('provider_id', '=', id).executeTakeFirst();
		return row ? { direction: row.direction, body: JSON.parse(row.body_json) as Record<string, unknown> } : undefined;
	};
	/** The message as the session's WhatsApp Web holds it now. */
	const onDevice = async (id: string) => {
		const client = world.service.driver.client(await sessionKey(world, 'desk'));
		return (await client?.getChatMessages(PEER, { limit: 100 }))?.find((message) => message.id._serialized === id);
	};
	const messagePath = (id: string) => `/v1/web/sessions/desk/messages/${encodeURIComponent(id)}`;

	test('an edit changes the text the chat shows, answers the edited message, emits message.edited and amends history', async () => {
		const id = await sendText('See you at 5');
		const edited = await call(world, world.sender, 'PATCH', messagePath(id), { text: 'See you at 6' });
		expect(edited.statusCode).toBe(200);
		expect(edited.json()).toMatchObject({ id, direction: 'outbound', type: 'text', text: { body: 'See you at 6' } });
		expect((await onDevice(id))?.body).toBe('See you at 6');
		await waitFor(async () => (await storedEvents(world, 'message.edited')).some((event) => event.data.messageId === id), 'message.edited');
		const event = (await storedEvents(world, 'message.edited')).find((candidate) => candidate.data.messageId === id);
		expect(event?.data).toMatchObject({ body: 'See you at 6', previousBody: 'See you at 5', chatId: PEER });
		expect((await history(id))?.body).toMatchObject({ text: { body: 'See you at 6' }, edited: { previousBody: 'See you at 5' } });
	});

	test('deleting for everyone revokes the message in the chat, emits message.revoked and marks history; for me only removes it from this device and leaves history as it was', async () => {
		const id = await sendText('Wrong chat, sorry');
		const deleted = await call(world, world.sender, 'DELETE', messagePath(id));
		expect(deleted.statusCode).toBe(200);
		expect(deleted.json()).toEqual({ success: true, messageId: id, forEveryone: true });
		expect((await onDevice(id))?.type).toBe('revoked');
		await waitFor(async () => (await storedEvents(world, 'message.revoked')).some((event) => event.data.messageId === id), 'message.revoked');
		await waitFor(async () => (await history(id))?.body.revoked !== undefined, 'history marked revoked');

		const mine = await sendText('Only my copy goes');
		const local = await call(world, world.sender, 'DELETE', `${messagePath(mine)}?forEveryone=false`);
		expect(local.json()).toEqual({ success: true, messageId: mine, forEveryone: false });
		expect(await onDevice(mine)).toBeUndefined();
		expect((await history(mine))?.body.revoked).toBeUndefined();
	});

	test("someone else's message cannot be edited or deleted for everyone (409); an unknown one is 404; bad input is 400 naming the field", async () => {
		const theirs = phone.receive({ type: 'chat', from: PEER, body: 'not yours' }).id._serialized;
		const edit = await call(world, world.sender, 'PATCH', messagePath(theirs), { text: 'mine now' });
		expect(edit.statusCode).toBe(409);
		expect(edit.json().error.message).toContain('only your own messages');
		expect((await call(world, world.sender, 'DELETE', messagePath(theirs))).statusCode).toBe(409);
		expect((await call(world, world.sender, 'DELETE', `${messagePath(theirs)}?forEveryone=false`)).statusCode).toBe(200);

		const unknown = `true_${PEER}_3EB0FFFFFFFFFFFFFFFFFF`;
		expect((await call(world, world.sender, 'PATCH', messagePath(unknown), { text: 'x' })).statusCode).toBe(404);
		expect((await call(world, world.sender, 'DELETE', messagePath(unknown))).statusCode).toBe(404);

		const id = await sendText('to fix');
		const empty = await call(world, world.sender, 'PATCH', messagePath(id), { text: '' });
		expect(empty.statusCode).toBe(400);
		expect(empty.json().error.details.fields[0].field).toBe('body.text');
		expect((await call(world, world.sender, 'PATCH', '/v1/web/sessions/desk/messages/not-an-id', { text: 'x' })).json().error.details.fields[0].field).toBe('params.messageId');
		// Reading is not enough to change what was sent.
		expect((await call(world, { authorization: `Bearer ${world.tenant.readerKey}` }, 'PATCH', messagePath(id), { text: 'x' })).statusCode).toBe(403);
	});

	test('forwarding copies a message into another chat marked as forwarded; history and message.sent record the copy', async () => {
		const OTHER = '15550002002@c.us';
		const photo = phone.receive({ type: 'image', from: PEER, media: { mimetype: 'image/png', data: PNG }, caption: 'the receipt' }).id._serialized;
		const forwarded = await call(world, world.sender, 'POST', `${messagePath(photo)}/forward`, { to: '+1 555 000 2002' });
		expect(forwarded.statusCode).toBe(200);
		expect(forwarded.json()).toEqual({ success: true, messageId: photo, to: OTHER });
		const client = world.service.driver.client(await sessionKey(world, 'desk'));
		const [copy] = (await client?.getChatMessages(OTHER, { limit: 5 })) ?? [];
		expect(copy).toMatchObject({ fromMe: true, type: 'image', body: 'the receipt', isForwarded: true });
		let sent: Awaited<ReturnType<typeof storedEvents>>[number] | undefined;
		await waitFor(async () => (sent = (await storedEvents(world, 'message.sent')).find((event) => event.data.id === copy?.id._serialized)) !== undefined, 'message.sent for the copy');
		expect(sent?.data).toMatchObject({ chatId: OTHER, type: 'image', media: { caption: 'the receipt' }, context: { forwarded: true } });
		expect((await history(copy?.id._serialized as string))?.direction).toBe('outbound');

		expect((await call(world, world.sender, 'POST', `${messagePath(photo)}/forward`, { to: 'someone' })).json().error.details.fields[0].field).toBe('body.to');
		expect((await call(world, world.sender, 'POST', `${messagePath(`true_${PEER}_3EB0FFFFFFFFFFFFFFFFFF`)}/forward`, { to: OTHER })).statusCode).toBe(404);
	});

	test('a message older than WhatsApp’s 15-minute edit window cannot be edited (409)', async () => {
		const id = await sendText('old news');
		const realNow = Date.now;
		Date.now = () => realNow() + 16 * 60 * 1000;
		try {
			const late = await call(world, world.sender, 'PATCH', messagePath(id), { text: 'too late' });
			expect(late.statusCode).toBe(409);
			expect(late.json().error.message).toContain('15 minutes');
		} finally {
			Date.now = realNow;
		}
	});
});
