/**
 * Our types <-> the library's classes, using the real whatsapp-web.js structures. sendMessage dispatches
 * on instanceof, so the real driver must hand over the library's own classes.
 */
import { Location, MessageMedia, Poll, type Message as LibraryMessage } from 'whatsapp-web.js';
import { snapshotOf } from '../../../../../service/src/channels/web/driver/messageSnapshot';
import { toLibraryMessage } from '../../../../../service/src/channels/web/driver/real/toLibraryContent';
import { toSnapshot, toWebGroupNotification, toWebMessage, toWebPollVote, toWebReaction } from '../../../../../service/src/channels/web/driver/real/toSnapshot';

// index.d.ts declares Message as an interface, but the package exports the class the client uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Message = (require('whatsapp-web.js') as { Message: new (client: unknown, data: object) => LibraryMessage }).Message;
// Not exported from the package index; these are the classes the client builds for reaction/vote events.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Reaction = require('whatsapp-web.js/src/structures/Reaction') as new (client: unknown, data: object) => never;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PollVote = require('whatsapp-web.js/src/structures/PollVote') as new (client: unknown, data: object) => never;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GroupNotification = require('whatsapp-web.js/src/structures/GroupNotification') as new (client: unknown, data: object) => never;

const PEER = '12025550108@c.us';
const ME = '5541999990000@c.us';
const wid = (serialized: string) => ({ server: serialized.split('@')[1], user: serialized.split('@')[0], _serialized: serialized });

/** The shape window.WWebJS.getMessageModel hands to Node: ids as serialized Wid objects. */
function rawMessage(overrides: Record<string, unknown>): Record<string, unknown> {
	return {
		id: { fromMe: false, remote: PEER, id: 'ABCDEF0123456789ABCDEF0123456789', _serialized: `false_${PEER}_ABCDEF0123456789ABCDEF0123456789` },
		ack: 1,
		body: 'hello',
		type: 'chat',
		t: 1_760_000_000,
		from: wid(PEER),
		to: wid(ME),
		mentionedJidList: [],
		links: [],
		...overrides,
	};
}

describe('toLibraryMessage', () => {
	test('text keeps the string and passes quote, mentions, seen and link preview', () => {
		const { content, options } = toLibraryMessage(
			{ kind: 'text', text: 'hi', linkPreview: false },
			{ quotedMessageId: 'false_x@c.us_1', mentions: [PEER], sendSeen: false },
		);
		expect(content).toBe('hi');
		expect(options).toMatchObject({ quotedMessageId: 'false_x@c.us_1', mentions: [PEER], sendSeen: false, linkPreview: false });
	});

	test.each([
		[undefined, {}],
		['document', { sendMediaAsDocument: true }],
		['voice', { sendAudioAsVoice: true }],
		['gif', { sendVideoAsGif: true }],
		['sticker', { sendMediaAsSticker: true, stickerName: 'n', stickerAuthor: 'a', stickerCategories: ['😀'] }],
	] as const)('media as %s becomes a MessageMedia with %j', (as, flags) => {
		const { content, options } = toLibraryMessage({
			kind: 'media',
			media: { mimetype: 'image/png', data: 'AAAA', filename: 'a.png' },
			caption: 'cap',
			viewOnce: true,
			...(as ? { as } : {}),
			sticker: { name: 'n', author: 'a', categories: ['😀'] },
		});
		expect(content).toBeInstanceOf(MessageMedia);
		expect(content).toMatchObject({ mimetype: 'image/png', data: 'AAAA', filename: 'a.png' });
		expect(options).toMatchObject({ caption: 'cap', isViewOnce: true, ...flags });
	});

	test('location, poll and contact card', () => {
		const location = toLibraryMessage({ kind: 'location', latitude: 1.5, longitude: 2.5, name: 'HQ', address: 'Main St', url: 'https://x' });
		expect(location.content).toBeInstanceOf(Location);
		expect(location.content).toMatchObject({ latitude: 1.5, longitude: 2.5, description: 'HQ\nMain St', url: 'https://x' });

		const poll = toLibraryMessage({ kind: 'poll', name: 'Q?', options: ['a', 'b'], allowMultipleAnswers: true });
		expect(poll.content).toBeInstanceOf(Poll);
		expect(poll.content).toMatchObject({
			pollName: 'Q?',
			pollOptions: [
				{ name: 'a', localId: 0 },
				{ name: 'b', localId: 1 },
			],
			options: { allowMultipleAnswers: true },
		});

		const vcard = 'BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD';
		const contact = toLibraryMessage({ kind: 'contact', vcard: `${vcard}\n` });
		expect(contact.content).toBe(vcard);
		expect(contact.options).toMatchObject({ parseVCards: true });
	});
});

