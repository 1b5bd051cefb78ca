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
});
