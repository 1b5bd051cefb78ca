import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, expectGraphError, IDS, openWindow, type Sandbox, startReceiver, textMessage, type WebhookReceiver } from './harness';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await createSandbox();
});
afterEach(() => sandbox.close());

describe('provisioning', () => {
	test('one bundle provisions app, WABA, number, token and template; the number then sends', async () => {
		const response = await sandbox.control('POST', '/provision', {
			apps: [{ appId: '555', appSecret: 'shh-its-a-secret' }],
			wabas: [{ wabaId: '777', appId: '555', name: 'Bundle WABA' }],
			phoneNumbers: [{ phoneNumberId: '888', wabaId: '777', appId: '555', displayPhoneNumber: '+44 7700 900000', verifiedName: 'Bundle', accessTokens: ['bundle-token-1'], throughputPerSecond: 200 }],
			templates: [{ wabaId: '777', name: 'bundle_template', language: 'en_GB', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hi {{1}}' }] }],
		});
		expect(response.statusCode).toBe(201);
		expect(response.json().apps[0].appSecret).not.toContain('secret');
		const send = await sandbox.send(
			{ messaging_product: 'whatsapp', to: IDS.user, type: 'template', template: { name: 'bundle_template', language: { code: 'en_GB' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'x' }] }] } },
			{ phoneNumberId: '888', token: 'bundle-token-1' },
		);
		expect(send.statusCode).toBe(200);
		const number = (await sandbox.inject('GET', '/graph/v23.0/888?fields=display_phone_number,verified_name,throughput', { token: 'bundle-token-1' })).json();
		expect(number).toEqual({ id: '888', display_phone_number: '+44 7700 900000', verified_name: 'Bundle', throughput: { level: 'HIGH' } });
	});

	test('control errors use {error:{code,message,details}} with 4xx', async () => {
		const missing = await sandbox.control('POST', '/apps', { appId: 'x' });
		expect(missing.statusCode).toBe(400);
		expect(missing.json()).toEqual({ error: { code: 'bad_request', message: expect.stringContaining('appSecret'), details: { field: 'appSecret' } } });
		const unknownApp = await sandbox.control('POST', '/phone-numbers', { phoneNumberId: '1', wabaId: IDS.wabaId, appId: 'nope', displayPhoneNumber: '1' });
		expect(unknownApp.statusCode).toBe(404);
		expect(unknownApp.json().error.code).toBe('not_found');
		expect((await sandbox.control('GET', '/no-such-route')).statusCode).toBe(404);
		expect((await sandbox.control('POST', '/faults', { kind: 'meteor' })).statusCode).toBe(400);
	});

	test('setting the callback can run Meta\'s GET challenge and refuses a URL that fails it', async () => {
		const server = http.createServer((request, response) => {
			const url = new URL(request.url ?? '/', 'http://x');
			const ok = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === 'right-token';
			response.writeHead(ok ? 200 : 403).end(ok ? url.searchParams.get('hub.challenge') : 'no');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
		try {
			const refused = await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl, verifyToken: 'wrong-token', verify: true });
			expect(refused.statusCode).toBe(400);
			expect(refused.json().error.code).toBe('webhook_verification_failed');
			expect(sandbox.sim.registry.apps.get(IDS.appId)?.callbackUrl).toBeUndefined();
			const accepted = await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl, verifyToken: 'right-token', verify: true });
			expect(accepted.statusCode).toBe(200);
			expect(accepted.json().callbackUrl).toBe(callbackUrl);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	test('phone numbers are listed under their WABA with Graph fields', async () => {
		const list = (await sandbox.inject('GET', `/graph/v23.0/${IDS.wabaId}/phone_numbers`)).json();
		expect(list.data).toEqual([
			expect.objectContaining({ id: IDS.phoneNumberId, display_phone_number: IDS.displayPhoneNumber, verified_name: 'Test Shop', quality_rating: 'GREEN', throughput: { level: 'STANDARD' } }),
		]);
		const narrowed = (await sandbox.inject('GET', `/graph/v23.0/${IDS.wabaId}/phone_numbers?fields=verified_name`)).json();
		expect(narrowed.data).toEqual([{ id: IDS.phoneNumberId, verified_name: 'Test Shop' }]);
		expectGraphError(await sandbox.inject('GET', `/graph/v23.0/${IDS.otherWabaId}/phone_numbers`), 100, 400);
	});

	test('GET /:phone-number-id answers the default fields, and refuses unknown ones', async () => {
		const number = (await sandbox.inject('GET', `/graph/v23.0/${IDS.phoneNumberId}`)).json();
		expect(number).toEqual({ id: IDS.phoneNumberId, display_phone_number: IDS.displayPhoneNumber, verified_name: 'Test Shop', quality_rating: 'GREEN' });
		const error = expectGraphError(await sandbox.inject('GET', `/graph/v23.0/${IDS.phoneNumberId}?fields=colour`), 100, 400);
		expect(error.message).toContain('nonexisting field (colour)');
	});

	test('GET /:waba-id answers the WABA node', async () => {
		expect((await sandbox.inject('GET', `/graph/v23.0/${IDS.wabaId}`)).json()).toMatchObject({ id: IDS.wabaId, name: expect.any(String), message_template_namespace: expect.any(String) });
	});
});

