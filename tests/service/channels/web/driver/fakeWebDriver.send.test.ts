import { FakeWebDriver, type FakeWebClient } from '../../../../../service/src/channels/web/driver/fake';
import { snapshotOf, type WebMessage } from '../../../../../service/src/channels/web/driver/messageSnapshot';
import type { OutgoingContent } from '../../../../../service/src/channels/web/driver/outgoingContent';
import { WebAck } from '../../../../../service/src/channels/web/driver/webEvents';
import { EventRecorder } from './eventRecorder';

const PEER = '12025550108@c.us';
const GROUP = '120363041234567890@g.us';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const VCARD = 'BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nTEL;type=CELL;waid=447700900123:+44 7700 900123\nEND:VCARD';

let driver: FakeWebDriver;
let client: FakeWebClient;
let events: EventRecorder;

async function readyClient(options: ConstructorParameters<typeof FakeWebDriver>[0] = {}): Promise<void> {
	driver = new FakeWebDriver(options);
	client = driver.createClient({ sessionKey: 'sender' });
	events = new EventRecorder(client);
	await client.initialize();
	await driver.phone('sender').scanQr();
	await events.waitFor('remote_session_saved');
	events.events.length = 0;
}

afterEach(async () => {
	await driver.shutdown();
});

/** Sends, then waits for the three acks; returns what sendMessage resolved with. */
async function sendAndSettle(content: OutgoingContent, options = {}): Promise<WebMessage> {
	const sent = await client.sendMessage(PEER, content, options);
	await events.waitFor('message_ack', 3);
	return sent;
}

function expectSendEventOrder(sent: WebMessage): void {
	// message_create (ack 0) comes before sendMessage resolves; never `message` for our own sends.
	expect(events.names()).toEqual(['message_create', 'message_ack', 'message_ack', 'message_ack']);
	const [created] = events.args('message_create')[0] ?? [];
	expect(created?.id._serialized).toBe(sent.id._serialized);
	expect(created?.ack).toBe(WebAck.PENDING);
	expect(events.args('message_ack').map(([message, ack]) => [message.id._serialized, message.ack, ack])).toEqual([
		[sent.id._serialized, 1, 1],
		[sent.id._serialized, 2, 2],
		[sent.id._serialized, 3, 3],
	]);
}

