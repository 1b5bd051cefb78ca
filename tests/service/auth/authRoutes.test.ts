import jwt from 'jsonwebtoken';
import { testDialects } from '../../support/databases';
import { bearer, createPlatformAdminUser, createTenantFixture, startTestService, TEST_PASSWORD, type TestService } from '../../support/testService';

describe.each(testDialects())('authentication on %s', (dialect) => {
	let service: TestService;
	beforeAll(async () => {
		service = await startTestService(dialect);
	});
	afterAll(() => service.stop());

	test('first start without an admin prints a one-time bootstrap token that creates the first admin once', async () => {
		const logged = service.logs.text().match(/(wab_[A-Za-z0-9_-]{20,})/);
		expect(logged).not.toBeNull();
		const token = logged![1];
		const weak = await service.app.inject({ method: 'POST', url: '/v1/auth/bootstrap', payload: { token, email: 'first@example.com', password: 'short' } });
		expect(weak.statusCode).toBe(400);
		expect(weak.json().error.details.fields).toEqual([{ field: 'body.password', message: 'must be at least 12 characters' }]);

		const wrong = await service.app.inject({ method: 'POST', url: '/v1/auth/bootstrap', payload: { token: 'wab_wrong', email: 'first@example.com', password: TEST_PASSWORD } });
		expect(wrong.statusCode).toBe(401);

		const created = await service.app.inject({ method: 'POST', url: '/v1/auth/bootstrap', payload: { token, email: 'first@example.com', password: TEST_PASSWORD } });
		expect(created.statusCode).toBe(201);
		expect(created.json().user).toMatchObject({ email: 'first@example.com', role: 'platform_admin', tenantId: null });
		const me = await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(created.json().accessToken) });
		expect(me.json()).toMatchObject({ principal: { kind: 'user', role: 'platform_admin' }, tenant: null });

		const again = await service.app.inject({ method: 'POST', url: '/v1/auth/bootstrap', payload: { token, email: 'second@example.com', password: TEST_PASSWORD } });
		expect(again.statusCode).toBe(409);
	});

	test('login issues a JWT for valid credentials and refuses everything else alike', async () => {
		await createPlatformAdminUser(service, 'login@example.com');
		const ok = await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'LOGIN@example.com', password: TEST_PASSWORD } });
		expect(ok.statusCode).toBe(200);
		expect(ok.json()).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, user: { email: 'login@example.com' } });
		const badPassword = await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'login@example.com', password: 'wrong password!' } });
		const unknown = await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@example.com', password: TEST_PASSWORD } });
		expect(badPassword.statusCode).toBe(401);
		expect(unknown.statusCode).toBe(401);
		expect(badPassword.json().error.message).toBe(unknown.json().error.message);
	});

	test('login validates its body and names the fields', async () => {
		const response = await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'not-an-email', extra: 1 } });
		expect(response.statusCode).toBe(400);
		const fields = response.json().error.details.fields.map((f: { field: string }) => f.field);
		expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.extra']));
	});

	test('a tenant user logs in, sees their tenant in /v1/me, and loses access when disabled', async () => {
		const tenant = await createTenantFixture(service, 'Acme Login');
		const created = await service.app.inject({ method: 'POST', url: `/v1/tenants/${tenant.id}/users`, headers: bearer(tenant.adminKey), payload: { email: 'member@acme.test', password: TEST_PASSWORD, role: 'member' } });
		expect(created.statusCode).toBe(201);
		const login = await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'member@acme.test', password: TEST_PASSWORD } });
		const token = login.json().accessToken as string;
		const me = await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
		expect(me.json()).toMatchObject({ principal: { kind: 'user', role: 'member', scopes: ['read', 'send'] }, tenant: { id: tenant.id, name: 'Acme Login' } });

		await service.app.inject({ method: 'PATCH', url: `/v1/tenants/${tenant.id}/users/${created.json().id}`, headers: bearer(tenant.adminKey), payload: { disabled: true } });
		const after = await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
		expect(after.statusCode).toBe(401);
	});

	test('a token is refused once the user’s role changed', async () => {
		const tenant = await createTenantFixture(service, 'Acme Roles');
		const user = (await service.app.inject({ method: 'POST', url: `/v1/tenants/${tenant.id}/users`, headers: bearer(tenant.adminKey), payload: { email: 'admin@roles.test', password: TEST_PASSWORD, role: 'tenant_admin' } })).json();
		const token = (await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'admin@roles.test', password: TEST_PASSWORD } })).json().accessToken;
		await service.app.inject({ method: 'PATCH', url: `/v1/tenants/${tenant.id}/users/${user.id}`, headers: bearer(tenant.adminKey), payload: { role: 'member' } });
		const response = await service.app.inject({ method: 'GET', url: `/v1/tenants/${tenant.id}/api-keys`, headers: bearer(token) });
		expect(response.statusCode).toBe(401);
		expect(response.json().error.code).toBe('token_expired');
	});

	describe('every protected route refuses bad credentials', () => {
		const forge = (secret: string, options: jwt.SignOptions, payload: object = { role: 'platform_admin', typ: 'access', tid: null }) => jwt.sign(payload, secret, options);

		test.each([
			['no credentials', () => ({}), 401, 'unauthorized'],
			['a malformed authorization header', () => ({ authorization: 'Basic abc' }), 401, 'unauthorized'],
			['an unknown API key', () => bearer(`wak_AAAAAAAA_${'A'.repeat(43)}`), 401, 'unauthorized'],
			['a forged JWT', (s: TestService) => bearer(forge('f'.repeat(40), { algorithm: 'HS256', keyid: s.config.jwt.keys[0].kid, subject: 'usr_x', issuer: s.config.jwt.issuer, audience: s.config.jwt.audience })), 401, 'unauthorized'],
			['an expired JWT', (s: TestService) => bearer(forge(s.config.jwt.keys[0].secret, { algorithm: 'HS256', keyid: s.config.jwt.keys[0].kid, subject: 'usr_x', issuer: s.config.jwt.issuer, audience: s.config.jwt.audience, expiresIn: -10 })), 401, 'token_expired'],
			['an alg:none JWT', (s: TestService) => bearer(`${Buffer.from(JSON.stringify({ alg: 'none', kid: s.config.jwt.keys[0].kid })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'usr_x', role: 'platform_admin', typ: 'access', iss: s.config.jwt.issuer, aud: s.config.jwt.audience })).toString('base64url')}.`), 401, 'unauthorized'],
			['a JWT for a user that does not exist', (s: TestService) => bearer(forge(s.config.jwt.keys[0].secret, { algorithm: 'HS256', keyid: s.config.jwt.keys[0].kid, subject: 'usr_ghost', issuer: s.config.jwt.issuer, audience: s.config.jwt.audience })), 401, 'unauthorized'],
		])('%s', async (_name, headers, status, code) => {
			for (const url of ['/v1/me', '/v1/tenants', '/v1/config', '/v1/meta-apps', '/v1/cloud/numbers', '/v1/platform/api-keys']) {
				const response = await service.app.inject({ method: 'GET', url, headers: headers(service) as Record<string, string> });
				expect({ url, status: response.statusCode, code: response.json().error?.code }).toEqual({ url, status, code });
			}
		});

		test('a revoked key stops working at once', async () => {
			const tenant = await createTenantFixture(service, 'Acme Revoke');
			const keys = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${tenant.id}/api-keys`, headers: bearer(tenant.adminKey) })).json().data;
			const reader = keys.find((k: { scopes: string[] }) => k.scopes.length === 1);
			expect((await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(tenant.readerKey) })).statusCode).toBe(200);
			const revoked = await service.app.inject({ method: 'DELETE', url: `/v1/tenants/${tenant.id}/api-keys/${reader.id}`, headers: bearer(tenant.adminKey) });
			expect(revoked.json().revokedAt).toEqual(expect.any(String));
			const after = await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(tenant.readerKey) });
			expect(after.statusCode).toBe(401);
			expect(after.json().error.message).toMatch(/revoked/);
		});

		test("suspending a tenant stops its keys at once, reactivating it lets them in again, deleting it ends them", async () => {
			const tenant = await createTenantFixture(service, 'Acme Suspend');
			const platform = bearer(await service.platformKey());
			const me = async () => (await service.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(tenant.readerKey) })).statusCode;
			expect(await me()).toBe(200);
			await service.app.inject({ method: 'PATCH', url: `/v1/tenants/${tenant.id}`, headers: platform, payload: { status: 'suspended' } });
			expect(await me()).toBe(403);
			await service.app.inject({ method: 'PATCH', url: `/v1/tenants/${tenant.id}`, headers: platform, payload: { status: 'active' } });
			expect(await me()).toBe(200);
			await service.app.inject({ method: 'DELETE', url: `/v1/tenants/${tenant.id}`, headers: platform });
			expect(await me()).toBe(401);
		});

		test('a key without the needed scope gets 403 naming the scope', async () => {
			const tenant = await createTenantFixture(service, 'Acme Scope');
			const response = await service.app.inject({ method: 'POST', url: '/v1/meta-apps', headers: bearer(tenant.readerKey), payload: { appId: '1', appSecret: 'secret-secret' } });
			expect(response.statusCode).toBe(403);
			expect(response.json().error).toMatchObject({ code: 'forbidden', details: { requiredScope: 'admin', grantedScopes: ['read'] } });
		});

		test('API keys are also accepted in X-API-Key', async () => {
			const tenant = await createTenantFixture(service, 'Acme Header');
			const response = await service.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': tenant.readerKey } });
			expect(response.statusCode).toBe(200);
		});
	});
});
