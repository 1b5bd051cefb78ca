import { testDialects } from '../../../support/databases';
import { bearer } from '../../../support/testService';
import { call, startWebWorld, storedEvents, subscribeAll, waitFor, waitForStatus, type WebWorld } from './webHarness';

const PEER = '15550003333@c.us';

describe.each(testDialects())('the Web sandbox control API on %s', (dialect) => {
	let world: WebWorld;
	let admin: Record<string, string>;
	let base: string;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await subscribeAll(world);
		admin = bearer(await world.service.platformKey());
		base = `/sandbox/web/${world.tenant.id}/demo`;
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'demo' });
		await waitForStatus(world, 'demo', 'SCAN_QR');
	});
	afterAll(() => world.service.stop());

	const control = (method: 'GET' | 'POST', path: string, payload?: unknown) => call(world, admin, method, `${base}${path}`, payload);

	test('only platform admins drive fake phones (outside development), and the routes stay out of the OpenAPI document', async () => {
		expect((await call(world, {}, 'POST', `${base}/scan`)).statusCode).toBe(401);
		expect((await call(world, world.admin, 'POST', `${base}/scan`)).statusCode).toBe(403);
		const doc = (await call(world, {}, 'GET', '/openapi.json')).json();
		expect(Object.keys(doc.paths).filter((path) => path.startsWith('/sandbox'))).toEqual([]);
	});

	test('scan links the session; inbound messages become message.received events; acks, reactions, edits and revokes follow', async () => {
		const state = (await control('GET', '')).json();
		expect(state).toMatchObject({ status: 'SCAN_QR', running: true, phase: 'started', qr: expect.stringMatching(/^2@/) });
		expect((await control('POST', '/scan')).json()).toEqual({ linked: true });
		await waitForStatus(world, 'demo', 'WORKING');

		const inbound = await control('POST', '/inbound', { from: PEER, body: 'Hi from the sandbox' });
		expect(inbound.statusCode).toBe(201);
		const id = inbound.json().id as string;
		await waitFor(async () => (await storedEvents(world, 'message.received')).some((event) => event.data.id === id), 'the received event');
		const image = await control('POST', '/inbound', { type: 'image', from: PEER, media: { mimetype: 'image/png', data: 'iVBORw0KGgo=' }, caption: 'pic' });
		expect(image.json().type).toBe('image');
		expect((await control('POST', '/inbound', { type: 'image', from: PEER })).statusCode).toBe(400);

		const sent = await call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'demo', to: PEER, type: 'text', text: { body: 'Hello back' } });
		const providerId = sent.json().providerMessageId as string;
		expect((await control('POST', '/ack', { messageId: providerId, status: 'played' })).json()).toEqual({ success: true });
		await waitFor(async () => (await storedEvents(world, 'message.status')).some((event) => event.data.messageId === providerId && event.data.status === 'played'), 'the played status');

		expect((await control('POST', '/react', { from: PEER, messageId: providerId, emoji: '🎉' })).statusCode).toBe(200);
		expect((await control('POST', '/edit', { messageId: id, body: 'Hi (edited)' })).statusCode).toBe(200);
		expect((await control('POST', '/revoke', { messageId: id })).statusCode).toBe(200);
		await waitFor(async () => (await storedEvents(world, 'message.revoked')).length === 1 && (await storedEvents(world, 'message.edited')).length === 1, 'edit and revoke events');

		const poll = await call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'demo', to: PEER, type: 'poll', poll: { name: 'Lunch?', options: ['Pizza', 'Sushi'] } });
		const pollId = poll.json().providerMessageId as string;
		expect((await control('POST', '/vote', { voter: PEER, pollMessageId: pollId, selected: ['Sushi'] })).json()).toEqual({ pollMessageId: pollId });
		await waitFor(async () => (await storedEvents(world, 'poll.vote')).some((event) => event.data.pollMessageId === pollId), 'the poll.vote event');
		expect((await control('POST', '/vote', { voter: PEER, pollMessageId: pollId, selected: ['Ramen'] })).statusCode).toBe(409);

		const group = '120363050000000001@g.us';
		const joined = await control('POST', '/group-event', { chatId: group, type: 'add', author: '15550004444@c.us', recipientIds: [PEER] });
		expect(joined.json()).toEqual({ id: expect.stringContaining(group), event: 'group_join', type: 'add' });
		expect((await control('POST', '/group-event', { chatId: group, type: 'subject', body: 'Renamed' })).json()).toMatchObject({ event: 'group_update', type: 'subject' });
		await waitFor(async () => (await storedEvents(world, 'group.update')).length === 2, 'the group.update events');
		expect((await storedEvents(world, 'group.update')).find((event) => event.data.type === 'add')?.data).toMatchObject({ channel: 'web', groupId: group, chatId: group, author: '15550004444@c.us', participants: [PEER] });
		// The body is validated: a group id, a subtype, participant ids, nothing else.
		expect((await control('POST', '/group-event', { chatId: PEER, type: 'add' })).statusCode).toBe(400);
		expect((await control('POST', '/group-event', { chatId: group })).statusCode).toBe(400);
		expect((await control('POST', '/group-event', { chatId: group, type: 'add', recipientIds: ['not an id'] })).statusCode).toBe(400);
		expect((await control('POST', '/group-event', { chatId: group, type: 'add', extra: true })).statusCode).toBe(400);
		// What the phone cannot do answers 409 in its words.
		const unknown = await control('POST', '/revoke', { messageId: `false_${PEER}_0000` });
		expect(unknown.statusCode).toBe(409);
		expect(unknown.json().error.message).toContain('unknown message');
	});

	test('a crash restarts the session; logging out from the phone fails it; a stopped session has no phone', async () => {
		expect((await control('POST', '/crash')).json()).toEqual({ success: true });
		await waitForStatus(world, 'demo', 'FAILED');
		await waitForStatus(world, 'demo', 'WORKING');
		expect((await control('POST', '/logout-from-phone')).json()).toEqual({ success: true });
		expect((await waitForStatus(world, 'demo', 'FAILED')).reason).toContain('Logged out from the phone');
		const none = await control('POST', '/scan');
		expect(none.statusCode).toBe(409);
		expect((await call(world, admin, 'POST', `/sandbox/web/${world.tenant.id}/ghost/scan`)).statusCode).toBe(404);
	});
});
