import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../support/testService';
import { startEventsService } from './eventsTestKit';

describe.each(testDialects())('subscriptions API on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		tenant = await createTenantFixture(service, 'Subscribers');
	});
	afterAll(() => service.stop());

	const call = (method: string, url: string, key: string, payload?: unknown) => service.app.inject({ method: method as 'GET', url, headers: bearer(key), ...(payload !== undefined ? { payload: payload as object } : {}) });

	test('create shows the signing secret once; list and get never do', async () => {
		const created = await call('POST', '/v1/subscriptions', tenant.senderKey, { targetUrl: 'https://n8n.example/webhook/abc', events: ['message.received', 'message.status'], channel: 'cloud', accounts: ['106540352242922'], messageTypes: ['text', 'image'], statuses: ['read'], description: 'WhatsApp Trigger (production)' });
		expect(created.statusCode).toBe(201);
		const body = created.json();
		expect(body).toMatchObject({ targetUrl: 'https://n8n.example/webhook/abc', events: ['message.received', 'message.status'], channel: 'cloud', accounts: ['106540352242922'], messageTypes: ['text', 'image'], statuses: ['read'], active: true, description: 'WhatsApp Trigger (production)' });
		expect(body.id).toMatch(/^sub_[0-9a-z]{26}$/);
		expect(body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
		const listed = await call('GET', '/v1/subscriptions', tenant.readerKey);
		expect(listed.json().data.map((s: { id: string }) => s.id)).toEqual([body.id]);
		expect(listed.body).not.toContain(body.secret);
		const fetched = await call('GET', `/v1/subscriptions/${body.id}`, tenant.readerKey);
		expect(fetched.json()).not.toHaveProperty('secret');
		expect(fetched.body).not.toContain(body.secret);
	});

	test('any number of subscriptions may exist; filters update; rotation gives a new secret; delete removes', async () => {
		const first = (await call('POST', '/v1/subscriptions', tenant.senderKey, { targetUrl: 'http://127.0.0.1:5678/webhook-test/x', events: ['*'] })).json();
		const second = (await call('POST', '/v1/subscriptions', tenant.senderKey, { targetUrl: 'http://127.0.0.1:5678/webhook/x', events: ['*'] })).json();
		expect(first.secret).not.toBe(second.secret);
		const patched = await call('PATCH', `/v1/subscriptions/${first.id}`, tenant.senderKey, { active: false, events: ['template.status'], channel: null });
		expect(patched.json()).toMatchObject({ active: false, events: ['template.status'], channel: null });
		expect((await call('GET', '/v1/subscriptions?active=false', tenant.readerKey)).json().data.map((s: { id: string }) => s.id)).toEqual([first.id]);
		const rotated = await call('POST', `/v1/subscriptions/${first.id}/rotate-secret`, tenant.senderKey);
		expect(rotated.statusCode).toBe(200);
		expect(rotated.json().secret).toMatch(/^whsec_/);
		expect(rotated.json().secret).not.toBe(first.secret);
		expect((await call('DELETE', `/v1/subscriptions/${first.id}`, tenant.senderKey)).statusCode).toBe(204);
		expect((await call('GET', `/v1/subscriptions/${first.id}`, tenant.readerKey)).statusCode).toBe(404);
		expect((await call('DELETE', `/v1/subscriptions/${first.id}`, tenant.senderKey)).statusCode).toBe(404);
	});

	test('input is validated field by field: only http(s) URLs, known event types, message types and statuses', async () => {
		const bad = await call('POST', '/v1/subscriptions', tenant.senderKey, { targetUrl: 'ftp://files.example/x', events: ['message.exploded'], messageTypes: ['hologram'], statuses: ['lost'], extra: 1 });
		expect(bad.statusCode).toBe(400);
		const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
		for (const field of ['body.targetUrl', 'body.events.0', 'body.messageTypes.0', 'body.statuses.0', 'body.extra']) expect(fields).toContain(field);
		expect((await call('POST', '/v1/subscriptions', tenant.senderKey, { targetUrl: 'http://', events: ['*'] })).json().error.details.fields[0].field).toBe('body.targetUrl');
		expect((await call('POST', '/v1/subscriptions', tenant.senderKey, { targetUrl: 'https://ok.example', events: [] })).statusCode).toBe(400);
		expect((await call('PATCH', `/v1/subscriptions/sub_${'0'.repeat(26)}`, tenant.senderKey, {})).statusCode).toBe(400);
	});

	test('a read-only key lists but cannot create, change or delete', async () => {
		expect((await call('POST', '/v1/subscriptions', tenant.readerKey, { targetUrl: 'https://n8n.example/x', events: ['*'] })).statusCode).toBe(403);
		const id = (await call('GET', '/v1/subscriptions', tenant.readerKey)).json().data[0].id;
		expect((await call('DELETE', `/v1/subscriptions/${id}`, tenant.readerKey)).statusCode).toBe(403);
		expect((await call('POST', `/v1/subscriptions/${id}/rotate-secret`, tenant.readerKey)).statusCode).toBe(403);
	});
});