describe('inbound injection', () => {
	let receiver: WebhookReceiver;
	beforeEach(async () => {
		receiver = await startReceiver();
		await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl: receiver.url });
	});
	afterEach(() => receiver.close());

	async function inject(body: Record<string, unknown>) {
		const response = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, profileName: 'Sheena Nelson', wait: true, ...body });
		expect(response.statusCode).toBe(201);
		const result = response.json();
		expect(result.delivery.state).toBe('delivered');
		const delivered = receiver.received.at(-1)!;
		expect(delivered.signatureValid).toBe(true);
		expect(delivered.body).toEqual(result.webhook);
		return { wamid: result.wamid as string, value: result.webhook.entry[0].changes[0].value, message: result.webhook.entry[0].changes[0].value.messages[0] };
	}

	test('text: Meta envelope with metadata, contacts and the message', async () => {
		const { wamid, value, message } = await inject({ type: 'text', text: { body: 'Does it come in another color?' } });
		expect(value).toEqual({
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: '15550783881', phone_number_id: IDS.phoneNumberId },
			contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: IDS.user }],
			messages: [{ from: IDS.user, id: wamid, timestamp: expect.stringMatching(/^\d+$/), type: 'text', text: { body: 'Does it come in another color?' } }],
		});
		expect(message.id).toMatch(/^wamid\./);
	});

	test.each(['image', 'video', 'audio', 'document', 'sticker'])('%s: media is stored and downloadable', async (type) => {
		const { message } = await inject({ type, [type]: { caption: 'look', dataBase64: Buffer.from('hello media').toString('base64'), filename: 'f.bin' } });
		const media = message[type];
		expect(media).toMatchObject({ id: expect.any(String), mime_type: expect.any(String), sha256: expect.any(String), url: expect.any(String) });
		if (type === 'audio') expect(media.voice).toBe(false);
		if (type === 'sticker') expect(media.animated).toBe(false);
		if (type === 'document') expect(media.filename).toBe('f.bin');
		const info = (await sandbox.inject('GET', `/graph/v23.0/${media.id}`)).json();
		const url = new URL(info.url);
		const download = await sandbox.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { authorization: `Bearer ${IDS.token}` } });
		expect(download.body).toBe('hello media');
	});

	test('location, contacts, reaction, order and unsupported', async () => {
		expect((await inject({ type: 'location', location: { latitude: 37.44, longitude: -122.16, name: 'Philz' } })).message.location).toEqual({ latitude: 37.44, longitude: -122.16, name: 'Philz' });
		const contacts = [{ name: { formatted_name: 'Lucía Gómez' }, phones: [{ phone: '+1 983 555 2319', wa_id: '19835552319', type: 'MOBILE' }] }];
		expect((await inject({ type: 'contacts', contacts })).message.contacts).toEqual(contacts);
		expect((await inject({ type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } })).message.reaction).toEqual({ message_id: 'wamid.X', emoji: '👍' });
		const order = { catalog_id: '194836987003835', product_items: [{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' }] };
		expect((await inject({ type: 'order', order })).message.order).toEqual({ text: '', ...order });
		expect((await inject({ type: 'unsupported' })).message.errors[0]).toMatchObject({ code: 131051, title: 'Message type unknown' });
	});

	test('button replies quote the last template sent to the user', async () => {
		const sent = (await sandbox.send({ messaging_product: 'whatsapp', to: IDS.user, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } })).json();
		const { message } = await inject({ type: 'button', button: { payload: 'Unsubscribe', text: 'Unsubscribe' } });
		expect(message.context).toEqual({ from: '15550783881', id: sent.messages[0].id });
		expect(message.button).toEqual({ payload: 'Unsubscribe', text: 'Unsubscribe' });
	});

	test('interactive button_reply, list_reply and nfm_reply, with explicit context', async () => {
		const context = { id: 'wamid.ORIGINAL' };
		expect((await inject({ type: 'interactive', context, interactive: { type: 'button_reply', button_reply: { id: 'cancel', title: 'Cancel' } } })).message).toMatchObject({
			context: { from: '15550783881', id: 'wamid.ORIGINAL' },
			interactive: { type: 'button_reply', button_reply: { id: 'cancel', title: 'Cancel' } },
		});
		expect((await inject({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'p', title: 'Priority', description: 'Next day' } } })).message.interactive.list_reply.id).toBe('p');
		const flow = (await inject({ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: { flow_token: 'abc', size: 'M' } } } })).message.interactive;
		expect(flow.nfm_reply).toEqual({ name: 'flow', body: 'Sent', response_json: JSON.stringify({ flow_token: 'abc', size: 'M' }) });
	});

	test('system messages come without contacts and do not open the window', async () => {
		const { value } = await inject({ type: 'system', system: { body: 'User changed number', wa_id: '12195555358' } });
		expect(value.contacts).toBeUndefined();
		expect(value.messages[0].system).toEqual({ type: 'user_changed_number', body: 'User changed number', wa_id: '12195555358' });
		expect(sandbox.sim.windows.isOpen(IDS.phoneNumberId, IDS.user, sandbox.clock.now())).toBe(false);
	});

	test('referral from a click-to-WhatsApp ad is passed through', async () => {
		const referral = { source_url: 'https://fb.me/x', source_id: '1', source_type: 'ad', body: 'b', headline: 'h', media_type: 'image', ctwa_clid: 'c' };
		expect((await inject({ type: 'text', text: { body: 'from an ad' }, referral })).message.referral).toEqual(referral);
	});

	test('bad injections are control errors', async () => {
		expect((await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'smell' })).statusCode).toBe(400);
		expect((await sandbox.control('POST', '/inbound', { phoneNumberId: '0', from: IDS.user, type: 'text', text: { body: 'x' } })).statusCode).toBe(404);
		expect((await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text' })).statusCode).toBe(400);
	});
});

