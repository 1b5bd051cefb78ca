import type { IDataObject } from 'n8n-workflow';
import type { RecordedRequest } from '../../../support/n8n';
import { acceptMessages, business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

const template = (name: string, language: string, components: IDataObject[], extra: IDataObject = {}) => ({ id: `${name}-${language}`, name, language, status: 'APPROVED', category: 'UTILITY', parameterFormat: 'POSITIONAL', components, wabaId: '1', ...extra });

const ORDER = template('order_update', 'en_US', [
	{ type: 'HEADER', format: 'IMAGE' },
	{ type: 'BODY', text: 'Hi {{1}}, total {{2}}' },
	{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://t.example/{{1}}' }, { type: 'QUICK_REPLY', text: 'Stop' }] },
]);

function serveTemplates(...templates: IDataObject[]) {
	service().on('GET', '/v1/templates', (request: RecordedRequest) => ({ json: { data: templates.filter((t) => !request.query.name || t.name === request.query.name), nextCursor: null } }));
	service().on('POST', '/v1/messages', acceptMessages);
}

const sendTemplate = (parameters: IDataObject) => business({ resource: 'message', operation: 'sendTemplate', to: '15550001', template: { __rl: true, mode: 'list', value: 'order_update' }, language: 'auto', parametersMode: 'map', ...parameters });
const sentTemplate = () => (service().calls('POST', '/v1/messages')[0].body as { template: IDataObject }).template;

describe('Message › Send Template', () => {
	test('looks up the approved template of the sender’s account and sends mapped values as components', async () => {
		serveTemplates(ORDER);
		const run = await n8n().run([
			sendTemplate({
				from: '106540352242922',
				templateParameters: { mappingMode: 'defineBelow', value: { 'header:image': 'https://cdn.example/p.png', 'body:1': 'Ada', 'body:2': 'x', 'button:0:url': 'A-1' } },
				templateOptions: { typedParameters: { parameter: [{ variable: '{{2}}', type: 'currency', code: 'usd', amount: 9.99, fallback: '$9.99' }] } },
			}),
		]);
		expect(run.status).toBe('success');
		expect(service().calls('GET', '/v1/templates')[0].query).toMatchObject({ from: '106540352242922', name: 'order_update', status: 'APPROVED' });
		expect(sentTemplate()).toEqual({
			name: 'order_update',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example/p.png' } }] },
				{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'currency', currency: { fallback_value: '$9.99', code: 'USD', amount_1000: 9990 } }] },
				{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-1' }] },
			],
		});
		expect(run.json('WhatsApp')[0]).toMatchObject({ template: { name: 'order_update', language: 'en_US' }, status: 'accepted' });
	});

	test('the header file can come from an input binary field (uploaded first)', async () => {
		serveTemplates(ORDER);
		service().on('POST', '/v1/media', { status: 201, json: { id: 'up-1', mimeType: 'image/png', size: 3, sha256: 'x', filename: 'p.png', from: '1' } });
		const run = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { property: 'photo', fileName: 'p.png', mimeType: 'image/png', text: 'png' } },
			sendTemplate({ templateParameters: { mappingMode: 'defineBelow', value: { 'body:1': 'Ada', 'body:2': '3', 'button:0:url': 'A' } }, templateOptions: { headerBinaryProperty: 'photo' } }),
		]);
		expect(run.status).toBe('success');
		expect(service().calls('POST', '/v1/media')).toHaveLength(1);
		expect((sentTemplate().components as IDataObject[])[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { id: 'up-1' } }] });
	});

	test('named templates send parameter names', async () => {
		serveTemplates(template('welcome', 'de', [{ type: 'BODY', text: 'Hallo {{vorname}}' }], { parameterFormat: 'NAMED' }));
		await n8n().run([sendTemplate({ template: { __rl: true, mode: 'name', value: 'welcome' }, templateParameters: { mappingMode: 'defineBelow', value: { 'body:vorname': 'Ada' } } })]);
		expect(sentTemplate()).toEqual({ name: 'welcome', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'vorname', text: 'Ada' }] }] });
	});

	test('a template in several languages needs one chosen; the error lists them', async () => {
		serveTemplates(ORDER, template('order_update', 'pt_BR', ORDER.components as IDataObject[]));
		const run = await n8n().run([sendTemplate({ templateParameters: { mappingMode: 'defineBelow', value: {} } })]);
		expect(run.nodeError('WhatsApp')).toMatchObject({ message: 'Template "order_update" exists in several languages: choose one', description: 'Languages: en_US, pt_BR' });
		service().reset();
		serveTemplates(ORDER, template('order_update', 'pt_BR', [{ type: 'BODY', text: 'Oi' }]));
		await n8n().run([sendTemplate({ language: 'pt_BR', templateParameters: { mappingMode: 'defineBelow', value: {} } })]);
		expect(sentTemplate()).toEqual({ name: 'order_update', language: { code: 'pt_BR' } });
	});

	test('unknown templates, unapproved languages and missing values fail before sending, saying what to fix', async () => {
		serveTemplates(ORDER);
		const missing = await n8n().run([sendTemplate({ template: { __rl: true, mode: 'name', value: 'nope' } })]);
		expect(missing.nodeError('WhatsApp')?.message).toBe('No approved template named "nope"');
		const language = await n8n().run([sendTemplate({ language: 'fr' })]);
		expect(language.nodeError('WhatsApp')).toMatchObject({ message: 'Template "order_update" is not approved in fr', description: 'Approved languages: en_US' });
		const values = await n8n().run([sendTemplate({ templateParameters: { mappingMode: 'defineBelow', value: { 'header:image': 'x', 'body:1': 'Ada' } } })]);
		expect(values.nodeError('WhatsApp')).toMatchObject({ message: 'Missing template value: body:2, button:0:url', description: 'Fill "body:2" under Template Parameters.' });
		expect(service().calls('POST', '/v1/messages')).toHaveLength(0);
	});

	test('JSON components are sent as written; an explicit language needs no lookup', async () => {
		serveTemplates(ORDER);
		await n8n().run([sendTemplate({ language: 'en_US', parametersMode: 'json', componentsJson: '[{"type":"body","parameters":[{"type":"text","text":"Raw"}]}]' })]);
		expect(service().calls('GET', '/v1/templates')).toHaveLength(0);
		expect(sentTemplate()).toEqual({ name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Raw' }] }] });
	});
});
