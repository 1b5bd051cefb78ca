import { createSandbox, expectGraphError, IDS, type Sandbox } from './harness';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await createSandbox();
	const templates = [
		{
			name: 'order_confirmation',
			category: 'UTILITY',
			components: [
				{ type: 'HEADER', format: 'IMAGE' },
				{ type: 'BODY', text: 'Hi {{1}}, your total is {{2}}.', example: { body_text: [['Ada', '$10']] } },
				{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Cancel' }, { type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}', example: ['abc'] }] },
			],
		},
		{
			name: 'named_greeting',
			category: 'MARKETING',
			parameterFormat: 'NAMED',
			components: [{ type: 'BODY', text: 'Hello {{first_name}}, welcome!', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ada' }] } }],
		},
		{ name: 'pending_one', status: 'PENDING', components: [{ type: 'BODY', text: 'Not yet' }] },
		{ name: 'paused_one', status: 'PAUSED', components: [{ type: 'BODY', text: 'Paused' }] },
		{ name: 'disabled_one', status: 'DISABLED', components: [{ type: 'BODY', text: 'Disabled' }] },
		{ name: 'text_header', components: [{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' }, { type: 'BODY', text: 'Thanks' }] },
		{ name: 'otp', category: 'AUTHENTICATION', components: [{ type: 'BODY', add_security_recommendation: true }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }] },
	];
	for (const template of templates) {
		expect((await sandbox.control('POST', '/templates', { wabaId: IDS.wabaId, language: 'en_US', ...template })).statusCode).toBe(201);
	}
});
afterEach(() => sandbox.close());

function template(name: string, components: unknown[] = [], language = 'en_US') {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to: IDS.user, type: 'template', template: { name, language: { code: language, policy: 'deterministic' }, components } };
}

const header = { type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.jpg' } }] };
const body = (...texts: string[]) => ({ type: 'body', parameters: texts.map((text) => ({ type: 'text', text })) });
const urlButton = { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'abc' }] };