describe('faults', () => {
	test('http_error with a count fails that many sends with a 5xx Graph error, then stops', async () => {
		await openWindow(sandbox);
		const fault = (await sandbox.control('POST', '/faults', { kind: 'http_error', count: 2, status: 503 })).json();
		expect(fault.id).toEqual(expect.any(String));
		expectGraphError(await sandbox.send(textMessage()), 131016, 503);
		expectGraphError(await sandbox.send(textMessage()), 131016, 503);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expect((await sandbox.control('GET', '/faults')).json().data).toEqual([]);
		expect((await sandbox.control('GET', '/stats')).json().faultsTriggered.http_error).toBe(2);
	});

	test('http_error by probability uses the injected random source', async () => {
		await sandbox.close();
		const rolls = [0.1, 0.9, 0.1, 0.9];
		sandbox = await createSandbox({ random: () => rolls.shift() ?? 0.9 });
		await openWindow(sandbox);
		await sandbox.control('POST', '/faults', { kind: 'http_error', probability: 0.5 });
		expectGraphError(await sandbox.send(textMessage()), 131000, 500);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage()), 131000, 500);
	});

	test('faults can target one phone number and be cleared', async () => {
		await sandbox.control('POST', '/faults', { kind: 'http_error', phoneNumberId: IDS.otherPhoneNumberId });
		await openWindow(sandbox);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expectGraphError(await sandbox.send(textMessage(), { phoneNumberId: IDS.otherPhoneNumberId, token: IDS.otherToken }), 131000, 500);
		expect((await sandbox.control('DELETE', '/faults')).statusCode).toBe(204);
		expect((await sandbox.send(textMessage(), { phoneNumberId: IDS.otherPhoneNumberId, token: IDS.otherToken })).statusCode).toBe(200);
	});

	test('latency delays the answer', async () => {
		await openWindow(sandbox);
		await sandbox.control('POST', '/faults', { kind: 'latency', ms: 120, count: 1 });
		const started = Date.now();
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	test('media-scoped faults leave sends alone', async () => {
		await openWindow(sandbox);
		await sandbox.control('POST', '/faults', { kind: 'http_error', scope: 'media' });
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
		const media = (await sandbox.control('POST', '/media', { phoneNumberId: IDS.phoneNumberId, mimeType: 'image/png' })).json();
		expectGraphError(await sandbox.inject('DELETE', `/graph/v23.0/${media.id}`), 131000, 500);
	});
});

