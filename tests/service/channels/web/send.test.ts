import http from 'node:http';
import { WebAck, type FakePhone } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { listenLocally, type LocalServer } from '../../../support/localServer';
import { call, linkSession, phoneOf, startWebWorld, storedEvents, subscribeAll, waitFor, type WebWorld } from './webHarness';

const PEER = '15550001234@c.us';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** Serves files for link sends: /doc.pdf, /big.bin (too large), /slow (never answers), /untyped (no Content-Type). */
function fileServer(): Promise<LocalServer> {
	const routes: Record<string, (response: http.ServerResponse) => void> = {
		'/doc.pdf': (response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.4 tiny test file')),
		'/big.bin': (response) => response.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.alloc(64 * 1024, 1)),
		'/untyped': (response) => response.writeHead(200).end(Buffer.from('bytes of no declared type')),
		'/moved': (response) => response.writeHead(302, { location: '/doc.pdf' }).end(),
		'/slow': () => undefined,
	};
	return listenLocally((request, response) => (routes[request.url ?? ''] ?? ((answer: http.ServerResponse) => answer.writeHead(404).end()))(response));
}

describe.each(testDialects())('sending on the web channel on %s', (dialect) => {
	let world: WebWorld;
	let phone: FakePhone;
	let files: Awaited<ReturnType<typeof fileServer>>;
	let inboundId: string;
	beforeAll(async () => {
		files = await fileServer();
		world = await startWebWorld(dialect, { env: { WEB_MEDIA_ALLOW_PRIVATE_URLS: 'true', WEB_MEDIA_MAX_BYTES: '16384', WEB_MEDIA_FETCH_TIMEOUT_MS: '400' } });
		await subscribeAll(world);
		await linkSession(world, 'main', { isDefault: true });
		phone = await phoneOf(world, 'main');
		inboundId = phone.receive({ type: 'chat', from: PEER, body: 'Do you have it in blue?' }).id._serialized;
	});
	afterAll(async () => {
		await world.service.stop();
		await files.close();
	});

	const send = (body: Record<string, unknown>) => call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', to: PEER, ...body });
	/** What the peer's chat holds, as the service normalizes it. */
	const lastInChat = async (chatId = PEER) => {
		const answer = await call(world, world.admin, 'GET', `/v1/web/sessions/main/chats/${chatId}/messages?limit=1`);
		return answer.json().data[0];
	};

	test('text with a quote and a mention; the phone number form of "to" works; acks move the stored status to read', async () => {
		const sent = await call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', to: '+1 555 000 1234', type: 'text', text: { body: 'Yes! @15550009999 has it' }, replyTo: inboundId, mentions: ['+1 555 000 9999'] });
		expect(sent.statusCode).toBe(201);
		const body = sent.json();
		expect(body).toMatchObject({ channel: 'web', from: 'main', type: 'text', status: 'sent' });
		expect(body.providerMessageId).toMatch(/^true_15550001234@c\.us_3EB0[0-9A-F]+$/);
		const inChat = await lastInChat();
		expect(inChat).toMatchObject({ id: body.providerMessageId, direction: 'outbound', type: 'text', text: { body: 'Yes! @15550009999 has it' }, mentions: ['15550009999@c.us'], context: { messageId: inboundId, from: PEER } });
		await waitFor(async () => (await call(world, world.sender, 'GET', `/v1/messages/${body.id}`)).json().status === 'read', 'the read ack');
		const statuses = (await storedEvents(world, 'message.status')).filter((event) => event.data.messageId === body.providerMessageId).map((event) => event.data.status);
		expect(statuses).toEqual(['sent', 'delivered', 'read']);
		// The echo of our own send is not a second record or a second message.sent.
		const rows = await world.service.ctx.storage.db.selectFrom('messages').select('id').where('provider_id', '=', body.providerMessageId).execute();
		expect(rows).toHaveLength(1);
		expect((await storedEvents(world, 'message.sent')).filter((event) => event.data.id === body.providerMessageId)).toHaveLength(1);
	});

	test('media from base64, with caption and filename; audio as a voice note; a sticker', async () => {
		const image = await send({ type: 'image', image: { base64: PNG_1PX, mimeType: 'image/png', caption: 'Blue one' } });
		expect(image.statusCode).toBe(201);
		expect(await lastInChat()).toMatchObject({ type: 'image', media: { id: image.json().providerMessageId, mimeType: 'image/png', caption: 'Blue one' } });
		const media = await call(world, world.admin, 'GET', `/v1/web/sessions/main/messages/${image.json().providerMessageId}/media`);
		expect(media.headers['content-type']).toBe('image/png');
		expect(media.rawPayload.toString('base64')).toBe(PNG_1PX);

		const voice = await send({ type: 'audio', audio: { base64: Buffer.from('OggS fake opus').toString('base64'), mimeType: 'audio/ogg', voice: true } });
		expect(voice.statusCode).toBe(201);
		expect(await lastInChat()).toMatchObject({ type: 'audio', media: { voice: true } });
		const sticker = await send({ type: 'sticker', sticker: { base64: PNG_1PX, mimeType: 'image/png' } });
		expect(sticker.statusCode).toBe(201);
		expect(await lastInChat()).toMatchObject({ type: 'sticker', media: { mimeType: 'image/webp' } });
	});

	test('media from a URL is fetched by the service (redirects followed), with the type the server declares', async () => {
		const document = await send({ type: 'document', document: { link: `${files.url}/moved`, caption: 'Price list' } });
		expect(document.statusCode).toBe(201);
		expect(await lastInChat()).toMatchObject({ type: 'document', media: { mimeType: 'application/pdf', filename: 'doc.pdf', caption: 'Price list' } });
		const named = await send({ type: 'document', document: { link: `${files.url}/untyped`, mimeType: 'text/plain', filename: 'notes.txt' } });
		expect(await lastInChat()).toMatchObject({ id: named.json().providerMessageId, media: { mimeType: 'text/plain', filename: 'notes.txt' } });
	});

	test('URL media failures name the field: no type, too large, not found, not http, too slow', async () => {
		const untyped = await send({ type: 'document', document: { link: `${files.url}/untyped` } });
		expect(untyped.statusCode).toBe(400);
		expect(untyped.json().error.details.fields).toEqual([{ field: 'body.document.mimeType', message: 'is required: the link did not say what type its content is' }]);
		const big = await send({ type: 'document', document: { link: `${files.url}/big.bin` } });
		expect(big.json().error.details.fields[0]).toEqual({ field: 'body.document.link', message: 'is larger than the 16384 bytes this service fetches (WEB_MEDIA_MAX_BYTES)' });
		const missing = await send({ type: 'image', image: { link: `${files.url}/nothing.png` } });
		expect(missing.json().error.details.fields[0]).toEqual({ field: 'body.image.link', message: 'could not be fetched: the server answered HTTP 404' });
		const ftp = await send({ type: 'image', image: { link: 'ftp://example.com/a.png' } });
		expect(ftp.json().error.details.fields[0]).toEqual({ field: 'body.image.link', message: 'must be an http or https URL' });
		const slow = await send({ type: 'image', image: { link: `${files.url}/slow`, mimeType: 'image/png' } });
		expect(slow.statusCode).toBe(504);
		expect(slow.json().error.message).toBe('body.image.link did not answer within 400 ms');
		// Every refused send is recorded as failed, never left pending.
		const failed = await world.service.ctx.storage.db.selectFrom('messages').select(['status']).where('type', 'in', ['image', 'document']).where('status', '=', 'pending').execute();
		expect(failed).toEqual([]);
	});

	test('media by id forwards what the session already holds', async () => {
		const received = phone.receive({ type: 'image', from: PEER, media: { mimetype: 'image/png', data: PNG_1PX }, caption: 'this one?' });
		const forwarded = await send({ type: 'image', image: { id: received.id._serialized, caption: 'Yes, that one' } });
		expect(forwarded.statusCode).toBe(201);
		const media = await call(world, world.admin, 'GET', `/v1/web/sessions/main/messages/${forwarded.json().providerMessageId}/media`);
		expect(media.rawPayload.toString('base64')).toBe(PNG_1PX);
		const unknown = await send({ type: 'image', image: { id: `false_${PEER}_ABCDEF0123456789` } });
		expect(unknown.json().error.details.fields[0].field).toBe('body.image.id');
	});

	test('location, contact card (Meta contact object as vCard), poll', async () => {
		const location = await send({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Unter den Linden 1' } });
		expect(location.statusCode).toBe(201);
		expect(await lastInChat()).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Unter den Linden 1' } });
		const contact = {
			name: { formatted_name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace' },
			phones: [{ phone: '+44 20 7946 0958', type: 'WORK', wa_id: '442079460958' }],
			emails: [{ email: 'ada@example.com', type: 'WORK' }],
			org: { company: 'Analytical Engines; Ltd', title: 'Countess' },
			urls: [{ url: 'https://example.com/ada' }],
			birthday: '1815-12-10',
		};
		const card = await send({ type: 'contacts', contacts: [contact] });
		expect(card.statusCode).toBe(201);
		expect((await lastInChat()).contacts).toEqual([contact]);
		const poll = await send({ type: 'poll', poll: { name: 'Which colour?', options: ['Blue', 'Green'], allowMultipleAnswers: true } });
		expect(poll.statusCode).toBe(201);
		expect(await lastInChat()).toMatchObject({ type: 'poll', poll: { name: 'Which colour?', options: ['Blue', 'Green'], allowMultipleAnswers: true } });
	});

	test("a reaction takes the id of WhatsApp Web's echo and is stored once", async () => {
		const reacted = await send({ type: 'reaction', reaction: { messageId: inboundId, emoji: '👍' } });
		expect(reacted.statusCode).toBe(201);
		expect(reacted.json().providerMessageId).toMatch(/^true_15550001234@c\.us_3EB0/);
		const rows = await world.service.ctx.storage.db.selectFrom('messages').select(['type', 'body_json']).where('provider_id', '=', reacted.json().providerMessageId).execute();
		expect(rows.map((row) => row.type)).toEqual(['reaction']);
	});

	test('marking read sees the chat and can show typing', async () => {
		const chat = world.service.driver.client((await world.service.ctx.storage.db.selectFrom('web_sessions').select('id').executeTakeFirstOrThrow()).id) ?? phone;
		expect(chat).toBeDefined();
		const read = await call(world, world.sender, 'POST', '/v1/messages/read', { channel: 'web', messageId: inboundId, typing: true });
		expect(read.json()).toEqual({ success: true });
		expect(phone.chatActivity(PEER)).toBe('typing');
		const chats = (await call(world, world.admin, 'GET', '/v1/web/sessions/main/chats')).json().data;
		expect(chats.find((entry: { id: string }) => entry.id === PEER).unreadCount).toBe(0);
		const bad = await call(world, world.sender, 'POST', '/v1/messages/read', { channel: 'web', messageId: 'wamid.not-a-web-id' });
		expect(bad.json().error.details.fields[0].field).toBe('body.messageId');
	});

	test('what the web channel cannot do answers 422 naming it; malformed ids 400 naming the field', async () => {
		const interactive = await send({ type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' } } });
		expect(interactive.statusCode).toBe(422);
		expect(interactive.json().error.details).toEqual({ channel: 'web', feature: 'Interactive messages (buttons, lists, flows)' });
		expect((await send({ type: 'template', template: { name: 'hello_world', language: 'en_US' } })).statusCode).toBe(422);
		expect((await send({ type: 'text', text: { body: 'x' }, bizOpaqueCallbackData: 'tracking' })).statusCode).toBe(422);
		const two = { name: { formatted_name: 'A' } };
		expect((await send({ type: 'contacts', contacts: [two, two] })).statusCode).toBe(422);
		for (const [body, field] of [
			[{ to: 'not a chat', type: 'text', text: { body: 'x' } }, 'body.to'],
			[{ to: '12@c.us', type: 'text', text: { body: 'x' } }, 'body.to'],
			[{ type: 'text', text: { body: 'x' }, replyTo: 'wamid.HBgL' }, 'body.replyTo'],
			[{ type: 'text', text: { body: 'x' }, mentions: ['everyone'] }, 'body.mentions.0'],
			[{ type: 'image', image: { base64: PNG_1PX } }, 'body.image.mimeType'],
			[{ type: 'image', image: { base64: PNG_1PX, mimeType: 'image/png', link: 'https://example.com/a.png' } }, 'body.image'],
			[{ type: 'reaction', reaction: { messageId: 'nope', emoji: '👍' } }, 'body.reaction.messageId'],
		] as const) {
			const answer = await send(body);
			expect([answer.statusCode, answer.json().error.details.fields[0].field]).toEqual([400, field]);
		}
		// The number is not on WhatsApp: the chat does not exist for this session.
		const nobody = await send({ to: '99912345678@c.us', type: 'text', text: { body: 'hello?' } });
		expect(nobody.statusCode).toBe(400);
		expect(nobody.json().error.details.fields[0].field).toBe('body.to');
	});

	test('a session that is not WORKING answers 409 with its status; an unknown session 404; failures are recorded as failed', async () => {
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'idle', start: false });
		const idle = await send({ from: 'idle', type: 'text', text: { body: 'anyone?' } });
		expect(idle.statusCode).toBe(409);
		expect(idle.json().error).toMatchObject({ code: 'channel_not_ready', details: { session: 'idle', status: 'STOPPED' } });
		const ghost = await send({ from: 'ghost', type: 'text', text: { body: 'anyone?' } });
		expect(ghost.statusCode).toBe(404);
		// Two sessions and one default: sends without `from` go through the default.
		const viaDefault = await send({ type: 'text', text: { body: 'default' } });
		expect(viaDefault.json().from).toBe('main');
		const failed = await world.service.ctx.storage.db.selectFrom('messages').select(['status', 'error_json']).where('body_json', 'like', '%anyone?%').execute();
		expect(failed.map((row) => row.status)).toEqual(['failed']);
		expect(JSON.parse(failed[0]?.error_json as string)[0]).toMatchObject({ code: 'channel_not_ready' });
	});

	test('a send the phone reports as failed (ack -1) ends as failed with the reason', async () => {
		const sent = await send({ type: 'text', text: { body: 'will fail' } });
		phone.ack(sent.json().providerMessageId, WebAck.ERROR);
		await waitFor(async () => (await call(world, world.sender, 'GET', `/v1/messages/${sent.json().id}`)).json().status === 'failed', 'the failed ack');
	});
});
