import { type AddressInfo, createServer, type Socket } from 'node:net';
import { createSandbox, IDS, openWindow, type Sandbox, startReceiver, statusesOf, textMessage, type WebhookReceiver } from './harness';

let sandbox: Sandbox;
let receiver: WebhookReceiver;

async function setup(options: Parameters<typeof createSandbox>[0] = {}): Promise<void> {
	sandbox = await createSandbox(options);
	receiver = await startReceiver();
	await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl: receiver.url });
}
afterEach(async () => {
	await sandbox.close();
	await receiver.close();
});

async function sendAndSettle(body: Record<string, unknown>, version = 'v23.0'): Promise<string> {
	const response = await sandbox.send(body, { version });
	expect(response.statusCode).toBe(200);
	await sandbox.sim.settle();
	return response.json().messages[0].id;
}

describe('status webhooks', () => {
	test('sent, delivered and read arrive signed, Meta-shaped, with pricing on sent and one later status', async () => {
		await setup();
		await openWindow(sandbox);
		const wamid = await sendAndSettle({ ...textMessage(), biz_opaque_callback_data: 'order-42' });
		const webhooks = receiver.received.filter((w) => statusesOf([w]).length > 0);
		expect(webhooks.every((w) => w.signatureValid)).toBe(true);
		expect(webhooks.every((w) => w.headers['content-type'] === 'application/json')).toBe(true);
		const first = webhooks[0]!.body;
		expect(first.object).toBe('whatsapp_business_account');
		expect(first.entry[0]!.id).toBe(IDS.wabaId);
		expect(first.entry[0]!.changes[0]!.field).toBe('messages');
		expect(first.entry[0]!.changes[0]!.value).toMatchObject({
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: '15550783881', phone_number_id: IDS.phoneNumberId },
		});
		const statuses = statusesOf(webhooks).filter((s) => s.id === wamid);
		expect(statuses.map((s) => s.status).sort()).toEqual(['delivered', 'read', 'sent']);
		const sent = statuses.find((s) => s.status === 'sent')!;
		expect(sent).toMatchObject({
			recipient_id: IDS.user,
			timestamp: expect.stringMatching(/^\d+$/),
			biz_opaque_callback_data: 'order-42',
			conversation: { id: expect.any(String), expiration_timestamp: expect.stringMatching(/^\d+$/), origin: { type: 'service' } },
			pricing: { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' },
		});
		expect(statuses.filter((s) => s.pricing).length).toBe(2);
		expect((await sandbox.control('GET', `/messages/${wamid}`)).json().status).toBe('read');
	});

	test('from v24.0 on, statuses carry pricing but no conversation', async () => {
		await setup();
		await openWindow(sandbox);
		await sendAndSettle(textMessage(), 'v24.0');
		const sent = statusesOf(receiver.received).find((s) => s.status === 'sent')!;
		expect(sent.conversation).toBeUndefined();
		expect(sent.pricing).toBeDefined();
	});

	test('templates are billed regular in their category', async () => {
		await setup();
		await sendAndSettle({ messaging_product: 'whatsapp', to: IDS.user, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
		const sent = statusesOf(receiver.received).find((s) => s.status === 'sent')!;
		expect(sent.pricing).toEqual({ billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' });
	});

	test('reactions only get sent', async () => {
		await setup();
		await openWindow(sandbox);
		await sendAndSettle({ messaging_product: 'whatsapp', to: IDS.user, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } });
		expect(statusesOf(receiver.received).map((s) => s.status)).toEqual(['sent']);
	});

	test('read can be switched off, and delivered skipped when read follows', async () => {
		await setup({ config: { statusWebhooks: { readProbability: 0 } } });
		await openWindow(sandbox);
		await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received).map((s) => s.status).sort()).toEqual(['delivered', 'sent']);
		receiver.received.length = 0;
		sandbox.sim.configure({ statusWebhooks: { readProbability: 1, skipDeliveredProbability: 1 } });
		await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received).map((s) => s.status).sort()).toEqual(['read', 'sent']);
	});

	test('status webhooks can be turned off entirely', async () => {
		await setup({ config: { statusWebhooks: { enabled: false } } });
		await openWindow(sandbox);
		await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received)).toHaveLength(0);
	});

	test('statuses can be driven by hand through the control API', async () => {
		await setup({ config: { statusWebhooks: { enabled: false } } });
		await openWindow(sandbox);
		const wamid = await sendAndSettle(textMessage());
		const failed = await sandbox.control('POST', `/messages/${wamid}/status`, { status: 'failed', errorCode: 131026 });
		expect(failed.json().status).toBe('failed');
		await sandbox.sim.settle();
		expect(statusesOf(receiver.received)[0]).toMatchObject({ id: wamid, status: 'failed', errors: [{ code: 131026 }] });
	});
});

