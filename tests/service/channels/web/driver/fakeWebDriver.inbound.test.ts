import { FakeWebDriver, type FakeWebClient, type InboundSpec } from '../../../../../service/src/channels/web/driver/fake';
import { snapshotOf, type WebMessage, type WebPollVote, type WebReaction } from '../../../../../service/src/channels/web/driver/messageSnapshot';
import { EventRecorder } from './eventRecorder';

const PEER = '5541999990000@c.us';
const GROUP = '120363041234567890@g.us';
const MEMBER = '447700900123@c.us';
const DATA = Buffer.from('fake media bytes').toString('base64');
const VCARD = 'BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD';

let driver: FakeWebDriver;
let client: FakeWebClient;
let events: EventRecorder;
let ownId: string;

beforeEach(async () => {
	driver = new FakeWebDriver();
	client = driver.createClient({ sessionKey: 'receiver' });
	events = new EventRecorder(client);
	await client.initialize();
	await driver.phone('receiver').scanQr();
	await events.waitFor('remote_session_saved');
	events.events.length = 0;
	ownId = (await client.getOwnProfile())?.id as string;
});
afterEach(async () => {
	await driver.shutdown();
});

/** Inbound: exactly message_create then message, both carrying the same snapshot. */
function expectInboundPair(returned: WebMessage): WebMessage {
	expect(events.names()).toEqual(['message_create', 'message']);
	const [[created]] = events.args('message_create');
	const [[received]] = events.args('message');
	expect(snapshotOf(created as WebMessage)).toEqual(snapshotOf(returned));
	expect(snapshotOf(received as WebMessage)).toEqual(snapshotOf(returned));
	return received as WebMessage;
}

