import type { IDataObject } from 'n8n-workflow';
import { parseMultipart, serviceError } from '../../../support/n8n';
import { acceptMessages, API_KEY, business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

const send = (parameters: IDataObject) => business({ resource: 'message', operation: 'send', to: '+1 555 0100', ...parameters });

async function bodyOf(parameters: IDataObject, items?: IDataObject[]): Promise<IDataObject> {
	service().on('POST', '/v1/messages', acceptMessages);
	const run = await n8n().run([send(parameters)], { items });
	expect(run.status).toBe('success');
	return service().calls('POST', '/v1/messages')[0].body as IDataObject;
}

describe('Message › Send builds the service request', () => {
	test('text with URL preview and tracking data, on the Cloud channel, authenticated with the tenant key', async () => {
		const body = await bodyOf({ messageType: 'text', textBody: 'See https://example.com', contentOptions: { previewUrl: true }, sendOptions: { trackingData: 'order-7' } });
		expect(body).toEqual({ channel: 'cloud', to: '+1 555 0100', type: 'text', text: { body: 'See https://example.com', previewUrl: true }, bizOpaqueCallbackData: 'order-7' });
		expect(service().requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
	});

	test('the default sender sends no "from"; a chosen number is sent as "from"', async () => {
		expect(await bodyOf({ messageType: 'text', textBody: 'a' })).not.toHaveProperty('from');
		service().reset();
		expect(await bodyOf({ from: '106540352242922', messageType: 'text', textBody: 'a' })).toMatchObject({ from: '106540352242922' });
	});

	test('image by link with caption; document by media id with filename; audio and sticker carry neither', async () => {
		expect(await bodyOf({ messageType: 'image', mediaSource: 'link', mediaLink: ' https://cdn.example/a.jpg ', contentOptions: { caption: 'Look' } })).toMatchObject({ type: 'image', image: { link: 'https://cdn.example/a.jpg', caption: 'Look' } });
		service().reset();
		expect(await bodyOf({ messageType: 'document', mediaSource: 'id', mediaId: '7788', contentOptions: { caption: 'Invoice', filename: 'invoice.pdf' } })).toMatchObject({ type: 'document', document: { id: '7788', caption: 'Invoice', filename: 'invoice.pdf' } });
		service().reset();
		expect(await bodyOf({ messageType: 'audio', mediaSource: 'id', mediaId: '1' })).toEqual(expect.objectContaining({ type: 'audio', audio: { id: '1' } }));
		service().reset();
		expect(await bodyOf({ messageType: 'sticker', mediaSource: 'link', mediaLink: 'https://cdn.example/s.webp' })).toEqual(expect.objectContaining({ type: 'sticker', sticker: { link: 'https://cdn.example/s.webp' } }));
		service().reset();
		expect(await bodyOf({ messageType: 'video', mediaSource: 'link', mediaLink: 'https://cdn.example/v.mp4', contentOptions: { caption: 'Clip' } })).toMatchObject({ video: { link: 'https://cdn.example/v.mp4', caption: 'Clip' } });
	});

	test('an n8n binary file is uploaded first (multipart, same sender) and sent by the returned id', async () => {
		service().on('POST', '/v1/media', { status: 201, json: { id: 'media-55', mimeType: 'application/pdf', size: 4, sha256: 'x', filename: 'report.pdf', from: '106540352242922' } });
		service().on('POST', '/v1/messages', acceptMessages);
		const run = await n8n().run([
			{ name: 'Make file', type: 'binaryFixture', parameters: { fileName: 'report.pdf', mimeType: 'application/pdf', text: '%PDF-1.4 test' } },
			send({ from: '106540352242922', messageType: 'document', mediaSource: 'binary', binaryPropertyName: 'data', contentOptions: { caption: 'Report' } }),
		]);
		expect(run.status).toBe('success');
		const [upload] = service().calls('POST', '/v1/media');
		const parts = parseMultipart(upload);
		expect(parts.find((part) => part.name === 'from')?.content.toString()).toBe('106540352242922');
		const file = parts.find((part) => part.name === 'file');
		expect(file).toMatchObject({ filename: 'report.pdf', contentType: 'application/pdf' });
		expect(file?.content.toString()).toBe('%PDF-1.4 test');
		expect(service().calls('POST', '/v1/messages')[0].body).toMatchObject({ type: 'document', document: { id: 'media-55', caption: 'Report', filename: 'report.pdf' } });
	});

	test('location with name and address', async () => {
		expect(await bodyOf({ messageType: 'location', latitude: 52.52, longitude: 13.405, contentOptions: { locationName: 'Shop', address: 'Main St 1' } })).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Main St 1' } });
	});

	test('contacts in Meta’s contact shape, empty fields left out', async () => {
		const body = await bodyOf({
			messageType: 'contacts',
			contacts: { contact: [{ formattedName: 'Ada Lovelace', firstName: 'Ada', phone: '+15550001', phoneType: 'WORK', waId: '15550001', email: 'ada@example.com', company: 'Engines', birthday: '1815-12-10' }, { formattedName: 'Bob' }] },
		});
		expect(body.contacts).toEqual([
			{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' }, phones: [{ phone: '+15550001', type: 'WORK', wa_id: '15550001' }], emails: [{ email: 'ada@example.com', type: 'WORK' }], org: { company: 'Engines' }, birthday: '1815-12-10' },
			{ name: { formatted_name: 'Bob' } },
		]);
	});

	test('interactive reply buttons (ids default to titles), list with sections, URL button and Flow', async () => {
		expect(
			await bodyOf({ messageType: 'interactive', interactiveType: 'buttons', interactiveBody: 'Pick one', replyButtons: { button: [{ title: 'Yes', id: 'y' }, { title: 'No' }] }, interactiveFrame: { headerType: 'image', header: 'https://cdn.example/h.png', footer: 'Thanks' } }),
		).toMatchObject({
			type: 'interactive',
			interactive: { type: 'button', header: { type: 'image', image: { link: 'https://cdn.example/h.png' } }, body: { text: 'Pick one' }, footer: { text: 'Thanks' }, action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }, { type: 'reply', reply: { id: 'No', title: 'No' } }] } },
		});
		service().reset();
		const list = await bodyOf({ messageType: 'interactive', interactiveType: 'list', interactiveBody: 'Menu', listButtonText: 'Open', listRows: { row: [{ title: 'Tea', section: 'Drinks' }, { title: 'Cake', section: 'Food', description: 'Lemon' }, { title: 'Coffee', section: 'Drinks', id: 'cof' }] } });
		expect((list.interactive as IDataObject).action).toEqual({ button: 'Open', sections: [{ title: 'Drinks', rows: [{ id: 'Tea', title: 'Tea' }, { id: 'cof', title: 'Coffee' }] }, { title: 'Food', rows: [{ id: 'Cake', title: 'Cake', description: 'Lemon' }] }] });
		service().reset();
		expect(await bodyOf({ messageType: 'interactive', interactiveType: 'ctaUrl', interactiveBody: 'Track it', ctaDisplayText: 'Track', ctaUrl: 'https://t.example/1' })).toMatchObject({ interactive: { type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://t.example/1' } } } });
		service().reset();
		expect(await bodyOf({ messageType: 'interactive', interactiveType: 'flow', interactiveBody: 'Book', flowIdentifier: 'id', flowId: '1234', flowCta: 'Book now', flowOptions: { flowAction: 'navigate', screen: 'START', data: '{"slot":"am"}', flowReference: 'tok' } })).toMatchObject({
			interactive: { type: 'flow', action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '1234', flow_cta: 'Book now', flow_token: 'tok', flow_action: 'navigate', flow_action_payload: { screen: 'START', data: { slot: 'am' } } } } },
		});
	});

	test('custom JSON is sent as written, with recipient and sender from the fields', async () => {
		expect(await bodyOf({ from: '42', messageType: 'custom', customMessage: '{"type":"text","text":{"body":"raw"},"replyTo":"wamid.X"}' })).toEqual({ channel: 'cloud', from: '42', to: '+1 555 0100', type: 'text', text: { body: 'raw' }, replyTo: 'wamid.X' });
	});

	test('one output item per input item, each paired with its input', async () => {
		service().on('POST', '/v1/messages', acceptMessages);
		const run = await n8n().run([send({ messageType: 'text', textBody: '={{ "Hi " + $json.name }}' })], { items: [{ name: 'Ada' }, { name: 'Bob' }] });
		expect(service().calls('POST', '/v1/messages').map((request) => (request.body as { text: { body: string } }).text.body)).toEqual(['Hi Ada', 'Hi Bob']);
		expect(run.items('WhatsApp').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.json('WhatsApp')[0]).toMatchObject({ id: expect.stringMatching(/^msg_/), providerMessageId: expect.stringMatching(/^wamid\./), status: 'accepted' });
	});
});

describe('Message › Send protects against double sends', () => {
	const keys = () => service().calls('POST', '/v1/messages').map((request) => request.headers['idempotency-key'] as string);

	test('the key is stable for the same execution, node, run and item, and differs between items and executions', async () => {
		service().on('POST', '/v1/messages', acceptMessages);
		await n8n().run([send({ messageType: 'text', textBody: 'a' })], { items: [{}, {}], executionId: '500' });
		await n8n().run([send({ messageType: 'text', textBody: 'a' })], { items: [{}, {}], executionId: '500' });
		await n8n().run([send({ messageType: 'text', textBody: 'a' })], { items: [{}], executionId: '501' });
		const [first, second, again, againSecond, other] = keys();
		expect(first).toMatch(/^n8n:[A-Za-z0-9_-]{43}$/);
		expect(again).toBe(first);
		expect(againSecond).toBe(second);
		expect(new Set([first, second, other]).size).toBe(3);
	});

	test('a custom key repeats across executions but not across nodes', async () => {
		service().on('POST', '/v1/messages', acceptMessages);
		await n8n().run([send({ messageType: 'text', textBody: 'a', sendOptions: { idempotencyKey: 'order-1' } })], { executionId: '600' });
		await n8n().run([send({ messageType: 'text', textBody: 'a', sendOptions: { idempotencyKey: 'order-1' } })], { executionId: '601' });
		await n8n().run([{ ...send({ messageType: 'text', textBody: 'a', sendOptions: { idempotencyKey: 'order-1' } }), id: 'another-node' }], { executionId: '602' });
		const [first, second, otherNode] = keys();
		expect(first).toMatch(/^custom:/);
		expect(second).toBe(first);
		expect(otherNode).not.toBe(first);
	});
});

describe('Message › Send reports problems where they are', () => {
	test('a service validation error names the field, Meta’s code and the hint', async () => {
		service().on('POST', '/v1/messages', serviceError(400, 'validation_failed', 'body.text.body is too long', { fields: [{ field: 'body.text.body', message: 'must be at most 4096 characters' }], providerCode: 100, hint: 'Shorten the text', retryable: false }));
		const run = await n8n().run([send({ messageType: 'text', textBody: 'x' })]);
		expect(run.status).toBe('error');
		const error = run.nodeError('WhatsApp');
		expect(error?.message).toBe('body.text.body is too long');
		expect(error?.description).toContain('Fields: body.text.body must be at most 4096 characters');
		expect(error?.description).toContain('WhatsApp error code: 100');
		expect(error?.description).toContain('Hint: Shorten the text');
		expect(error?.httpCode).toBe('400');
	});

	test('bad interactive input is refused before any call, naming the limit', async () => {
		const run = await n8n().run([send({ messageType: 'interactive', interactiveType: 'buttons', interactiveBody: 'b', replyButtons: { button: [{ title: 'This title is far too long' }] } })]);
		expect(run.nodeError('WhatsApp')?.message).toContain('longer than 20 characters');
		expect(service().requests).toHaveLength(0);
		const json = await n8n().run([send({ messageType: 'custom', customMessage: '{"text":1}' })]);
		expect(json.nodeError('WhatsApp')?.message).toBe('Message (JSON) needs a "type"');
	});

	test('with Continue On Fail, a failed item becomes an error item and the others go out', async () => {
		let calls = 0;
		service().on('POST', '/v1/messages', (request) => (++calls === 1 ? serviceError(502, 'upstream_error', 'Meta is down', { providerCode: 131000, retryable: true }) : acceptMessages(request)));
		const run = await n8n().run([{ ...send({ messageType: 'text', textBody: 'x' }), onError: 'continueRegularOutput' }], { items: [{}, {}] });
		expect(run.status).toBe('success');
		expect(run.items('WhatsApp')).toEqual([
			{ json: { error: 'Meta is down', description: 'WhatsApp error code: 131000\nRetryable: yes' }, pairedItem: { item: 0 } },
			expect.objectContaining({ json: expect.objectContaining({ status: 'accepted' }), pairedItem: { item: 1 } }),
		]);
	});

	test('an unreachable service is reported as such', async () => {
		const harness = await (await import('../../../support/n8n')).N8nHarness.start({ credentials: { whatsAppTenantApi: { serviceUrl: 'http://127.0.0.1:1', apiKey: 'k' } }, listen: false });
		const run = await harness.run([send({ messageType: 'text', textBody: 'x' })]);
		expect(run.nodeError('WhatsApp')?.message).toMatch(/Could not reach the WhatsApp service/);
	});
});