describe('24-hour customer-service window', () => {
	test('a free-form message to a user who never wrote answers 200, then a failed status with 131047', async () => {
		await setup();
		const wamid = await sendAndSettle(textMessage());
		const statuses = statusesOf(receiver.received);
		expect(statuses).toHaveLength(1);
		expect(statuses[0]).toMatchObject({
			id: wamid,
			status: 'failed',
			recipient_id: IDS.user,
			errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: expect.stringContaining('24 hours') }, href: expect.any(String) }],
		});
		expect(statuses[0]!.pricing).toBeUndefined();
	});

	test('an inbound message opens the window for 24 hours of simulated time', async () => {
		await setup();
		await openWindow(sandbox);
		sandbox.clock.advance(23 * 3600 * 1000);
		await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received).some((s) => s.status === 'failed')).toBe(false);
		receiver.received.length = 0;
		sandbox.clock.advance(3600 * 1000);
		await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received).map((s) => s.status)).toEqual(['failed']);
	});

	test('templates pass outside the window', async () => {
		await setup();
		await sendAndSettle({ messaging_product: 'whatsapp', to: IDS.user, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
		expect(statusesOf(receiver.received).some((s) => s.status === 'failed')).toBe(false);
	});

	test('the window is per business number', async () => {
		await setup();
		await openWindow(sandbox);
		await sandbox.send(textMessage(), { phoneNumberId: IDS.otherPhoneNumberId, token: IDS.otherToken });
		await sandbox.sim.settle();
		expect(statusesOf(receiver.received).filter((s) => s.status === 'failed')).toHaveLength(1);
	});

	test('enforcement can be switched off', async () => {
		await setup({ config: { enforceServiceWindow: false } });
		await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received).some((s) => s.status === 'failed')).toBe(false);
	});

	test('a media link that is not http(s) fails later with 131053', async () => {
		await setup();
		await openWindow(sandbox);
		await sendAndSettle({ messaging_product: 'whatsapp', to: IDS.user, type: 'image', image: { link: 'not a url' } });
		expect(statusesOf(receiver.received).find((s) => s.status === 'failed')).toMatchObject({ errors: [{ code: 131053 }] });
	});
});

describe('delivery: retries, duplicates, order, no callback', () => {
	test('a non-200 answer is retried on the configured schedule until it succeeds', async () => {
		await setup();
		receiver.respondWith.push(500, 503);
		const result = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text', text: { body: 'retry me' }, wait: true });
		expect(result.json().delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
		expect(receiver.received).toHaveLength(1);
		expect((await sandbox.control('GET', '/stats')).json().webhooks).toMatchObject({ delivered: 1, failedAttempts: 2, retries: 2 });
	});

	test('after the last retry a delivery is dropped', async () => {
		await setup();
		receiver.respondWith.push(500, 500, 500);
		const result = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text', text: { body: 'lost' }, wait: true });
		expect(result.json().delivery).toMatchObject({ state: 'dropped', attempts: 3, lastStatus: 500 });
		const log = (await sandbox.control('GET', '/webhooks')).json().data;
		expect(log[0]).toMatchObject({ state: 'dropped', kind: 'inbound', body: { object: 'whatsapp_business_account' } });
	});

	test('a 2xx other than 200 is a failure, as on Meta', async () => {
		await setup();
		receiver.respondWith.push(204);
		const result = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text', text: { body: 'x' }, wait: true });
		expect(result.json().delivery.attempts).toBe(2);
	});

	test('an app without a callback URL gets nothing, and nothing is retried', async () => {
		await setup();
		await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl: null });
		const result = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text', text: { body: 'x' }, wait: true });
		expect(result.json().delivery.state).toBe('no_callback');
	});

	test('duplicate_webhooks delivers the same webhook twice', async () => {
		await setup();
		await sandbox.control('POST', '/faults', { kind: 'duplicate_webhooks', count: 1 });
		await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text', text: { body: 'twice' } });
		await sandbox.sim.settle();
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[0]!.raw.equals(receiver.received[1]!.raw)).toBe(true);
	});

	test('out_of_order_webhooks sends read before delivered before sent', async () => {
		await setup({ config: { statusWebhooks: { sentDelayMs: 0, deliveredDelayMs: 30, readDelayMs: 60 } } });
		await openWindow(sandbox);
		await sandbox.control('POST', '/faults', { kind: 'out_of_order_webhooks', count: 1 });
		const wamid = await sendAndSettle(textMessage());
		expect(statusesOf(receiver.received).filter((s) => s.id === wamid).map((s) => s.status)).toEqual(['read', 'delivered', 'sent']);
		// The record keeps the furthest status even though `sent` came last.
		expect((await sandbox.control('GET', `/messages/${wamid}`)).json().status).toBe('read');
	});

	test('undeliverable recipients get a failed status with 131026', async () => {
		await setup();
		await sandbox.control('POST', '/faults', { kind: 'undeliverable', recipients: ['+1 650 555 0000'] });
		await sendAndSettle({ messaging_product: 'whatsapp', to: '16505550000', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
		expect(statusesOf(receiver.received)).toEqual([expect.objectContaining({ status: 'failed', errors: [expect.objectContaining({ code: 131026 })] })]);
	});

	test('a slow webhook receiver does not slow down sends', async () => {
		await setup({ config: { webhookDelivery: { maxConcurrency: 1, timeoutMs: 2000, retryDelaysMs: [] }, pairRateLimit: false } });
		await openWindow(sandbox);
		await sandbox.sim.settle();
		// Point the app at a server that accepts connections and never answers: every delivery waits for its timeout.
		const sockets = new Set<Socket>();
		const silent = createServer((socket) => void sockets.add(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		try {
			await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/` });
			const started = Date.now();
			for (let i = 0; i < 50; i++) expect((await sandbox.send(textMessage())).statusCode).toBe(200);
			expect(Date.now() - started).toBeLessThan(1500);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(sandbox.sim.webhooks.stats().inFlight).toBe(1);
			expect(sandbox.sim.webhooks.stats().queued).toBeGreaterThan(0);
		} finally {
			sandbox.sim.webhooks.close();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => silent.close(resolve));
		}
	});
});