describe('FakeWebDriver inbound messages', () => {
	test('text from a contact: library addressing (from = chat, to = us), android-style id', () => {
		const message = expectInboundPair(driver.phone('receiver').receive({ type: 'chat', from: PEER, body: 'Olá' }));
		expect(snapshotOf(message)).toEqual({
			id: { fromMe: false, remote: PEER, id: expect.stringMatching(/^[0-9A-F]{32}$/), _serialized: `false_${PEER}_${message.id.id}` },
			from: PEER,
			to: ownId,
			body: 'Olá',
			type: 'chat',
			timestamp: expect.any(Number),
			ack: 1,
			hasMedia: false,
			fromMe: false,
			hasQuotedMsg: false,
			hasReaction: false,
			isForwarded: false,
			forwardingScore: 0,
			isStatus: false,
			isGif: false,
			broadcast: false,
			deviceType: 'android',
			mentionedIds: [],
			groupMentions: [],
			vCards: [],
			links: [],
		});
	});

	test.each([
		['image', 'image/jpeg', undefined],
		['video', 'video/mp4', undefined],
		['audio', 'audio/mpeg', undefined],
		['ptt', 'audio/ogg; codecs=opus', undefined],
		['document', 'application/pdf', 'contract.pdf'],
		['sticker', 'image/webp', undefined],
	] as const)('%s with downloadable media', async (type, mimetype, filename) => {
		const spec = { type, from: PEER, media: { mimetype, data: DATA, ...(filename ? { filename } : {}) }, caption: 'cap', duration: 7 };
		const message = expectInboundPair(driver.phone('receiver').receive(spec as InboundSpec));
		expect(message).toMatchObject({
			type,
			hasMedia: true,
			body: 'cap',
			duration: 7,
			media: { mimetype, filesize: Buffer.from('fake media bytes').length, ...(filename ? { filename } : {}) },
		});
		expect(await message.downloadMedia()).toEqual({ mimetype, data: DATA, ...(filename ? { filename } : {}) });
		expect(await client.downloadMedia(message.id._serialized)).toEqual(expect.objectContaining({ data: DATA }));
	});

	test('location', () => {
		const message = expectInboundPair(
			driver.phone('receiver').receive({ type: 'location', from: PEER, latitude: 51.5, longitude: -0.12, name: 'Big Ben', url: 'https://maps.example' }),
		);
		expect(message).toMatchObject({
			type: 'location',
			body: '',
			hasMedia: false,
			location: { latitude: 51.5, longitude: -0.12, name: 'Big Ben', url: 'https://maps.example', description: 'Big Ben' },
		});
	});

	test('vcard and multi_vcard', () => {
		const one = driver.phone('receiver').receive({ type: 'vcard', from: PEER, vcard: VCARD });
		const many = driver.phone('receiver').receive({ type: 'multi_vcard', from: PEER, vcards: [VCARD, VCARD] });
		expect(one).toMatchObject({ type: 'vcard', body: VCARD, vCards: [VCARD] });
		expect(many).toMatchObject({ type: 'multi_vcard', body: '', vCards: [VCARD, VCARD] });
		expect(events.names()).toEqual(['message_create', 'message', 'message_create', 'message']);
	});

	test('poll_creation, then a vote on it', () => {
		const poll = expectInboundPair(
			driver.phone('receiver').receive({ type: 'poll_creation', from: PEER, pollName: 'Meet?', pollOptions: ['Mon', 'Tue'] }),
		);
		expect(poll).toMatchObject({
			type: 'poll_creation',
			body: 'Meet?',
			pollName: 'Meet?',
			pollOptions: [
				{ name: 'Mon', localId: 0 },
				{ name: 'Tue', localId: 1 },
			],
			allowMultipleAnswers: false,
		});
		events.events.length = 0;
		driver.phone('receiver').votePoll({ voter: PEER, pollMessageId: poll.id._serialized, selected: ['Tue'] });
		const [[vote]] = events.args('vote_update') as [[WebPollVote]];
		expect(vote).toEqual({
			voter: PEER,
			selectedOptions: [{ localId: 1, name: 'Tue' }],
			interactedAtTs: expect.any(Number),
			parentMessageId: poll.id._serialized,
		});
	});

	test("group notifications fire under the library's event names, one GroupNotification each", () => {
		const phone = driver.phone('receiver');
		const fire = (type: string, extra: { recipientIds?: string[]; body?: string } = {}) => phone.groupNotification({ chatId: GROUP, type, author: MEMBER, ...extra });
		const joined = fire('add', { recipientIds: [PEER] });
		fire('invite');
		fire('linked_group_join');
		fire('leave');
		fire('remove', { recipientIds: [PEER] });
		fire('promote', { recipientIds: [PEER] });
		fire('demote', { recipientIds: [PEER] });
		fire('membership_approval_request');
		fire('subject', { body: 'Renamed' });
		fire('restrict');
		expect(events.names()).toEqual([
			'group_join',
			'group_join',
			'group_join',
			'group_leave',
			'group_leave',
			'group_admin_changed',
			'group_admin_changed',
			'group_membership_request',
			'group_update',
			'group_update',
		]);
		expect(events.events.every((event) => event.args.length === 1)).toBe(true);
		expect(joined).toEqual({
			id: expect.objectContaining({ remote: GROUP, participant: MEMBER, _serialized: expect.stringContaining(GROUP) }),
			body: '',
			type: 'add',
			timestamp: expect.any(Number),
			chatId: GROUP,
			author: MEMBER,
			recipientIds: [PEER],
		});
		expect(events.args('group_update')[0]).toEqual([expect.objectContaining({ type: 'subject', body: 'Renamed', recipientIds: [] })]);
		expect(() => phone.groupNotification({ chatId: PEER, type: 'add' })).toThrow(/not a group/);
	});

	test('group message: author, participant in the id, mentions and a quote', () => {
		const phone = driver.phone('receiver');
		expect(() => phone.receive({ type: 'chat', from: GROUP, body: 'no author' })).toThrow(/author/);
		const first = phone.receive({ type: 'chat', from: GROUP, author: MEMBER, body: 'first' });
		events.events.length = 0;
		const reply = expectInboundPair(
			phone.receive({ type: 'chat', from: GROUP, author: PEER, body: `@${ownId.split('@')[0]} ok`, mentionedIds: [ownId], quotedMessageId: first.id._serialized }),
		);
		expect(reply).toMatchObject({
			from: GROUP,
			to: ownId,
			author: PEER,
			id: { remote: GROUP, participant: PEER, _serialized: `false_${GROUP}_${reply.id.id}_${PEER}` },
			mentionedIds: [ownId],
			hasQuotedMsg: true,
			quotedStanzaId: first.id.id,
			quotedParticipant: MEMBER,
		});
	});

	test('typed on the linked phone (fromMe): only message_create, like the library', () => {
		const message = driver.phone('receiver').receive({ type: 'chat', from: PEER, body: 'sent from my phone', fromMe: true });
		expect(events.names()).toEqual(['message_create']);
		expect(message).toMatchObject({ fromMe: true, from: ownId, to: PEER, id: { fromMe: true } });
	});

	test('reaction from the contact (and its removal)', () => {
		const target = driver.phone('receiver').receive({ type: 'chat', from: PEER, body: 'react here' });
		events.events.length = 0;
		driver.phone('receiver').react({ from: PEER, messageId: target.id._serialized, emoji: '❤️' });
		driver.phone('receiver').react({ from: PEER, messageId: target.id._serialized, emoji: '' });
		const reactions = events.args('message_reaction').map(([reaction]) => reaction as WebReaction);
		expect(events.names()).toEqual(['message_reaction', 'message_reaction']);
		expect(reactions.map((reaction) => [reaction.reaction, reaction.senderId, reaction.msgId._serialized])).toEqual([
			['❤️', PEER, target.id._serialized],
			['', PEER, target.id._serialized],
		]);
		expect(reactions[0]?.id).toEqual(expect.objectContaining({ fromMe: false, remote: PEER }));
	});

	test('revoke for everyone: (revoked message, original) and the media is gone', async () => {
		const phone = driver.phone('receiver');
		const original = phone.receive({ type: 'image', from: PEER, media: { mimetype: 'image/png', data: DATA }, caption: 'oops' });
		events.events.length = 0;
		phone.revoke(original.id._serialized);
		const [[revoked, before]] = events.args('message_revoke_everyone');
		expect(revoked).toMatchObject({ id: original.id, type: 'revoked', body: '', hasMedia: false, protocolMessageKey: original.id });
		expect(before).toMatchObject({ id: original.id, type: 'image', body: 'oops', hasMedia: true });
		expect(await client.downloadMedia(original.id._serialized)).toBeUndefined();

		const second = phone.receive({ type: 'chat', from: PEER, body: 'gone' });
		phone.revoke(second.id._serialized, { withOriginal: false });
		expect(events.args('message_revoke_everyone').at(-1)?.[1]).toBeUndefined();
	});

	test('edit: (message with the new body, newBody, prevBody)', () => {
		const phone = driver.phone('receiver');
		const original = phone.receive({ type: 'chat', from: PEER, body: 'teh typo' });
		events.events.length = 0;
		phone.edit(original.id._serialized, 'the typo');
		const [[edited, newBody, prevBody]] = events.args('message_edit');
		expect([newBody, prevBody]).toEqual(['the typo', 'teh typo']);
		expect(edited).toMatchObject({ id: original.id, body: 'the typo', latestEditSenderTimestampMs: expect.any(Number) });
	});

	test('memory per chat is bounded; evicted messages can no longer be downloaded', async () => {
		const small = new FakeWebDriver({ maxMessagesPerChat: 3 });
		const other = small.createClient({ sessionKey: 'small' });
		await other.initialize();
		await small.phone('small').scanQr();
		const first = small.phone('small').receive({ type: 'image', from: PEER, media: { mimetype: 'image/png', data: DATA } });
		for (let index = 0; index < 3; index += 1) small.phone('small').receive({ type: 'chat', from: PEER, body: `n${index}` });
		expect((await other.getChatMessages(PEER, { limit: 10 })).map((message) => message.body)).toEqual(['n0', 'n1', 'n2']);
		expect(await first.downloadMedia()).toBeUndefined();
		await small.shutdown();
	});

	test('the phone refuses to act on a session that is not ready', async () => {
		const other = driver.createClient({ sessionKey: 'idle' });
		await other.initialize();
		expect(() => driver.phone('idle').receive({ type: 'chat', from: PEER, body: 'x' })).toThrow(/not ready/);
		await expect(driver.phone('idle').enterPairingCode('ABCDEFGH')).rejects.toThrow(/no pairing code/);
		expect(() => driver.phone('nobody')).toThrow(/no live fake client/);
	});
});