describe('template sends', () => {
	test('a complete send is accepted outside the 24 h window (templates need no open window)', async () => {
		const response = await sandbox.send(template('order_confirmation', [header, body('Ada', '$10'), { type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'CANCEL' }] }, urlButton]));
		expect(response.statusCode).toBe(200);
		expect(response.json().messages[0].id).toMatch(/^wamid\./);
	});

	test("the seeded hello_world template works without components, like Meta's test message", async () => {
		expect((await sandbox.send(template('hello_world'))).statusCode).toBe(200);
	});

	test('currency and date_time parameters count as body parameters', async () => {
		const response = await sandbox.send(
			template('order_confirmation', [
				header,
				{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'currency', currency: { fallback_value: '$10', code: 'USD', amount_1000: 10000 } }] },
				urlButton,
			]),
		);
		expect(response.statusCode).toBe(200);
	});

	test('named parameters must name the template variables', async () => {
		expect((await sandbox.send(template('named_greeting', [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ada' }] }]))).statusCode).toBe(200);
		expectGraphError(await sandbox.send(template('named_greeting', [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'last_name', text: 'L' }] }])), 132000, 400);
	});

	test('authentication templates take the code as their one body parameter', async () => {
		expect((await sandbox.send(template('otp', [body('123456'), { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '123456' }] }]))).statusCode).toBe(200);
		expectGraphError(await sandbox.send(template('otp', [])), 132000, 400);
	});

	test('an unknown template is 132001 with HTTP 404', async () => {
		const error = expectGraphError(await sandbox.send(template('no_such_template')), 132001, 404);
		expect(error.error_data?.details).toBe('template name (no_such_template) does not exist in en_US');
	});

	test('a known template in another language is 132001', async () => {
		expectGraphError(await sandbox.send(template('hello_world', [], 'fr')), 132001, 404);
	});

	test('a pending (unapproved) template is 132001', async () => {
		expectGraphError(await sandbox.send(template('pending_one')), 132001, 404);
	});

	test('a paused template is 132015 and a disabled one 132016', async () => {
		expectGraphError(await sandbox.send(template('paused_one')), 132015, 400);
		expectGraphError(await sandbox.send(template('disabled_one')), 132016, 400);
	});

	test('a template of another WABA is not found', async () => {
		const response = await sandbox.send(template('order_confirmation', [header, body('a', 'b'), urlButton]), { phoneNumberId: IDS.otherPhoneNumberId, token: IDS.otherToken });
		expectGraphError(response, 132001, 404);
	});

	test('too few body parameters is 132000', async () => {
		const error = expectGraphError(await sandbox.send(template('order_confirmation', [header, body('Ada'), urlButton])), 132000, 400);
		expect(error.error_data?.details).toMatch(/body: number of localizable_params \(1\) does not match the expected number of params \(2\)/);
	});

	test('too many body parameters is 132000', async () => {
		expectGraphError(await sandbox.send(template('order_confirmation', [header, body('a', 'b', 'c'), urlButton])), 132000, 400);
	});

	test('parameters for a template without variables is 132000', async () => {
		expectGraphError(await sandbox.send(template('hello_world', [body('extra')])), 132000, 400);
	});

	test('a missing media header is 132012 (format mismatch)', async () => {
		const error = expectGraphError(await sandbox.send(template('order_confirmation', [body('a', 'b'), urlButton])), 132012, 400);
		expect(error.error_data?.details).toContain('expected IMAGE, received UNKNOWN');
	});

	test('a header of the wrong media type is 132012', async () => {
		const video = { type: 'header', parameters: [{ type: 'video', video: { link: 'https://example.com/v.mp4' } }] };
		expectGraphError(await sandbox.send(template('order_confirmation', [video, body('a', 'b'), urlButton])), 132012, 400);
	});

	test('a text header variable must be supplied', async () => {
		expectGraphError(await sandbox.send(template('text_header')), 132000, 400);
		expect((await sandbox.send(template('text_header', [{ type: 'header', parameters: [{ type: 'text', text: '42' }] }]))).statusCode).toBe(200);
	});

	test('a dynamic URL button without its parameter is 132000', async () => {
		expectGraphError(await sandbox.send(template('order_confirmation', [header, body('a', 'b')])), 132000, 400);
	});

	test('a button index the template does not have is 131009', async () => {
		const extra = { type: 'button', sub_type: 'quick_reply', index: '5', parameters: [{ type: 'payload', payload: 'x' }] };
		expectGraphError(await sandbox.send(template('order_confirmation', [header, body('a', 'b'), urlButton, extra])), 131009, 400);
	});

	test('a button sub_type that does not match the template button is 132012', async () => {
		const wrong = { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'x' }] };
		expectGraphError(await sandbox.send(template('order_confirmation', [header, body('a', 'b'), urlButton, wrong])), 132012, 400);
	});

	test('malformed template bodies are error 100 naming the field', async () => {
		const noName = { ...template('x'), template: { language: { code: 'en_US' } } };
		expect(expectGraphError(await sandbox.send(noName), 100, 400).error_data?.details).toMatch(/template\.name is required/);
		const noLanguage = { ...template('x'), template: { name: 'x' } };
		expect(expectGraphError(await sandbox.send(noLanguage), 100, 400).error_data?.details).toMatch(/template\.language is required/);
		const badPolicy = { ...template('x'), template: { name: 'x', language: { code: 'en', policy: 'fallback' } } };
		expectGraphError(await sandbox.send(badPolicy), 100, 400);
		const badParameter = template('order_confirmation', [{ type: 'body', parameters: [{ type: 'image', image: { link: 'https://e.com/a.jpg' } }] }]);
		expect(expectGraphError(await sandbox.send(badParameter), 100, 400).error_data?.details).toMatch(/template\.components\[0\]\.parameters\[0\]\.type/);
		const buttonWithoutIndex = template('order_confirmation', [{ type: 'button', sub_type: 'quick_reply', parameters: [] }]);
		expect(expectGraphError(await sandbox.send(buttonWithoutIndex), 100, 400).error_data?.details).toMatch(/index is required/);
	});

	test('the rendered body may not exceed 1024 characters (132005)', async () => {
		expectGraphError(await sandbox.send(template('order_confirmation', [header, body('x'.repeat(1000), 'y'.repeat(100)), urlButton])), 132005, 400);
	});
});
