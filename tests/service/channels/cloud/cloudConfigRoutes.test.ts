import { testDialects } from '../../../support/databases';
import { bearer, createTenantFixture, startTestService, type TenantFixture, type TestService } from '../../../support/testService';

describe.each(testDialects())('Meta apps and Cloud numbers on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let admin: Record<string, string>;
	beforeAll(async () => {
		service = await startTestService(dialect);
		tenant = await createTenantFixture(service, 'Cloud Config');
		admin = bearer(tenant.adminKey);
	});
	afterAll(() => service.stop());

	const inject = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
		service.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

	test('a Meta app is registered with its secret masked and a generated verify token shown once', async () => {
		const created = await inject('POST', '/v1/meta-apps', admin, { appId: '1000001', name: 'Main app', appSecret: 'app-secret-0123456789abcdef' });
		expect(created.statusCode).toBe(201);
		const body = created.json();
		expect(body.appSecret).toBe('****cdef');
		expect(body.verifyToken).toHaveLength(32);
		expect(body.webhookUrl).toMatch(/\/webhooks\/meta\/1000001$/);
		const fetched = await inject('GET', '/v1/meta-apps/1000001', admin);
		expect(fetched.json().verifyToken).toBe(`****${body.verifyToken.slice(-4)}`);
		expect(fetched.body).not.toContain('app-secret-0123456789abcdef');
		expect((await inject('POST', '/v1/meta-apps', admin, { appId: '1000001', appSecret: 'another-secret-xx' })).statusCode).toBe(409);
	});

	test('only platform admins may point a Meta app at another Graph base URL', async () => {
		const refused = await inject('POST', '/v1/meta-apps', admin, { appId: '1000002', appSecret: 'app-secret-xxxxxxxx', graphBaseUrl: 'http://10.0.0.1:9999' });
		expect(refused.statusCode).toBe(403);
		expect((await inject('PATCH', '/v1/meta-apps/1000001', admin, { graphBaseUrl: 'http://10.0.0.1:9999' })).statusCode).toBe(403);
		const platform = { ...bearer(await service.platformKey()), 'x-tenant-id': tenant.id };
		const allowed = await inject('POST', '/v1/meta-apps', platform, { appId: '1000002', appSecret: 'app-secret-xxxxxxxx', graphBaseUrl: 'http://127.0.0.1:9999/graph' });
		expect(allowed.json().graphBaseUrl).toBe('http://127.0.0.1:9999/graph');
	});

	test('Meta app input is validated field by field', async () => {
		const response = await inject('POST', '/v1/meta-apps', admin, { appId: 'abc', appSecret: 'short', graphApiVersion: '25' });
		expect(response.statusCode).toBe(400);
		expect(response.json().error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.appId', 'body.appSecret', 'body.graphApiVersion']);
	});

	test('secrets rotate through PATCH and stay masked', async () => {
		const updated = await inject('PATCH', '/v1/meta-apps/1000001', admin, { appSecret: 'rotated-secret-zzzz9999', graphApiVersion: 'v24.0' });
		expect(updated.json()).toMatchObject({ appSecret: '****9999', graphApiVersion: 'v24.0' });
		const secrets = await service.ctx.repos.metaApps.getSecrets((await import('../../../../service/src/auth/tenantScope')).systemScope(tenant.id, 'test'), '1000001');
		expect(secrets?.appSecret).toBe('rotated-secret-zzzz9999');
	});

	test('numbers: the first becomes the default; tokens are masked; duplicates and unknown apps are refused', async () => {
		const first = await inject('POST', '/v1/cloud/numbers', admin, { phoneNumberId: '2000001', wabaId: '3000001', metaAppId: '1000001', accessToken: 'EAAG-token-aaaa-1111', displayPhoneNumber: '+1 555 0100' });
		expect(first.statusCode).toBe(201);
		expect(first.json()).toMatchObject({ phoneNumberId: '2000001', metaAppId: '1000001', accessToken: '****1111', throughputPerSecond: 80, isDefault: true, lastTest: null });
		const second = await inject('POST', '/v1/cloud/numbers', admin, { phoneNumberId: '2000002', wabaId: '3000001', metaAppId: '1000001', accessToken: 'EAAG-token-bbbb-2222', throughputPerSecond: 250 });
		expect(second.json()).toMatchObject({ isDefault: false, throughputPerSecond: 250 });
		expect((await inject('POST', '/v1/cloud/numbers', admin, { phoneNumberId: '2000001', wabaId: '3', metaAppId: '1000001', accessToken: 'EAAG-token-cccc' })).statusCode).toBe(409);
		expect((await inject('POST', '/v1/cloud/numbers', admin, { phoneNumberId: '2000003', wabaId: '3', metaAppId: '9999', accessToken: 'EAAG-token-cccc' })).statusCode).toBe(404);
		const tooFast = await inject('POST', '/v1/cloud/numbers', admin, { phoneNumberId: '2000003', wabaId: '3', metaAppId: '1000001', accessToken: 'EAAG-token-cccc', throughputPerSecond: 5000 });
		expect(tooFast.json().error.details.fields[0].field).toBe('body.throughputPerSecond');

		const madeDefault = await inject('PATCH', '/v1/cloud/numbers/2000002', admin, { isDefault: true });
		expect(madeDefault.json().isDefault).toBe(true);
		const list = (await inject('GET', '/v1/cloud/numbers', admin)).json().data;
		expect(list.filter((n: { isDefault: boolean }) => n.isDefault).map((n: { phoneNumberId: string }) => n.phoneNumberId)).toEqual(['2000002']);
	});

	test('members read the configuration but cannot change it', async () => {
		expect((await inject('GET', '/v1/cloud/numbers', bearer(tenant.readerKey))).statusCode).toBe(200);
		expect((await inject('DELETE', '/v1/cloud/numbers/2000001', bearer(tenant.senderKey))).statusCode).toBe(403);
	});

	test('deleting a Meta app removes its numbers', async () => {
		await inject('POST', '/v1/meta-apps', admin, { appId: '1000009', appSecret: 'temporary-secret-1' });
		await inject('POST', '/v1/cloud/numbers', admin, { phoneNumberId: '2000009', wabaId: '3', metaAppId: '1000009', accessToken: 'EAAG-token-dddd' });
		expect((await inject('DELETE', '/v1/meta-apps/1000009', admin)).statusCode).toBe(204);
		expect((await inject('GET', '/v1/cloud/numbers/2000009', admin)).statusCode).toBe(404);
	});

	test('switching the default mode to a channel that is not running answers 409 with the reason', async () => {
		const response = await inject('PUT', '/v1/config/default-mode', admin, { mode: 'web' });
		expect(response.statusCode).toBe(409);
		expect(response.json().error.message).toMatch(/Cannot switch the default mode to web/);
		const config = await inject('GET', '/v1/config', admin);
		expect(config.json()).toMatchObject({ tenantId: tenant.id, defaultMode: null });
		expect(config.json().channels.map((c: { channel: string }) => c.channel)).toEqual(['cloud', 'web']);
	});
});
