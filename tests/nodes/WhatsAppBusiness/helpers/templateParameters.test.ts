import { parameterLabel, templateParameters, variablesIn } from '../../../../nodes/WhatsAppBusiness/helpers/templateParameters';

const orderShipped = [
	{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
	{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships on {{3}}. {{1}}, thanks!' },
	{ type: 'FOOTER', text: 'Shop' },
	{
		type: 'BUTTONS',
		buttons: [
			{ type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
			{ type: 'URL', text: 'Shop', url: 'https://shop.example/' },
			{ type: 'QUICK_REPLY', text: 'Stop' },
		],
	},
];

describe('reading what a template needs from its definition', () => {
	test('variables in order of first appearance, repeated ones once', () => {
		expect(variablesIn('Hi {{1}}, {{ 2 }} and {{1}}')).toEqual(['1', '2']);
		expect(variablesIn('Hi {{first_name}}')).toEqual(['first_name']);
		expect(variablesIn(undefined)).toEqual([]);
	});

	test('header text variable, body variables, a URL button with a variable, and the quick reply payload', () => {
		expect(templateParameters(orderShipped)).toEqual([
			{ key: 'header:1', component: 'header', kind: 'text', name: '1', required: true },
			{ key: 'body:1', component: 'body', kind: 'text', name: '1', required: true },
			{ key: 'body:2', component: 'body', kind: 'text', name: '2', required: true },
			{ key: 'body:3', component: 'body', kind: 'text', name: '3', required: true },
			{ key: 'button:0:url', component: 'button', kind: 'url', index: 0, required: true, label: 'Track' },
			{ key: 'button:2:quick_reply', component: 'button', kind: 'quick_reply', index: 2, required: false, label: 'Stop' },
		]);
	});

	test('media and location headers, named body variables, coupon, Flow and one-time-code buttons', () => {
		const parameters = templateParameters([
			{ type: 'HEADER', format: 'VIDEO' },
			{ type: 'BODY', text: 'Hello {{first_name}}, use {{code}}' },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SAVE10' }, { type: 'FLOW', text: 'Book' }, { type: 'OTP', text: 'Copy' }, { type: 'PHONE_NUMBER', text: 'Call', phone_number: '+1555' }] },
		]);
		expect(parameters.map((parameter) => parameter.key)).toEqual(['header:video', 'body:first_name', 'body:code', 'button:0:copy_code', 'button:1:flow', 'button:2:otp']);
		expect(templateParameters([{ type: 'HEADER', format: 'LOCATION' }]).map((parameter) => parameter.key)).toEqual(['header:location']);
	});

	test('labels say where each value goes', () => {
		const [header, body, , , url, quickReply] = templateParameters(orderShipped);
		expect(parameterLabel(header, orderShipped)).toBe('Header {{1}}');
		expect(parameterLabel(body, orderShipped)).toBe('Body {{1}}');
		expect(parameterLabel(url, orderShipped)).toBe('Button 1 "Track": URL suffix for https://shop.example/track/{{1}}');
		expect(parameterLabel(quickReply, orderShipped)).toBe('Button 3 "Stop": quick reply payload');
	});
});
