import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { CHAT, GROUP, sessionNamed, web, webSession } from './fakeWeb';

const { service, n8n } = useFakeService();

const chat = (id: string, isGroup: boolean): IDataObject => ({ id, name: id, isGroup, isReadOnly: false, unreadCount: 1, lastMessageAt: null, archived: false, pinned: false, isMuted: false, lastMessage: null });

describe('WhatsApp Web › Chat and Contact', () => {
	test('get many chats asks for the limit (at most 500) and filters by chat type', async () => {
		service().on('GET', '/v1/web/sessions/:name/chats', { json: { data: [chat(CHAT, false), chat(GROUP, true)] } });
		const groups = await n8n().run([web({ resource: 'chat', operation: 'list', session: sessionNamed('sales'), returnAll: false, limit: 20, chatType: 'group' })]);
		expect(groups.json('WhatsApp Web')).toEqual([{ session: 'sales', ...chat(GROUP, true) }]);
		await n8n().run([web({ resource: 'chat', operation: 'list', session: sessionNamed('sales'), returnAll: true })]);
		expect(service().requests.map((request) => request.query.limit)).toEqual(['20', '500']);
	});

	test('without a session, the default one is used; with several and no default, the error says to choose', async () => {
		service().on('GET', '/v1/web/sessions', { json: { data: [webSession({ name: 'a' }), webSession({ name: 'b', isDefault: true })] } });
		service().on('GET', '/v1/web/sessions/:name/chats', { json: { data: [] } });
		await n8n().run([web({ resource: 'chat', operation: 'list', returnAll: true })]);
		expect(service().calls('GET', /\/chats$/)[0].path).toBe('/v1/web/sessions/b/chats');

		service().reset();
		service().on('GET', '/v1/web/sessions', { json: { data: [webSession({ name: 'a' }), webSession({ name: 'b' })] } });
		const run = await n8n().run([web({ resource: 'chat', operation: 'list', returnAll: true })]);
		expect(run.nodeError('WhatsApp Web')?.message).toBe('Session: choose one of the 2 sessions (none is the default)');

		service().reset();
		service().on('GET', '/v1/web/sessions', { json: { data: [] } });
		const none = await n8n().run([web({ resource: 'chat', operation: 'list', returnAll: true })]);
		expect(none.nodeError('WhatsApp Web')).toMatchObject({ message: 'Session: this tenant has no WhatsApp Web session yet', description: expect.stringContaining('Session › Create') });
	});

	test('get messages reads the chat of a phone number, one item per message', async () => {
		service().on('GET', '/v1/web/sessions/:name/chats/:chat/messages', (request) => ({ json: { data: [{ id: 'm1', chatId: request.params.chat, type: 'text' }, { id: 'm2', chatId: request.params.chat, type: 'image' }] } }));
		const run = await n8n().run([web({ resource: 'chat', operation: 'getMessages', session: sessionNamed('sales'), chatId: '+1 202 555 0108', returnAll: false, limit: 2 })]);
		const [request] = service().requests;
		expect(request.path).toBe(`/v1/web/sessions/sales/chats/${encodeURIComponent(CHAT)}/messages`);
		expect(request.query).toEqual({ limit: '2' });
		expect(run.items('WhatsApp Web').map((item) => [item.json.id, item.pairedItem])).toEqual([
			['m1', { item: 0 }],
			['m2', { item: 0 }],
		]);
	});

	test('mark as seen and typing post to the chat', async () => {
		service().on('POST', '/v1/web/sessions/:name/chats/:chat/seen', { json: { success: true } });
		service().on('POST', '/v1/web/sessions/:name/chats/:chat/typing', { json: { success: true } });
		const seen = await n8n().run([web({ resource: 'chat', operation: 'markSeen', session: sessionNamed('sales'), chatId: GROUP })]);
		expect(seen.json('WhatsApp Web')).toEqual([{ session: 'sales', chatId: GROUP, seen: true }]);
		const typing = await n8n().run([web({ resource: 'chat', operation: 'setTyping', session: sessionNamed('sales'), chatId: CHAT, state: 'recording' })]);
		expect(typing.json('WhatsApp Web')).toEqual([{ session: 'sales', chatId: CHAT, state: 'recording' }]);
		expect(service().requests.map((request) => [request.path, request.body])).toEqual([
			[`/v1/web/sessions/sales/chats/${encodeURIComponent(GROUP)}/seen`, undefined],
			[`/v1/web/sessions/sales/chats/${encodeURIComponent(CHAT)}/typing`, { state: 'recording' }],
		]);
	});

	test('check number sends the digits and answers whether WhatsApp has them', async () => {
		service().on('GET', '/v1/web/sessions/:name/contacts/:number/check', (request) => ({ json: { number: request.params.number, exists: true, chatId: `${request.params.number}@c.us` } }));
		const run = await n8n().run([web({ resource: 'contact', operation: 'check', session: sessionNamed('sales'), phoneNumber: '+1 (202) 555-0108' })]);
		expect(service().requests[0].path).toBe('/v1/web/sessions/sales/contacts/12025550108/check');
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', number: '12025550108', exists: true, chatId: CHAT }]);

		const refused = await n8n().run([web({ resource: 'contact', operation: 'check', session: sessionNamed('sales'), phoneNumber: 'call me' })]);
		expect(refused.nodeError('WhatsApp Web')?.message).toBe('Phone Number: "call me" is not a phone number in international format');
	});

	test('update sends only the changes given and outputs the chat as it is now; bad combinations fail naming the field', async () => {
		service().on('PATCH', '/v1/web/sessions/:name/chats/:chat', (request) => ({ json: { ...chat(request.params.chat as string, false), ...(request.body as IDataObject) } }));
		const until = new Date(Date.now() + 86_400_000).toISOString();
		const run = await n8n().run([web({ resource: 'chat', operation: 'update', session: sessionNamed('sales'), chatId: '+1 202 555 0108', updateFields: { archived: true, unread: false, muted: true, muteUntil: until } })]);
		expect(service().requests[0]).toMatchObject({ method: 'PATCH', path: `/v1/web/sessions/sales/chats/${encodeURIComponent(CHAT)}`, body: { archived: true, muted: true, muteUntil: until } });
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ session: 'sales', id: CHAT, archived: true });

		const cases: Array<[IDataObject, string]> = [
			[{}, 'Update Fields: add at least one change'],
			[{ unread: false }, 'Update Fields: add at least one change'],
			[{ muteUntil: until }, 'Mute Until: add Muted (on) as well'],
			[{ muted: true, muteUntil: '2001-01-01T00:00:00Z' }, 'Mute Until: "2001-01-01T00:00:00Z" is not a time in the future'],
		];
		for (const [updateFields, message] of cases) {
			const failed = await n8n().run([web({ resource: 'chat', operation: 'update', session: sessionNamed('sales'), chatId: CHAT, updateFields })]);
			expect(failed.nodeError('WhatsApp Web')?.message).toBe(message);
		}
		expect(service().requests).toHaveLength(1);
	});

	test('contact › get asks for the person by user id and outputs what WhatsApp shows', async () => {
		service().on('GET', '/v1/web/sessions/:name/contacts/:contact', (request) => ({ json: { id: request.params.contact, number: '12025550108', name: null, pushName: 'Ada', isBusiness: false, isMyContact: false, isBlocked: false, about: 'Busy', profilePictureUrl: null } }));
		const run = await n8n().run([web({ resource: 'contact', operation: 'get', session: sessionNamed('sales'), contactId: '+1 202 555 0108' })]);
		expect(service().requests[0].path).toBe(`/v1/web/sessions/sales/contacts/${encodeURIComponent(CHAT)}`);
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ session: 'sales', id: CHAT, pushName: 'Ada', about: 'Busy' });
		const refused = await n8n().run([web({ resource: 'contact', operation: 'get', session: sessionNamed('sales'), contactId: GROUP })]);
		expect(refused.nodeError('WhatsApp Web')?.message).toBe(`Phone Number: "${GROUP}" is not a phone number or a user ID`);
		expect(service().requests).toHaveLength(1);
	});

	test('set presence posts the state for the session', async () => {
		service().on('POST', '/v1/web/sessions/:name/presence', { json: { success: true, state: 'available' } });
		const run = await n8n().run([web({ resource: 'chat', operation: 'setPresence', session: sessionNamed('sales'), presence: 'available' })]);
		expect(service().requests.map((request) => [request.path, request.body])).toEqual([['/v1/web/sessions/sales/presence', { state: 'available' }]]);
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', presence: 'available' }]);
	});

	test('reject call posts the call id of a Call Received event; a malformed one fails naming Call ID before anything is sent', async () => {
		service().on('POST', '/v1/web/sessions/:name/calls/:call/reject', (request) => ({ json: { success: true, callId: request.params.call, rejected: true } }));
		const run = await n8n().run([web({ resource: 'chat', operation: 'rejectCall', session: sessionNamed('sales'), callId: ' 4A2F8C1E9B7D6A5C ' })]);
		expect(service().requests.map((request) => request.path)).toEqual(['/v1/web/sessions/sales/calls/4A2F8C1E9B7D6A5C/reject']);
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', success: true, callId: '4A2F8C1E9B7D6A5C', rejected: true }]);
		service().reset();
		const bad = await n8n().run([web({ resource: 'chat', operation: 'rejectCall', session: sessionNamed('sales'), callId: 'not a call' })]);
		expect(bad.nodeError('WhatsApp Web')?.message).toBe('Call ID: "not a call" is not a call ID');
		expect(service().requests).toEqual([]);
	});

	test('get new messages of every chat: from the beginning, on the Web channel, filtered by session', async () => {
		service().on('GET', '/v1/messages', { json: { data: [{ id: 'msg_1', channel: 'web' }], nextCursor: null } });
		const run = await n8n().run([web({ resource: 'chat', operation: 'getNewMessages', start: 'beginning', returnAll: true, filters: { account: 'sales' } })]);
		expect(run.json('WhatsApp Web')).toEqual([{ id: 'msg_1', channel: 'web' }]);
		expect(service().calls('GET', '/v1/messages').map((request) => request.query)).toEqual([{ channel: 'web', account: 'sales', limit: '100' }]);
	});
});
