import type { FakePhone } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { Sink } from '../../events/eventsTestKit';
import { call, linkSession, phoneOf, sessionKey, startWebWorld, storedEvents, subscribeAll, waitFor, waitForStatus, type StoredEvent, type WebWorld } from './webHarness';

const PEER = '15550004321@c.us';
const GROUP = '120363040000000001@g.us';
const MEMBER = '15550007777@c.us';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const VCARD = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Hopper;Grace;;;', 'FN:Grace Hopper', 'TEL;type=CELL;waid=15550002222:+1 555 000 2222', 'EMAIL:grace@example.com', 'END:VCARD'].join('\n');

describe.each(testDialects())('what a web session receives, on %s', (dialect) => {
	let world: WebWorld;
	let phone: FakePhone;
	let ownId: string;
	let sink: Sink;
	beforeAll(async () => {
		sink = await new Sink().start();
		world = await startWebWorld(dialect);
		await subscribeAll(world);
		ownId = (await linkSession(world, 'inbox')).me?.id as string;
		phone = await phoneOf(world, 'inbox');
	});
	afterAll(async () => {
		await world.service.stop();
		await sink.stop();
	});

	/** The message.received (or message.sent) event of a provider id, once stored. */
	async function eventOf(id: string, type = 'message.received'): Promise<StoredEvent> {
		let found: StoredEvent | undefined;
		await waitFor(async () => {
			found = (await storedEvents(world, type)).find((event) => event.data.id === id);
			return found !== undefined;
		}, `the ${type} event of ${id}`);
		return found as StoredEvent;
	}

	const historyRow = (id: string) => world.service.ctx.storage.db.selectFrom('messages').innerJoin('conversations', 'conversations.id', 'messages.conversation_id').select(['messages.direction', 'messages.type', 'messages.status', 'conversations.sender', 'conversations.peer', 'messages.body_json']).where('provider_id', '=', id).executeTakeFirst();

	test('a text is normalized like the Cloud channel, stored as history and emitted once', async () => {
		const message = phone.receive({ type: 'chat', from: PEER, body: 'Hello there' });
		const event = await eventOf(message.id._serialized);
		expect(event).toMatchObject({ type: 'message.received', channel: 'web' });
		expect(event.data).toMatchObject({
			id: message.id._serialized,
			channel: 'web',
			direction: 'inbound',
			account: { channel: 'web', id: 'inbox', address: ownId },
			chatId: PEER,
			from: PEER,
			to: ownId,
			type: 'text',
			text: { body: 'Hello there' },
			contact: { waId: '15550004321', userId: PEER },
			recordId: expect.stringMatching(/^msg_/),
			conversationId: expect.stringMatching(/^cnv_/),
		});
		expect(new Date(event.data.timestamp as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
		expect(await historyRow(message.id._serialized)).toMatchObject({ direction: 'inbound', type: 'text', status: 'received', sender: 'inbox', peer: PEER });
		// The library fires message_create and message for it; it is one message.
		expect((await storedEvents(world, 'message.received')).filter((entry) => entry.data.id === message.id._serialized)).toHaveLength(1);
	});

	test('media of every kind carries the message id as its media id, with type, caption, filename, voice and gif flags', async () => {
		const media = { mimetype: 'image/png', data: PNG_1PX };
		const image = phone.receive({ type: 'image', from: PEER, media, caption: 'Look' });
		const voice = phone.receive({ type: 'ptt', from: PEER, media: { mimetype: 'audio/ogg; codecs=opus', data: 'T2dnUw==' }, duration: 3 });
		const document = phone.receive({ type: 'document', from: PEER, media: { mimetype: 'application/pdf', data: 'JVBERi0=', filename: 'invoice.pdf' } });
		const gif = phone.receive({ type: 'video', from: PEER, media: { mimetype: 'video/mp4', data: 'AAAA' }, isGif: true });
		const sticker = phone.receive({ type: 'sticker', from: PEER, media: { mimetype: 'image/webp', data: 'UklGRg==' } });
		expect((await eventOf(image.id._serialized)).data).toMatchObject({ type: 'image', media: { id: image.id._serialized, mimeType: 'image/png', caption: 'Look', fileSize: Buffer.from(PNG_1PX, 'base64').length } });
		expect((await eventOf(voice.id._serialized)).data).toMatchObject({ type: 'audio', media: { voice: true, mimeType: 'audio/ogg; codecs=opus' } });
		expect((await eventOf(document.id._serialized)).data).toMatchObject({ type: 'document', media: { filename: 'invoice.pdf', mimeType: 'application/pdf' } });
		expect((await eventOf(gif.id._serialized)).data).toMatchObject({ type: 'video', media: { animated: true } });
		expect((await eventOf(sticker.id._serialized)).data).toMatchObject({ type: 'sticker', media: { mimeType: 'image/webp' } });
		const bytes = await call(world, world.admin, 'GET', `/v1/web/sessions/inbox/messages/${image.id._serialized}/media`);
		expect(bytes.rawPayload.toString('base64')).toBe(PNG_1PX);
	});

	test('location, contact card (as Meta contact objects), poll', async () => {
		const location = phone.receive({ type: 'location', from: PEER, latitude: -33.8568, longitude: 151.2153, name: 'Opera House', address: 'Bennelong Point' });
		const card = phone.receive({ type: 'vcard', from: PEER, vcard: VCARD });
		const poll = phone.receive({ type: 'poll_creation', from: PEER, pollName: 'Lunch?', pollOptions: ['Pizza', 'Sushi'] });
		expect((await eventOf(location.id._serialized)).data).toMatchObject({ type: 'location', location: { latitude: -33.8568, longitude: 151.2153, name: 'Opera House', address: 'Bennelong Point' } });
		expect((await eventOf(card.id._serialized)).data.contacts).toEqual([
			{ name: { formatted_name: 'Grace Hopper', first_name: 'Grace', last_name: 'Hopper' }, phones: [{ phone: '+1 555 000 2222', type: 'CELL', wa_id: '15550002222' }], emails: [{ email: 'grace@example.com' }] },
		]);
		expect((await eventOf(poll.id._serialized)).data).toMatchObject({ type: 'poll', poll: { name: 'Lunch?', options: ['Pizza', 'Sushi'], allowMultipleAnswers: false } });
	});

	test('poll votes are poll.vote events, and the poll in history keeps each voter\'s latest choice', async () => {
		const poll = phone.receive({ type: 'poll_creation', from: GROUP, author: MEMBER, pollName: 'Which day?', pollOptions: ['Monday', 'Tuesday'] });
		await eventOf(poll.id._serialized);
		const votesOf = async () => (await storedEvents(world, 'poll.vote')).filter((event) => event.data.pollMessageId === poll.id._serialized);
		phone.votePoll({ voter: MEMBER, pollMessageId: poll.id._serialized, selected: ['Monday'] });
		phone.votePoll({ voter: PEER, pollMessageId: poll.id._serialized, selected: ['Tuesday'] });
		await waitFor(async () => (await votesOf()).length === 2, 'two poll.vote events');
		expect((await votesOf()).find((event) => event.data.from === MEMBER)?.data).toMatchObject({ channel: 'web', chatId: GROUP, account: { id: 'inbox' }, selectedOptions: [{ name: 'Monday' }] });
		await new Promise((resolve) => setTimeout(resolve, 2));
		phone.votePoll({ voter: MEMBER, pollMessageId: poll.id._serialized, selected: [] });
		await waitFor(async () => (await votesOf()).length === 3, 'the withdrawn vote');
		const stored = JSON.parse((await historyRow(poll.id._serialized))?.body_json ?? '{}') as { pollVotes?: Record<string, { options: string[] }> };
		expect(stored.pollVotes).toEqual({ [PEER]: { options: ['Tuesday'], at: expect.any(String) } });
	});

	test('group joins, leaves and setting changes are group.update events naming the group, the author and who is concerned', async () => {
		const groupEvents = async () => (await storedEvents(world, 'group.update')).filter((event) => event.data.groupId === GROUP);
		const added = phone.groupNotification({ chatId: GROUP, type: 'add', author: MEMBER, recipientIds: [PEER], timestamp: 1_760_000_000 });
		phone.groupNotification({ chatId: GROUP, type: 'leave', author: PEER, recipientIds: [PEER] });
		phone.groupNotification({ chatId: GROUP, type: 'subject', author: MEMBER, body: 'Lunch club' });
		await waitFor(async () => (await groupEvents()).length === 3, 'three group.update events');
		const byType = async (type: string) => (await groupEvents()).find((event) => event.data.type === type);
		expect(await byType('add')).toMatchObject({
			type: 'group.update',
			channel: 'web',
			data: {
				channel: 'web',
				account: { channel: 'web', id: 'inbox', address: ownId },
				chatId: GROUP,
				groupId: GROUP,
				type: 'add',
				author: MEMBER,
				participants: [PEER],
				addedParticipants: [PEER],
				body: '',
				timestamp: new Date(1_760_000_000_000).toISOString(),
			},
		});
		expect((await byType('add'))?.data).not.toHaveProperty('removedParticipants');
		expect((await byType('leave'))?.data).toMatchObject({ chatId: GROUP, type: 'leave', author: PEER, participants: [PEER], removedParticipants: [PEER] });
		expect((await byType('subject'))?.data).toMatchObject({ chatId: GROUP, type: 'subject', author: MEMBER, participants: [], subject: 'Lunch club', body: 'Lunch club' });
		// Once per notification: the same notification again (a re-sync) is a duplicate.
		world.service.driver.client(await sessionKey(world, 'inbox'))?.fire('group_join', added);
		const marker = phone.receive({ type: 'chat', from: PEER, body: 'after the group changes' });
		await eventOf(marker.id._serialized);
		expect(await groupEvents()).toHaveLength(3);
	});

	test('group messages name the group as chat and the member as sender; quotes, forwards and mentions come along', async () => {
		const first = phone.receive({ type: 'chat', from: GROUP, author: MEMBER, body: 'Who is in?' });
		const reply = phone.receive({ type: 'chat', from: GROUP, author: PEER, body: '@15550007777 me', quotedMessageId: first.id._serialized, mentionedIds: [MEMBER], isForwarded: true });
		const data = (await eventOf(reply.id._serialized)).data;
		expect(data).toMatchObject({ chatId: GROUP, from: PEER, isGroup: true, mentions: [MEMBER], context: { messageId: first.id._serialized, from: MEMBER, forwarded: true } });
		expect(await historyRow(reply.id._serialized)).toMatchObject({ peer: GROUP });
	});

	test('what the owner types on the phone is history too: an outbound message.sent, with its acks as statuses', async () => {
		const typed = phone.receive({ type: 'chat', from: PEER, fromMe: true, body: 'Sent from my phone' });
		const event = await eventOf(typed.id._serialized, 'message.sent');
		expect(event.data).toMatchObject({ direction: 'outbound', from: ownId, to: PEER, chatId: PEER, text: { body: 'Sent from my phone' } });
		phone.ack(typed.id._serialized, 2);
		await waitFor(async () => (await historyRow(typed.id._serialized))?.status === 'delivered', 'the delivered status');
		const status = (await storedEvents(world, 'message.status')).find((entry) => entry.data.messageId === typed.id._serialized);
		expect(status?.data).toMatchObject({ channel: 'web', status: 'delivered', recipient: PEER, account: { id: 'inbox', address: ownId } });
	});

	test('reactions are messages (removal has a null emoji); revokes and edits are events with the message they change, and amend its history', async () => {
		const target = phone.receive({ type: 'chat', from: PEER, body: 'Meet at 5?' });
		const reaction = phone.react({ from: PEER, messageId: target.id._serialized, emoji: '❤️' });
		expect((await eventOf(reaction.id._serialized)).data).toMatchObject({ type: 'reaction', from: PEER, reaction: { messageId: target.id._serialized, emoji: '❤️' } });
		const removal = phone.react({ from: PEER, messageId: target.id._serialized, emoji: '' });
		expect((await eventOf(removal.id._serialized)).data.reaction).toEqual({ messageId: target.id._serialized, emoji: null });

		phone.edit(target.id._serialized, 'Meet at 6?');
		let edited: StoredEvent | undefined;
		await waitFor(async () => (edited = (await storedEvents(world, 'message.edited')).find((event) => event.data.messageId === target.id._serialized)) !== undefined, 'message.edited');
		expect(edited?.data).toMatchObject({ channel: 'web', chatId: PEER, from: PEER, body: 'Meet at 6?', previousBody: 'Meet at 5?', account: { id: 'inbox' }, message: { text: { body: 'Meet at 6?' } } });
		const afterEdit = JSON.parse((await historyRow(target.id._serialized))?.body_json ?? '{}') as Record<string, unknown>;
		expect(afterEdit).toMatchObject({ text: { body: 'Meet at 6?' }, edited: { at: expect.any(String), previousBody: 'Meet at 5?' } });
		expect(afterEdit.revoked).toBeUndefined();

		phone.revoke(target.id._serialized);
		let revoked: StoredEvent | undefined;
		await waitFor(async () => (revoked = (await storedEvents(world, 'message.revoked')).find((event) => event.data.messageId === target.id._serialized)) !== undefined, 'message.revoked');
		expect(revoked?.data).toMatchObject({ chatId: PEER, from: PEER, original: { id: target.id._serialized, text: { body: 'Meet at 6?' } } });
		const afterRevoke = JSON.parse((await historyRow(target.id._serialized))?.body_json ?? '{}') as Record<string, unknown>;
		expect(afterRevoke).toMatchObject({ type: 'text', text: { body: 'Meet at 6?' }, revoked: { at: expect.any(String) }, edited: { previousBody: 'Meet at 5?' } });
	});

	test('an edited caption replaces the caption in history', async () => {
		const photo = phone.receive({ type: 'image', from: PEER, media: { mimetype: 'image/png', data: PNG_1PX }, caption: 'Old caption' });
		await eventOf(photo.id._serialized);
		phone.edit(photo.id._serialized, 'New caption');
		await waitFor(async () => (await storedEvents(world, 'message.edited')).some((event) => event.data.messageId === photo.id._serialized), 'message.edited');
		expect(JSON.parse((await historyRow(photo.id._serialized))?.body_json ?? '{}')).toMatchObject({ type: 'image', media: { caption: 'New caption' }, edited: { previousBody: 'Old caption' } });
	});

	test('status updates are not recorded; with ignoreGroups, group messages are not either', async () => {
		const story = phone.receive({ type: 'chat', from: 'status@broadcast', body: 'my story' });
		await call(world, world.admin, 'PATCH', '/v1/web/sessions/inbox', { settings: { ignoreGroups: true } });
		expect((await call(world, world.admin, 'POST', '/v1/web/sessions/inbox/restart')).statusCode).toBe(200);
		// Restoring the stored login on a busy CI database can take a while; the failure names the last status.
		await waitForStatus(world, 'inbox', 'WORKING', { timeoutMs: 30_000 });
		const groupPhone = await phoneOf(world, 'inbox');
		const ignored = groupPhone.receive({ type: 'chat', from: GROUP, author: MEMBER, body: 'noise' });
		const groupsBefore = (await storedEvents(world, 'group.update')).length;
		groupPhone.groupNotification({ chatId: GROUP, type: 'remove', author: MEMBER, recipientIds: [PEER] });
		const marker = groupPhone.receive({ type: 'chat', from: PEER, body: 'after the noise' });
		await eventOf(marker.id._serialized);
		expect(await historyRow(story.id._serialized)).toBeUndefined();
		expect(await historyRow(ignored.id._serialized)).toBeUndefined();
		expect(await storedEvents(world, 'group.update')).toHaveLength(groupsBefore);
		await call(world, world.admin, 'PATCH', '/v1/web/sessions/inbox', { settings: {} });
		expect((await call(world, world.admin, 'POST', '/v1/web/sessions/inbox/restart')).statusCode).toBe(200);
		// Restoring the stored login on a busy CI database can take a while; the failure names the last status.
		await waitForStatus(world, 'inbox', 'WORKING', { timeoutMs: 30_000 });
		phone = await phoneOf(world, 'inbox');
	}, 90_000);

	test('a subscriber filtered to this session receives signed message and session events (what the n8n Web Trigger gets)', async () => {
		const created = await call(world, world.admin, 'POST', '/v1/subscriptions', { targetUrl: sink.url, events: ['message.received', 'session.status'], channel: 'web', accounts: ['inbox'] });
		expect(created.statusCode).toBe(201);
		const message = phone.receive({ type: 'chat', from: PEER, body: 'ping' });
		await waitFor(() => sink.ofType('message.received').some((delivery) => delivery.event.data.id === message.id._serialized), 'the delivery');
		const delivery = sink.ofType('message.received').find((entry) => entry.event.data.id === message.id._serialized);
		expect(delivery?.headers['x-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(delivery?.event).toMatchObject({ type: 'message.received', channel: 'web', tenantId: world.tenant.id, data: { text: { body: 'ping' }, account: { id: 'inbox' } } });
		await call(world, world.admin, 'POST', '/v1/web/sessions/inbox/stop');
		await waitFor(() => sink.ofType('session.status').some((entry) => entry.event.data.status === 'STOPPED'), 'the session.status delivery');
		expect(sink.ofType('session.status').at(-1)?.event.data).toMatchObject({ session: 'inbox', status: 'STOPPED', previousStatus: 'WORKING' });
	});
});
