import { testDialects } from '../../support/databases';
import { FakeChannel } from '../../support/fakeChannel';
import { bearer, createTenantFixture, startTestService, type TestService } from '../../support/testService';

describe.each(testDialects())('switching the default mode on %s', (dialect) => {
	let service: TestService;
	const cloud = new FakeChannel('cloud');
	const web = new FakeChannel('web');
	beforeAll(async () => {
		service = await startTestService(dialect, { composers: [() => ({ channels: [cloud, web] })] });
	});
	afterAll(() => service.stop());

	const put = (key: string, mode: string) => service.app.inject({ method: 'PUT', url: '/v1/config/default-mode', headers: bearer(key), payload: { mode } });

	test('an unconfigured target answers 409 saying what to configure', async () => {
		const tenant = await createTenantFixture(service, 'Unconfigured');
		const response = await put(tenant.adminKey, 'web');
		expect(response.statusCode).toBe(409);
		expect(response.json().error.message).toMatch(/web channel is not configured for this tenant \(create and connect a WhatsApp Web session\)/);
	});

	test('a configured but unhealthy target answers 409 with the channel’s reason', async () => {
		const tenant = await createTenantFixture(service, 'Unhealthy');
		web.setHealth(tenant.id, { configured: true, healthy: false, reason: 'no session is WORKING', accounts: [{ account: { channel: 'web', id: 'main' }, healthy: false, state: 'SCAN_QR' }] });
		const response = await put(tenant.adminKey, 'web');
		expect(response.statusCode).toBe(409);
		expect(response.json().error).toMatchObject({ code: 'conflict', details: { mode: 'web', health: { configured: true, healthy: false } } });
		expect(response.json().error.message).toMatch(/not healthy: no session is WORKING/);
	});

	test('a healthy target is accepted and reported by GET /v1/config', async () => {
		const tenant = await createTenantFixture(service, 'Healthy');
		cloud.setHealth(tenant.id, { configured: true, healthy: true, accounts: [{ account: { channel: 'cloud', id: '123', address: '+1 555' }, healthy: true, state: 'CONNECTED' }] });
		const response = await put(tenant.adminKey, 'cloud');
		expect(response.statusCode).toBe(200);
		expect(response.json().defaultMode).toBe('cloud');
		const config = (await service.app.inject({ method: 'GET', url: '/v1/config', headers: bearer(tenant.readerKey) })).json();
		expect(config.channels[0]).toEqual({ channel: 'cloud', enabled: true, configured: true, healthy: true, accounts: [{ id: '123', address: '+1 555', healthy: true, state: 'CONNECTED' }] });
	});

	test('only admins switch the mode, and the mode value is validated', async () => {
		const tenant = await createTenantFixture(service, 'Members');
		expect((await put(tenant.senderKey, 'cloud')).statusCode).toBe(403);
		const bad = await put(tenant.adminKey, 'sms');
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error.details.fields[0].field).toBe('body.mode');
	});
});