describe('inspection, clock, config and reset', () => {
	test('stats count sends, errors per code and inbound messages', async () => {
		await openWindow(sandbox);
		await sandbox.send(textMessage());
		await sandbox.send({ messaging_product: 'whatsapp', to: IDS.user, type: 'text', text: {} });
		const stats = (await sandbox.control('GET', '/stats')).json();
		expect(stats).toMatchObject({ sends: { accepted: 1, rejected: 1 }, errorsByCode: { '100': 1 }, rateLimited130429: 0, inboundInjected: 1 });
	});

	test('the clock advances by ms, seconds, minutes and hours', async () => {
		const before = (await sandbox.control('GET', '/clock')).json().now;
		const after = (await sandbox.control('POST', '/clock/advance', { hours: 1, minutes: 1, seconds: 1, ms: 1 })).json().now;
		expect(after - before).toBe(3_661_001);
	});

	test('config can be read and patched; unknown keys are refused', async () => {
		const patched = (await sandbox.control('PATCH', '/config', { statusWebhooks: { readDelayMs: 99 }, defaultThroughputPerSecond: 10 })).json();
		expect(patched.statusWebhooks).toMatchObject({ readDelayMs: 99, deliveredDelayMs: 5 });
		expect((await sandbox.control('PATCH', '/config', { warpDrive: true })).statusCode).toBe(400);
		expect((await sandbox.control('PATCH', '/config', { enforceServiceWindow: 'sometimes' })).statusCode).toBe(400);
	});

	test('reset keeping provisioning clears traffic but keeps numbers and tokens', async () => {
		await openWindow(sandbox);
		await sandbox.send(textMessage());
		expect((await sandbox.control('POST', '/reset', { keepProvisioning: true })).statusCode).toBe(200);
		expect((await sandbox.control('GET', '/messages')).json().data).toEqual([]);
		expect((await sandbox.control('GET', '/stats')).json().sends.accepted).toBe(0);
		await openWindow(sandbox);
		expect((await sandbox.send(textMessage())).statusCode).toBe(200);
	});

	test('a full reset forgets everything, tokens included', async () => {
		await sandbox.control('POST', '/reset');
		expectGraphError(await sandbox.send(textMessage()), 190, 401);
	});

	test('the webhook log and drain endpoint report deliveries', async () => {
		await openWindow(sandbox);
		const drained = (await sandbox.control('POST', '/webhooks/drain', { timeoutMs: 2000 })).json();
		expect(drained.drained).toBe(true);
		const log = (await sandbox.control('GET', '/webhooks?limit=5')).json().data;
		expect(log[0]).toMatchObject({ kind: 'inbound', state: 'no_callback' });
	});
});