describe('library Message -> snapshot', () => {
	test('text with quote, mentions as Wid objects, group participant', () => {
		const group = '120363041234567890@g.us';
		const message = new Message(
			undefined,
			rawMessage({
				id: { fromMe: false, remote: group, id: '3A0123456789ABCDEF01', participant: wid(PEER), _serialized: `false_${group}_3A0123456789ABCDEF01_${PEER}` },
				from: wid(group),
				author: wid(PEER),
				mentionedJidList: [wid(ME)],
				quotedMsg: { body: 'earlier' },
				quotedStanzaID: 'QUOTED1',
				quotedParticipant: wid(ME),
				links: [{ link: 'https://a.example', isSuspicious: false }],
			}),
		);
		const snapshot = toSnapshot(message);
		expect(snapshot).toMatchObject({
			id: { remote: group, participant: PEER, id: '3A0123456789ABCDEF01' },
			from: group,
			to: ME,
			author: PEER,
			body: 'hello',
			timestamp: 1_760_000_000,
			deviceType: 'ios',
			mentionedIds: [ME],
			hasQuotedMsg: true,
			quotedStanzaId: 'QUOTED1',
			quotedParticipant: ME,
			links: [{ link: 'https://a.example', isSuspicious: false }],
		});
		expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
	});

	test('media: body is the caption, media info from the raw record, duration as a number', async () => {
		const message = new Message(
			undefined,
			rawMessage({ type: 'ptt', body: 'BASE64THUMB', caption: undefined, directPath: '/v/t62/x', mimetype: 'audio/ogg; codecs=opus', size: 4096, duration: '12' }),
		);
		const webMessage = toWebMessage(message);
		expect(snapshotOf(webMessage)).toMatchObject({
			type: 'ptt',
			hasMedia: true,
			body: '',
			media: { mimetype: 'audio/ogg; codecs=opus', filesize: 4096 },
			duration: 12,
		});
		expect(Object.keys(webMessage)).not.toContain('downloadMedia');
	});

	test('location, vcards, poll, revoked', () => {
		const location = toSnapshot(new Message(undefined, rawMessage({ type: 'location', lat: 10, lng: 20, loc: 'Shop\nHigh St 1', clientUrl: 'https://m' })));
		expect(location.location).toEqual({ latitude: 10, longitude: 20, name: 'Shop', address: 'High St 1', url: 'https://m', description: 'Shop\nHigh St 1' });

		const vcards = toSnapshot(new Message(undefined, rawMessage({ type: 'multi_vcard', vcardList: [{ vcard: 'A' }, { vcard: 'B' }] })));
		expect(vcards.vCards).toEqual(['A', 'B']);

		const poll = toSnapshot(
			new Message(
				undefined,
				rawMessage({ type: 'poll_creation', body: '', pollName: 'P', pollOptions: [{ name: 'x', localId: 0 }], pollSelectableOptionsCount: 1 }),
			),
		);
		expect(poll).toMatchObject({ body: 'P', pollName: 'P', pollOptions: [{ name: 'x', localId: 0 }], allowMultipleAnswers: false });

		const key = { fromMe: false, remote: PEER, id: 'GONE', _serialized: `false_${PEER}_GONE` };
		const revoked = toSnapshot(new Message(undefined, rawMessage({ type: 'revoked', body: '', protocolMessageKey: key })));
		expect(revoked).toMatchObject({ type: 'revoked', protocolMessageKey: key });
	});

	test('reaction and poll vote events', () => {
		const reaction = toWebReaction(
			new Reaction(undefined, {
				msgKey: { fromMe: false, remote: PEER, id: 'R1', _serialized: `false_${PEER}_R1` },
				parentMsgKey: { fromMe: true, remote: PEER, id: 'P1', _serialized: `true_${PEER}_P1` },
				reactionText: '🔥',
				senderUserJid: PEER,
				timestamp: 1_760_000_000.5,
				read: false,
				orphan: 0,
			}),
		);
		expect(reaction).toEqual({
			id: { fromMe: false, remote: PEER, id: 'R1', _serialized: `false_${PEER}_R1` },
			msgId: { fromMe: true, remote: PEER, id: 'P1', _serialized: `true_${PEER}_P1` },
			reaction: '🔥',
			senderId: PEER,
			timestamp: 1_760_000_000.5,
			read: false,
			orphan: 0,
			orphanReason: null,
		});

		const vote = toWebPollVote(
			new PollVote(undefined, {
				sender: wid(PEER),
				selectedOptionLocalIds: [1],
				senderTimestampMs: 1_760_000_000_123,
				parentMessage: rawMessage({ type: 'poll_creation', pollName: 'P', pollOptions: [{ name: 'a', localId: 0 }, { name: 'b', localId: 1 }] }),
				parentMsgKey: { _serialized: `true_${PEER}_POLL` },
			}),
		);
		expect(vote).toEqual({
			voter: PEER,
			selectedOptions: [{ localId: 1, name: 'b' }],
			interactedAtTs: 1_760_000_000_123,
			parentMessageId: `true_${PEER}_POLL`,
		});
	});
});

describe('toWebGroupNotification', () => {
	const GROUP = '120363040000000001@g.us';
	const ADMIN = '15550007777@c.us';
	/** A `gp2` message as the page hands it to onAddMessageEvent: ids as serialized Wid objects. */
	const gp2 = (overrides: Record<string, unknown>) =>
		new GroupNotification(undefined, {
			id: { fromMe: false, remote: wid(GROUP), id: 'N1', participant: wid(ADMIN), _serialized: `false_${GROUP}_N1_${ADMIN}` },
			type: 'gp2',
			t: 1_760_000_000,
			author: wid(ADMIN),
			...overrides,
		});

	test("the library's GroupNotification becomes plain data: ids as strings, recipients as ids", () => {
		const joined = toWebGroupNotification(gp2({ subtype: 'add', recipients: [wid(PEER), wid(ME)] }));
		expect(joined).toEqual({
			id: { fromMe: false, remote: GROUP, id: 'N1', participant: ADMIN, _serialized: `false_${GROUP}_N1_${ADMIN}` },
			body: '',
			type: 'add',
			timestamp: 1_760_000_000,
			chatId: GROUP,
			author: ADMIN,
			recipientIds: [PEER, ME],
		});
		expect(JSON.parse(JSON.stringify(joined))).toEqual(joined);
	});

	test('a settings change keeps its body; no recipients is an empty list; a missing author stays missing', () => {
		const subject = toWebGroupNotification(gp2({ subtype: 'subject', body: 'Lunch club', author: undefined }));
		expect(subject).toMatchObject({ type: 'subject', body: 'Lunch club', chatId: GROUP, recipientIds: [] });
		expect(subject).not.toHaveProperty('author');
	});
});
