import type { RecordedRequest } from '../../../support/n8n';
import { business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

const conversations = Array.from({ length: 130 }, (_, index) => ({ id: `cnv_${index}`, channel: 'cloud', account: '111', peer: `1555${index}`, contact: null, lastMessageAt: null, lastInboundAt: null, createdAt: 'x' }));

function paged(request: RecordedRequest) {
	const offset = Number(request.query.cursor ?? 0);
	const limit = Number(request.query.limit);
	return { json: { data: conversations.slice(offset, offset + limit), nextCursor: offset + limit < conversations.length ? String(offset + limit) : null } };
}

describe('Conversation', () => {
	test('Get Many pages by the service’s cursor, on the Cloud channel, with account and contact filters', async () => {
		service().on('GET', '/v1/conversations', paged);
		const run = await n8n().run([business({ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { account: '111', peer: ' 15550001 ' } })]);
		expect(run.json('WhatsApp')).toHaveLength(130);
		expect(service().calls('GET', '/v1/conversations').map((request) => request.query)).toEqual([
			{ channel: 'cloud', account: '111', peer: '15550001', limit: '100' },
			{ channel: 'cloud', account: '111', peer: '15550001', limit: '100', cursor: '100' },
		]);
	});

	test('Get Messages of a conversation, up to the limit', async () => {
		service().on('GET', '/v1/conversations/:id/messages', (request) => ({ json: { data: [{ id: 'msg_1', conversationId: request.params.id, direction: 'inbound' }, { id: 'msg_2', conversationId: request.params.id, direction: 'outbound' }], nextCursor: 'more' } }));
		const run = await n8n().run([business({ resource: 'conversation', operation: 'getMessages', conversationId: 'cnv_7', returnAll: false, limit: 2 })]);
		expect(run.json('WhatsApp')).toEqual([
			{ id: 'msg_1', conversationId: 'cnv_7', direction: 'inbound' },
			{ id: 'msg_2', conversationId: 'cnv_7', direction: 'outbound' },
		]);
		expect(service().calls('GET', '/v1/conversations/cnv_7/messages')).toHaveLength(1);
	});

	test('Get New Messages: after the given message, then after each full page’s last id (never since and after together), with filters, on the Cloud channel', async () => {
		const stored = Array.from({ length: 150 }, (_, index) => ({ id: `msg_${String(index).padStart(26, '0')}`, channel: 'cloud', direction: 'inbound' }));
		service().on('GET', '/v1/messages', (request) => {
			const start = request.query.after ? stored.findIndex((m) => m.id === request.query.after) + 1 : 0;
			const limit = Number(request.query.limit);
			const page = stored.slice(start, start + limit);
			return { json: { data: page, nextCursor: page.length === limit ? (page[page.length - 1] as { id: string }).id : null } };
		});
		const since = await n8n().run([business({ resource: 'conversation', operation: 'getNewMessages', start: 'since', since: '2026-11-29T10:00:00+01:00', returnAll: true, filters: { direction: 'inbound', account: ' 111 ', type: '' } })]);
		expect(since.json('WhatsApp')).toHaveLength(150);
		expect(service().calls('GET', '/v1/messages').map((request) => request.query)).toEqual([
			{ channel: 'cloud', since: '2026-11-29T09:00:00.000Z', direction: 'inbound', account: '111', limit: '100' },
			{ channel: 'cloud', direction: 'inbound', account: '111', limit: '100', after: stored[99]?.id },
		]);

		service().reset();
		service().on('GET', '/v1/messages', { json: { data: [stored[5]], nextCursor: null } });
		const after = await n8n().run([business({ resource: 'conversation', operation: 'getNewMessages', start: 'after', after: ` ${stored[4]?.id} `, returnAll: false, limit: 10 })]);
		expect(after.json('WhatsApp')).toEqual([stored[5]]);
		expect(service().calls('GET', '/v1/messages').map((request) => request.query)).toEqual([{ channel: 'cloud', after: stored[4]?.id, limit: '10' }]);
	});

	test('Get New Messages refuses a Message ID or Since the service could not take, naming the field, before asking it', async () => {
		const badId = await n8n().run([business({ resource: 'conversation', operation: 'getNewMessages', start: 'after', after: 'wamid.HBgL', returnAll: true })]);
		expect(badId.nodeError('WhatsApp')?.message).toMatch(/^Message ID must be one of the service's message IDs/);
		const badTime = await n8n().run([business({ resource: 'conversation', operation: 'getNewMessages', start: 'since', since: 'soon', returnAll: true })]);
		expect(badTime.nodeError('WhatsApp')?.message).toBe('Since must be a date and time, not "soon"');
		expect(service().calls('GET', '/v1/messages')).toHaveLength(0);
	});
});
