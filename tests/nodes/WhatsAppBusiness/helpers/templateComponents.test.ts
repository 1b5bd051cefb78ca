import { buildTemplateComponents, TemplateValueError } from '../../../../nodes/WhatsAppBusiness/helpers/templateComponents';
import { templateParameters } from '../../../../nodes/WhatsAppBusiness/helpers/templateParameters';

describe('send-time components from mapped values', () => {
	const positional = templateParameters([
		{ type: 'HEADER', format: 'IMAGE' },
		{ type: 'BODY', text: 'Hi {{1}}, you owe {{2}} by {{3}}' },
		{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Pay', url: 'https://pay.example/{{1}}' }, { type: 'QUICK_REPLY', text: 'Later' }, { type: 'COPY_CODE', example: 'X' }, { type: 'FLOW', text: 'Go' }] },
	]);

	test('header media by link or id, body in variable order with currency and date types, then buttons with values', () => {
		const components = buildTemplateComponents({
			parameters: positional,
			named: false,
			values: { 'header:image': 'https://cdn.example/i.png', 'body:1': 'Ada', 'body:2': 'ignored for currency', 'body:3': 'x', 'button:0:url': 'inv-42', 'button:1:quick_reply': 'LATER', 'button:2:copy_code': 'SAVE10', 'button:3:flow': 'tok-1' },
			typed: { '2': { type: 'currency', code: 'EUR', amount: 12.5, fallback: '€12.50' }, '3': { type: 'date_time', fallback: 'May 1' } },
		});
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example/i.png' } }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Ada' },
					{ type: 'currency', currency: { fallback_value: '€12.50', code: 'EUR', amount_1000: 12500 } },
					{ type: 'date_time', date_time: { fallback_value: 'May 1' } },
				],
			},
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'inv-42' }] },
			{ type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'LATER' }] },
			{ type: 'button', sub_type: 'copy_code', index: '2', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
			{ type: 'button', sub_type: 'flow', index: '3', parameters: [{ type: 'action', action: { flow_token: 'tok-1' } }] },
		]);
	});

	test('a media id is sent as id; optional buttons without a value are left out', () => {
		const components = buildTemplateComponents({ parameters: positional, named: false, values: { 'header:image': '1234567890', 'body:1': 'a', 'body:2': 'b', 'body:3': 'c', 'button:0:url': 'u', 'button:2:copy_code': 'C' } });
		expect(components[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { id: '1234567890' } }] });
		expect(components.filter((component) => component.type === 'button').map((component) => component.sub_type)).toEqual(['url', 'copy_code']);
	});

	test('named templates send parameter_name with every body and header value', () => {
		const named = templateParameters([{ type: 'HEADER', format: 'TEXT', text: 'For {{store}}' }, { type: 'BODY', text: 'Hi {{first_name}}' }]);
		expect(buildTemplateComponents({ parameters: named, named: true, values: { 'header:store': 'Main St', 'body:first_name': 'Ada' } })).toEqual([
			{ type: 'header', parameters: [{ type: 'text', parameter_name: 'store', text: 'Main St' }] },
			{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ada' }] },
		]);
	});

	test('an uploaded header file wins over the mapped value; a location header reads "lat,long,name,address"', () => {
		expect(buildTemplateComponents({ parameters: templateParameters([{ type: 'HEADER', format: 'DOCUMENT' }]), named: false, values: {}, headerMedia: { type: 'document', document: { id: '99', filename: 'a.pdf' } } })).toEqual([
			{ type: 'header', parameters: [{ type: 'document', document: { id: '99', filename: 'a.pdf' } }] },
		]);
		expect(buildTemplateComponents({ parameters: templateParameters([{ type: 'HEADER', format: 'LOCATION' }]), named: false, values: { 'header:location': '52.52, 13.40, Shop, Main St, Berlin' } })).toEqual([
			{ type: 'header', parameters: [{ type: 'location', location: { latitude: 52.52, longitude: 13.4, name: 'Shop', address: 'Main St, Berlin' } }] },
		]);
	});

	test('missing required values and malformed locations are named before anything is sent', () => {
		expect(() => buildTemplateComponents({ parameters: positional, named: false, values: { 'header:image': 'x', 'body:1': 'a' } })).toThrow(new TemplateValueError('Missing template value: body:2, body:3, button:0:url, button:2:copy_code', 'body:2'));
		expect(() => buildTemplateComponents({ parameters: templateParameters([{ type: 'HEADER', format: 'LOCATION' }]), named: false, values: { 'header:location': 'Berlin' } })).toThrow(/latitude,longitude/);
	});
});
