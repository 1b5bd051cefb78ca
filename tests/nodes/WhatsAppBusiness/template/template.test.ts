import type { IDataObject } from 'n8n-workflow';
import type { RecordedRequest } from '../../../support/n8n';
import { business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

const templates = Array.from({ length: 250 }, (_, index) => ({ id: String(index), name: `t_${index}`, language: 'en', status: 'APPROVED', category: 'UTILITY', parameterFormat: 'POSITIONAL', components: [], wabaId: '900' }));

/** Pages the fake list like the service: `limit` per page, a cursor naming the next offset. */
function pagedTemplates(request: RecordedRequest) {
	const offset = Number(request.query.after ?? 0);
	const limit = Number(request.query.limit);
	const next = offset + limit < templates.length ? String(offset + limit) : null;
	return { json: { data: templates.slice(offset, offset + limit), nextCursor: next } };
}

describe('Template', () => {
	test('Get Many with a limit reads only what it needs and outputs one item per template', async () => {
		service().on('GET', '/v1/templates', pagedTemplates);
		const run = await n8n().run([business({ resource: 'template', operation: 'getAll', returnAll: false, limit: 120, filters: { status: 'APPROVED', search: 't_' } })]);
		expect(run.json('WhatsApp')).toHaveLength(120);
		expect(run.json('WhatsApp')[119]).toMatchObject({ name: 't_119' });
		expect(service().calls('GET', '/v1/templates').map((request) => [request.query.limit, request.query.after, request.query.status, request.query.search])).toEqual([
			['100', undefined, 'APPROVED', 't_'],
			['20', '100', 'APPROVED', 't_'],
		]);
	});

	test('Get Many with Return All follows the cursor to the end; a WABA id replaces the number', async () => {
		service().on('GET', '/v1/templates', pagedTemplates);
		const run = await n8n().run([business({ resource: 'template', operation: 'getAll', returnAll: true, from: '111', wabaOptions: { wabaId: '900' } })]);
		expect(run.json('WhatsApp')).toHaveLength(250);
		expect(service().calls('GET', '/v1/templates').every((request) => request.query.wabaId === '900' && request.query.from === undefined)).toBe(true);
	});

	test('Create from fields sends Meta’s components with examples, the category and the named/positional format', async () => {
		service().on('POST', '/v1/templates', { status: 201, json: { id: '55', name: 'order_shipped', language: 'en_US', status: 'PENDING', category: 'UTILITY', wabaId: '900' } });
		const run = await n8n().run([
			business({
				resource: 'template',
				operation: 'create',
				name: 'order_shipped',
				language: 'en_US',
				category: 'UTILITY',
				defineUsing: 'fields',
				bodyText: 'Hi {{1}}, order {{2}} shipped',
				bodyExamples: 'Ada\n\nA-1\n',
				draftFields: { footerText: 'Shop' },
				draftButtons: { button: [{ type: 'url', text: 'Track', url: 'https://s.example/{{1}}', example: 'A-1' }, { type: 'quickReply', text: 'Stop' }] },
				createOptions: { allowCategoryChange: true },
			}),
		]);
		expect(service().calls('POST', '/v1/templates')[0].body).toEqual({
			name: 'order_shipped',
			language: 'en_US',
			category: 'UTILITY',
			parameterFormat: 'POSITIONAL',
			allowCategoryChange: true,
			components: [
				{ type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped', example: { body_text: [['Ada', 'A-1']] } },
				{ type: 'FOOTER', text: 'Shop' },
				{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://s.example/{{1}}', example: ['A-1'] }, { type: 'QUICK_REPLY', text: 'Stop' }] },
			],
		});
		expect(run.json('WhatsApp')).toEqual([{ id: '55', name: 'order_shipped', language: 'en_US', status: 'PENDING', category: 'UTILITY', wabaId: '900' }]);
	});

	test('Create from JSON sends the components as written, for the chosen number’s account', async () => {
		service().on('POST', '/v1/templates', { status: 201, json: { id: '56' } });
		await n8n().run([business({ resource: 'template', operation: 'create', from: '111', name: 'promo', language: 'de', category: 'MARKETING', defineUsing: 'json', componentsJson: '[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["h"]}},{"type":"BODY","text":"Hallo"}]' })]);
		expect(service().calls('POST', '/v1/templates')[0].body).toEqual({ from: '111', name: 'promo', language: 'de', category: 'MARKETING', components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['h'] } }, { type: 'BODY', text: 'Hallo' }] });
		const bad = await n8n().run([business({ resource: 'template', operation: 'create', name: 'x', language: 'de', category: 'MARKETING', defineUsing: 'json', componentsJson: '{"type":"BODY"}' })]);
		expect(bad.nodeError('WhatsApp')?.message).toBe('Components (JSON) must be a JSON array of objects');
	});

	test('Delete removes every language, or one by its template id', async () => {
		service().on('DELETE', '/v1/templates/:name', { status: 204 });
		const all = await n8n().run([business({ resource: 'template', operation: 'delete', name: 'promo' })]);
		const one = await n8n().run([business({ resource: 'template', operation: 'delete', name: 'promo', templateId: '56' })]);
		expect(service().calls('DELETE', '/v1/templates/promo').map((request) => request.query)).toEqual([{}, { templateId: '56' }]);
		expect([...all.json('WhatsApp'), ...one.json('WhatsApp')]).toEqual<IDataObject[]>([{ deleted: true, name: 'promo' }, { deleted: true, name: 'promo', templateId: '56' }]);
	});

	test('Update sends new components (replacing all) and keeps the category unless one is chosen; the answer is the template as it now stands', async () => {
		const edited = { id: '55', name: 'order_shipped', language: 'en_US', status: 'PENDING', category: 'UTILITY', components: [{ type: 'BODY', text: 'Order {{1}} left' }], wabaId: '900' };
		service().on('PATCH', '/v1/templates/:templateId', { json: edited });
		const run = await n8n().run([business({ resource: 'template', operation: 'update', templateId: ' 55 ', defineUsing: 'fields', bodyText: 'Order {{1}} left', bodyExamples: 'A-1' })]);
		expect(service().calls('PATCH', '/v1/templates/55')[0].body).toEqual({ parameterFormat: 'POSITIONAL', components: [{ type: 'BODY', text: 'Order {{1}} left', example: { body_text: [['A-1']] } }] });
		expect(run.json('WhatsApp')).toEqual([edited]);
	});

	test('Update of the category alone sends only the category, for the chosen account', async () => {
		service().on('PATCH', '/v1/templates/:templateId', { json: { id: '56', category: 'MARKETING' } });
		await n8n().run([business({ resource: 'template', operation: 'update', templateId: '56', category: 'MARKETING', defineUsing: 'keep', wabaOptions: { wabaId: '900' } })]);
		expect(service().calls('PATCH', '/v1/templates/56')[0].body).toEqual({ wabaId: '900', category: 'MARKETING' });
	});

	test.each([
		['nothing to change', { templateId: '56', category: 'keep', defineUsing: 'keep' }, 'Nothing to change: choose a new Category, new Components, or both'],
		['a template name instead of its ID', { templateId: 'order_shipped', category: 'MARKETING', defineUsing: 'keep' }, 'Template ID must be a template\'s numeric ID, got "order_shipped"'],
	])('Update with %s fails naming the field, before the service is asked', async (_case, parameters, message) => {
		const run = await n8n().run([business({ resource: 'template', operation: 'update', ...parameters })]);
		expect(run.nodeError('WhatsApp')?.message).toBe(message);
		expect(service().calls('PATCH', '/v1/templates/56')).toHaveLength(0);
	});

	test('Get reads one template by ID for the chosen account; a name instead of an ID fails before the service is asked', async () => {
		const template = { id: '55', name: 'order_shipped', language: 'en_US', status: 'REJECTED', category: 'UTILITY', components: [], wabaId: '900', rejectedReason: 'INVALID_FORMAT' };
		service().on('GET', '/v1/templates/:templateId', { json: template });
		const run = await n8n().run([business({ resource: 'template', operation: 'get', templateId: '55', wabaOptions: { wabaId: '900' } })]);
		expect(run.json('WhatsApp')).toEqual([template]);
		expect(service().calls('GET', '/v1/templates/55')[0].query).toEqual({ wabaId: '900' });
		const bad = await n8n().run([business({ resource: 'template', operation: 'get', templateId: 'order_shipped' })]);
		expect(bad.nodeError('WhatsApp')?.message).toBe('Template ID must be a template\'s numeric ID, got "order_shipped"');
		expect(service().calls('GET', '/v1/templates/55')).toHaveLength(1);
	});
});