describe('FakeWebDriver sends', () => {
	beforeEach(async () => {
		await readyClient();
	});

	test('text with a quote and mentions: shape of the snapshot, create before acks 1 -> 2 -> 3', async () => {
		const inbound = driver.phone('sender').receive({ type: 'chat', from: PEER, body: 'hi there' });
		events.events.length = 0;
		const sent = await sendAndSettle(
			{ kind: 'text', text: 'hello @12025550108 see https://example.com' },
			{ quotedMessageId: inbound.id._serialized, mentions: [PEER] },
		);
		expectSendEventOrder(sent);
		const own = (await client.getOwnProfile())?.id;
		expect(snapshotOf(sent)).toEqual({
			id: { fromMe: true, remote: PEER, id: expect.stringMatching(/^3EB0[0-9A-F]{18}$/), _serialized: `true_${PEER}_${sent.id.id}` },
			from: own,
			to: PEER,
			body: 'hello @12025550108 see https://example.com',
			type: 'chat',
			timestamp: expect.any(Number),
			ack: 0,
			hasMedia: false,
			fromMe: true,
			hasQuotedMsg: true,
			quotedStanzaId: inbound.id.id,
			quotedParticipant: PEER,
			hasReaction: false,
			isForwarded: false,
			forwardingScore: 0,
			isStatus: false,
			isGif: false,
			broadcast: false,
			deviceType: 'web',
			mentionedIds: [PEER],
			groupMentions: [],
			vCards: [],
			links: [{ link: 'https://example.com', isSuspicious: false }],
		});
		// Seconds, not milliseconds.
		expect(Math.abs(sent.timestamp - Date.now() / 1000)).toBeLessThan(5);
		// Plain data: survives JSON and structuredClone, the downloader is not part of it.
		expect(JSON.parse(JSON.stringify(sent))).toEqual(snapshotOf(sent));
		expect(structuredClone(snapshotOf(sent))).toEqual(snapshotOf(sent));
		expect(Object.keys(sent)).not.toContain('downloadMedia');
		expect(await sent.downloadMedia()).toBeUndefined();
	});

	test.each([
		['image', { mimetype: 'image/png', data: PNG }, undefined, 'image', 'image/png'],
		['video', { mimetype: 'video/mp4', data: PNG }, undefined, 'video', 'video/mp4'],
		['audio', { mimetype: 'audio/mpeg', data: PNG }, undefined, 'audio', 'audio/mpeg'],
		['voice note', { mimetype: 'audio/ogg', data: PNG }, 'voice', 'ptt', 'audio/ogg; codecs=opus'],
		['document', { mimetype: 'application/pdf', data: PNG, filename: 'report.pdf' }, undefined, 'document', 'application/pdf'],
		['image as document', { mimetype: 'image/png', data: PNG, filename: 'scan.png' }, 'document', 'document', 'image/png'],
		['sticker', { mimetype: 'image/png', data: PNG }, 'sticker', 'sticker', 'image/webp'],
		['gif', { mimetype: 'video/mp4', data: PNG }, 'gif', 'video', 'video/mp4'],
	] as const)('media: %s', async (_label, media, as, type, mimetype) => {
		const sent = await sendAndSettle({ kind: 'media', media, caption: 'look', ...(as ? { as } : {}) });
		expectSendEventOrder(sent);
		expect(sent).toMatchObject({ type, hasMedia: true, body: 'look', media: { mimetype, filesize: 16 } });
		expect(sent.isGif).toBe(as === 'gif');
		if (type === 'document') expect(sent.media?.filename).toBe(media.filename);
		expect(await sent.downloadMedia()).toEqual(expect.objectContaining({ mimetype, data: PNG }));
		expect(await client.downloadMedia(sent.id._serialized)).toEqual(expect.objectContaining({ data: PNG }));
	});

	test('location', async () => {
		const sent = await sendAndSettle({ kind: 'location', latitude: -25.43, longitude: -49.27, name: 'Office', address: 'Rua X, 1' });
		expectSendEventOrder(sent);
		expect(sent).toMatchObject({
			type: 'location',
			body: '',
			location: { latitude: -25.43, longitude: -49.27, name: 'Office', address: 'Rua X, 1', description: 'Office\nRua X, 1' },
		});
	});

	test('contact card (vCard)', async () => {
		const sent = await sendAndSettle({ kind: 'contact', vcard: VCARD });
		expectSendEventOrder(sent);
		expect(sent).toMatchObject({ type: 'vcard', body: VCARD, vCards: [VCARD] });
	});

	test('poll', async () => {
		const sent = await sendAndSettle({ kind: 'poll', name: ' Lunch? ', options: ['Pizza', 'Sushi', 'Salad'], allowMultipleAnswers: true });
		expectSendEventOrder(sent);
		expect(sent).toMatchObject({
			type: 'poll_creation',
			body: 'Lunch?',
			pollName: 'Lunch?',
			pollOptions: [
				{ name: 'Pizza', localId: 0 },
				{ name: 'Sushi', localId: 1 },
				{ name: 'Salad', localId: 2 },
			],
			allowMultipleAnswers: true,
		});
	});

	test('to a group: our id is the participant', async () => {
		const sent = await client.sendMessage(GROUP, { kind: 'text', text: 'hello group' });
		const own = (await client.getOwnProfile())?.id as string;
		expect(sent.id).toEqual(expect.objectContaining({ remote: GROUP, participant: own, _serialized: `true_${GROUP}_${sent.id.id}_${own}` }));
		expect(sent).toMatchObject({ from: own, to: GROUP, author: own });
	});

	test('reaction on a message: message_reaction with our sender id', async () => {
		const inbound = driver.phone('sender').receive({ type: 'chat', from: PEER, body: 'react to me' });
		events.events.length = 0;
		await client.react(inbound.id._serialized, '👍');
		const [[reaction]] = events.args('message_reaction') as [[import('../../../../../service/src/channels/web/driver/messageSnapshot').WebReaction]];
		expect(reaction).toEqual({
			id: expect.objectContaining({ fromMe: true, remote: PEER }),
			msgId: inbound.id,
			reaction: '👍',
			senderId: (await client.getOwnProfile())?.id,
			timestamp: expect.any(Number),
			read: true,
			orphan: 0,
			orphanReason: null,
		});
		// Unknown message: silently nothing, like the library.
		await client.react('false_1@c.us_NOPE', '👍');
		expect(events.count('message_reaction')).toBe(1);
	});

	test('refusals: invalid content, unknown number, scripted failure; the client keeps working', async () => {
		await expect(client.sendMessage(PEER, { kind: 'text', text: '' })).rejects.toMatchObject({ code: 'invalid_argument' });
		await expect(client.sendMessage('12025550108', { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'invalid_argument' });
		await expect(client.sendMessage(PEER, { kind: 'poll', name: 'q', options: ['only'] })).rejects.toMatchObject({
			code: 'invalid_argument',
		});
		await expect(client.sendMessage(PEER, { kind: 'contact', vcard: 'Ada' })).rejects.toMatchObject({ code: 'invalid_argument' });
		await expect(
			client.sendMessage(PEER, { kind: 'media', media: { mimetype: 'image/png', data: `data:image/png;base64,${PNG}` } }),
		).rejects.toMatchObject({ code: 'invalid_argument' });
		await expect(client.sendMessage('99912345678@c.us', { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'chat_not_found' });
		driver.phone('sender').failNextSend();
		await expect(client.sendMessage(PEER, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'send_failed' });
		await expect(client.sendMessage(PEER, { kind: 'text', text: 'x' })).resolves.toMatchObject({ body: 'x' });
	});

	test('chats, history, seen, typing, number lookup', async () => {
		const phone = driver.phone('sender');
		phone.receive({ type: 'chat', from: PEER, body: 'one' });
		phone.receive({ type: 'chat', from: PEER, body: 'two' });
		await client.sendMessage(PEER, { kind: 'text', text: 'three' }, { sendSeen: false });
		const [chat] = await client.listChats();
		expect(chat).toMatchObject({ id: PEER, isGroup: false, unreadCount: 2, lastMessage: expect.objectContaining({ body: 'three' }) });
		expect(await client.markSeen(PEER)).toBe(true);
		expect((await client.listChats())[0]?.unreadCount).toBe(0);
		expect((await client.getChatMessages(PEER, { limit: 2 })).map((message) => message.body)).toEqual(['two', 'three']);
		expect((await client.getChatMessages(PEER, { limit: 10, fromMe: false })).map((message) => message.body)).toEqual(['one', 'two']);
		await expect(client.getChatMessages(PEER, { limit: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
		await client.setChatActivity(PEER, 'typing');
		expect(phone.chatActivity(PEER)).toBe('typing');
		expect(await client.getNumberId('+1 202 555 0108')).toEqual({ server: 'c.us', user: '12025550108', _serialized: PEER });
		expect(await client.getNumberId('99912345678@c.us')).toBeNull();
	});
});

describe('FakeWebDriver acks driven by the phone', () => {
	beforeEach(async () => {
		await readyClient({ autoAck: false });
	});

	test('manual acks move forward only; PLAYED for voice notes; ERROR always reported', async () => {
		const sent = await client.sendMessage(PEER, { kind: 'media', media: { mimetype: 'audio/ogg', data: PNG }, as: 'voice' });
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(events.names()).toEqual(['message_create']);
		const phone = driver.phone('sender');
		phone.ack(sent.id._serialized, WebAck.DEVICE);
		phone.ack(sent.id._serialized, WebAck.SERVER); // stale: ignored
		phone.ack(sent.id._serialized, WebAck.PLAYED);
		expect(events.args('message_ack').map(([, ack]) => ack)).toEqual([WebAck.DEVICE, WebAck.PLAYED]);
		const failed = await client.sendMessage(PEER, { kind: 'text', text: 'will fail' });
		phone.ack(failed.id._serialized, WebAck.ERROR);
		expect(events.args('message_ack').at(-1)?.[1]).toBe(WebAck.ERROR);
	});

	test('operations before ready are refused with not_ready', async () => {
		const other = driver.createClient({ sessionKey: 'not-yet' });
		await expect(other.sendMessage(PEER, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'not_ready' });
		await other.initialize();
		await expect(other.listChats()).rejects.toMatchObject({ code: 'not_ready' });
		expect(await other.getOwnProfile()).toBeNull();
	});
});
