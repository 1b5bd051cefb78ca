import type { IDataObject } from 'n8n-workflow';
import { WhatsAppBusiness } from '../../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import type { RecordedRequest } from '../../../support/n8n';
import { business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();
const node = new WhatsAppBusiness();

const NUMBERS = {
	data: [
		{ id: 'num_1', phoneNumberId: '111', wabaId: '900', displayPhoneNumber: '+1 555-0001', verifiedName: 'Shop', isDefault: false },
		{ id: 'num_2', phoneNumberId: '222', wabaId: '900', displayPhoneNumber: '+1 555-0002', verifiedName: null, isDefault: true },
	],
};

const template = (name: string, language: string, components: IDataObject[] = [{ type: 'BODY', text: 'Hi' }]) => ({ id: `${name}-${language}`, name, language, status: 'APPROVED', category: 'MARKETING', parameterFormat: 'POSITIONAL', components, wabaId: '900' });

describe('dropdowns, template search and the template parameter mapper', () => {
	test('phone numbers: "Default" first (naming the default number), then each number with its business name', async () => {
		service().on('GET', '/v1/cloud/numbers', { json: NUMBERS });
		const options = await node.methods.loadOptions.getPhoneNumbers.call(n8n().loadOptionsContext(business({ resource: 'message', operation: 'send' })));
		expect(options.map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'Default (+1 555-0002)', value: 'default' },
			{ name: '+1 555-0001 · Shop', value: '111' },
			{ name: '+1 555-0002', value: '222' },
		]);
	});

	test('templates are searched by the service (approved ones, of the chosen number) and paged with its cursor', async () => {
		service().on('GET', '/v1/templates', (request: RecordedRequest) => ({
			json: request.query.after ? { data: [template('welcome', 'en')], nextCursor: null } : { data: [template('order_update', 'en_US'), template('order_update', 'de'), template('other', 'en')], nextCursor: 'c2' },
		}));
		const context = n8n().loadOptionsContext(business({ resource: 'message', operation: 'sendTemplate', from: '111' }));
		const first = await node.methods.listSearch.searchTemplates.call(context, 'ord');
		expect(first).toEqual({ results: [{ name: 'order_update (de, en_US) · MARKETING', value: 'order_update' }, { name: 'other (en) · MARKETING', value: 'other' }], paginationToken: 'c2' });
		const second = await node.methods.listSearch.searchTemplates.call(context, 'ord', 'c2');
		expect(second).toEqual({ results: [{ name: 'welcome (en) · MARKETING', value: 'welcome' }], paginationToken: undefined });
		expect(service().calls('GET', '/v1/templates').map((request) => request.query)).toEqual([
			{ from: '111', status: 'APPROVED', search: 'ord', limit: '50' },
			{ from: '111', status: 'APPROVED', search: 'ord', limit: '50', after: 'c2' },
		]);
	});

	test('languages of the chosen template, after "Automatic"', async () => {
		service().on('GET', '/v1/templates', { json: { data: [template('order_update', 'pt_BR'), template('order_update', 'en_US')], nextCursor: null } });
		const context = n8n().loadOptionsContext(business({ resource: 'message', operation: 'sendTemplate', template: { __rl: true, mode: 'list', value: 'order_update' } }));
		expect((await node.methods.loadOptions.getTemplateLanguages.call(context)).map((option) => option.value)).toEqual(['auto', 'en_US', 'pt_BR']);
	});

	test('the mapper offers one field per template value, required where WhatsApp requires it', async () => {
		service().on('GET', '/v1/templates', { json: { data: [template('promo', 'en', [{ type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' }, { type: 'BODY', text: '{{1}} off with {{2}}' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop' }, { type: 'COPY_CODE', example: 'X' }] }])], nextCursor: null } });
		const context = n8n().loadOptionsContext(business({ resource: 'message', operation: 'sendTemplate', template: { __rl: true, mode: 'name', value: 'promo' }, language: 'auto' }));
		const mapper = await node.methods.resourceMapping.getTemplateParameters.call(context);
		expect(mapper.fields.map(({ id, displayName, required }) => ({ id, displayName, required }))).toEqual([
			{ id: 'header:1', displayName: 'Header {{1}}', required: true },
			{ id: 'body:1', displayName: 'Body {{1}}', required: true },
			{ id: 'body:2', displayName: 'Body {{2}}', required: true },
			{ id: 'button:0:quick_reply', displayName: 'Button 1 "Stop": quick reply payload', required: false },
			{ id: 'button:1:copy_code', displayName: 'Button 2: coupon code', required: true },
		]);
	});

	test('in the AI-tool form (parameters missing or $fromAI expressions) dropdowns still load, using the defaults (n8n #16799)', async () => {
		service().on('GET', '/v1/cloud/numbers', { json: NUMBERS });
		service().on('GET', '/v1/templates', { json: { data: [template('order_update', 'en_US')], nextCursor: null } });
		const toolForm = n8n().loadOptionsContext({ name: 'WhatsApp Tool', type: 'whatsAppBusiness', parameters: { from: "={{ $fromAI('from') }}", template: { __rl: true, mode: 'list', value: "={{ $fromAI('template') }}" } } });
		expect(await node.methods.loadOptions.getPhoneNumbers.call(toolForm)).toHaveLength(3);
		expect((await node.methods.listSearch.searchTemplates.call(toolForm)).results).toHaveLength(1);
		expect(await node.methods.loadOptions.getTemplateLanguages.call(toolForm)).toEqual([{ name: expect.stringContaining('Automatic'), value: 'auto' }]);
		expect(await node.methods.resourceMapping.getTemplateParameters.call(toolForm)).toEqual({ fields: [], emptyFieldsNotice: 'Choose a template first' });
		expect(service().calls('GET', '/v1/templates')[0].query).not.toHaveProperty('from');
		const bare = n8n().loadOptionsContext({ name: 'Bare', type: 'whatsAppBusiness', parameters: {} });
		expect(await node.methods.loadOptions.getPhoneNumbers.call(bare)).toHaveLength(3);
	});
});
