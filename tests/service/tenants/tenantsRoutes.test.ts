import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, startTestService, TEST_PASSWORD, type TestService } from '../../support/testService';

describe.each(testDialects())('tenants, users and API keys on %s', (dialect) => {
	let service: TestService;
	let platform: Record<string, string>;
	beforeAll(async () => {
		service = await startTestService(dialect);
		platform = bearer(await service.platformKey());
	});
	afterAll(() => service.stop());

	const inject = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
		service.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

	test('platform admins create, list, rename, suspend and delete tenants', async () => {
		const created = await inject('POST', '/v1/tenants', platform, { name: 'Café Ünïcode & Co' });
		expect(created.statusCode).toBe(201);
		expect(created.json()).toMatchObject({ name: 'Café Ünïcode & Co', slug: 'cafe-unicode-co', status: 'active', defaultMode: null });
		const id = created.json().id;

		const duplicate = await inject('POST', '/v1/tenants', platform, { name: 'Other', slug: 'cafe-unicode-co' });
		expect(duplicate.statusCode).toBe(409);
		const sameName = await inject('POST', '/v1/tenants', platform, { name: 'Café Ünïcode & Co' });
		expect(sameName.json().slug).toMatch(/^cafe-unicode-co-[a-z0-9]+$/);

		const list = await inject('GET', '/v1/tenants?limit=1', platform);
		expect(list.json().data).toHaveLength(1);
		expect(list.json().nextCursor).toEqual(expect.any(String));
		const next = await inject('GET', `/v1/tenants?limit=1&after=${list.json().nextCursor}`, platform);
		expect(next.json().data[0].id).not.toBe(list.json().data[0].id);

		const renamed = await inject('PATCH', `/v1/tenants/${id}`, platform, { name: 'Renamed', status: 'suspended' });
		expect(renamed.json()).toMatchObject({ name: 'Renamed', status: 'suspended' });
		expect((await inject('DELETE', `/v1/tenants/${id}`, platform)).statusCode).toBe(204);
		expect((await inject('GET', `/v1/tenants/${id}`, platform)).statusCode).toBe(404);
	});

	test('tenant create validates its body and names each field', async () => {
		const response = await inject('POST', '/v1/tenants', platform, { name: '', slug: 'Bad Slug!', color: 'red' });
		expect(response.statusCode).toBe(400);
		expect(response.json().error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.color', 'body.name', 'body.slug']);
	});

	test('tenant callers see only their own tenant and cannot create, suspend or delete tenants', async () => {
		const tenant = await createTenantFixture(service, 'Own Tenant');
		const list = await inject('GET', '/v1/tenants', bearer(tenant.readerKey));
		expect(list.json().data.map((t: { id: string }) => t.id)).toEqual([tenant.id]);
		expect((await inject('POST', '/v1/tenants', bearer(tenant.adminKey), { name: 'x' })).statusCode).toBe(403);
		expect((await inject('PATCH', `/v1/tenants/${tenant.id}`, bearer(tenant.adminKey), { status: 'suspended' })).statusCode).toBe(403);
		expect((await inject('PATCH', `/v1/tenants/${tenant.id}`, bearer(tenant.adminKey), { name: 'Renamed by admin' })).json().name).toBe('Renamed by admin');
		expect((await inject('PATCH', `/v1/tenants/${tenant.id}`, bearer(tenant.senderKey), { name: 'nope' })).statusCode).toBe(403);
		expect((await inject('DELETE', `/v1/tenants/${tenant.id}`, bearer(tenant.adminKey))).statusCode).toBe(403);
	});

	test('users: create, list, update and delete, with duplicate emails and weak passwords refused', async () => {
		const tenant = await createTenantFixture(service, 'Users Tenant');
		const headers = bearer(tenant.adminKey);
		const created = await inject('POST', `/v1/tenants/${tenant.id}/users`, headers, { email: 'Ann@Users.test', password: TEST_PASSWORD, role: 'tenant_admin', name: 'Ann' });
		expect(created.statusCode).toBe(201);
		expect(created.json()).toMatchObject({ email: 'ann@users.test', role: 'tenant_admin', tenantId: tenant.id, disabled: false });
		expect(created.json()).not.toHaveProperty('passwordHash');
		expect(created.body).not.toContain('scrypt');

		expect((await inject('POST', `/v1/tenants/${tenant.id}/users`, headers, { email: 'ann@users.test', password: TEST_PASSWORD, role: 'member' })).statusCode).toBe(409);
		const weak = await inject('POST', `/v1/tenants/${tenant.id}/users`, headers, { email: 'bob@users.test', password: 'short', role: 'member' });
		expect(weak.json().error.details.fields).toEqual([{ field: 'body.password', message: 'must be at least 12 characters' }]);
		const badRole = await inject('POST', `/v1/tenants/${tenant.id}/users`, headers, { email: 'bob@users.test', password: TEST_PASSWORD, role: 'platform_admin' });
		expect(badRole.statusCode).toBe(400);

		const list = await inject('GET', `/v1/tenants/${tenant.id}/users`, headers);
		expect(list.json().data).toHaveLength(1);
		const updated = await inject('PATCH', `/v1/tenants/${tenant.id}/users/${created.json().id}`, headers, { role: 'member', name: 'Ann B' });
		expect(updated.json()).toMatchObject({ role: 'member', name: 'Ann B' });
		expect((await inject('DELETE', `/v1/tenants/${tenant.id}/users/${created.json().id}`, headers)).statusCode).toBe(204);
		expect((await inject('DELETE', `/v1/tenants/${tenant.id}/users/${created.json().id}`, headers)).statusCode).toBe(404);
	});

	test('API keys: shown once, listed without the secret, rotated, revoked; scopes cannot be escalated', async () => {
		const tenant = await createTenantFixture(service, 'Keys Tenant');
		const headers = bearer(tenant.adminKey);
		const created = await inject('POST', `/v1/tenants/${tenant.id}/api-keys`, headers, { name: 'n8n prod', scopes: ['read', 'send'] });
		expect(created.statusCode).toBe(201);
		const { key, apiKey } = created.json();
		expect(key).toMatch(/^wak_/);
		expect(apiKey).toMatchObject({ name: 'n8n prod', scopes: ['read', 'send'], prefix: key.slice(4, 12), revokedAt: null, lastUsedAt: null });

		const listed = await inject('GET', `/v1/tenants/${tenant.id}/api-keys`, headers);
		expect(listed.body).not.toContain(key);
		expect(listed.json().data.map((k: { name: string }) => k.name)).toContain('n8n prod');

		await inject('GET', '/v1/me', bearer(key));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const used = (await inject('GET', `/v1/tenants/${tenant.id}/api-keys`, headers)).json().data.find((k: { id: string }) => k.id === apiKey.id);
		expect(used.lastUsedAt).toEqual(expect.any(String));

		const rotated = await inject('POST', `/v1/tenants/${tenant.id}/api-keys/${apiKey.id}/rotate`, headers);
		expect(rotated.statusCode).toBe(201);
		expect(rotated.json().apiKey).toMatchObject({ name: 'n8n prod', scopes: ['read', 'send'] });
		expect((await inject('GET', '/v1/me', bearer(key))).statusCode).toBe(401);
		expect((await inject('GET', '/v1/me', bearer(rotated.json().key))).statusCode).toBe(200);

		const sender = await createTenantFixture(service, 'Escalation Tenant');
		const escalate = await inject('POST', `/v1/tenants/${sender.id}/api-keys`, bearer(sender.senderKey), { name: 'x', scopes: ['admin'] });
		expect(escalate.statusCode).toBe(403);
		const badScope = await inject('POST', `/v1/tenants/${tenant.id}/api-keys`, headers, { name: 'x', scopes: ['root'] });
		expect(badScope.statusCode).toBe(400);
		expect(badScope.json().error.details.fields[0].field).toMatch(/^body\.scopes/);
	});

	test('expired keys are refused', async () => {
		const tenant = await createTenantFixture(service, 'Expiry Tenant');
		const created = await inject('POST', `/v1/tenants/${tenant.id}/api-keys`, bearer(tenant.adminKey), { name: 'short-lived', scopes: ['read'], expiresAt: new Date(Date.now() - 1000).toISOString() });
		const response = await inject('GET', '/v1/me', bearer(created.json().key));
		expect(response.statusCode).toBe(401);
		expect(response.json().error.message).toMatch(/expired/);
	});

	test('platform keys are managed by platform admins only and act on a tenant named in X-Tenant-Id', async () => {
		const created = await inject('POST', '/v1/platform/api-keys', platform, { name: 'admin node', scopes: ['read', 'send', 'admin'] });
		expect(created.statusCode).toBe(201);
		const platformKey = created.json().key;
		const tenant = await createTenantFixture(service, 'Acted On');
		const withoutTenant = await inject('GET', '/v1/config', bearer(platformKey));
		expect(withoutTenant.statusCode).toBe(400);
		expect(withoutTenant.json().error.details.fields[0].field).toBe('headers.x-tenant-id');
		const config = await inject('GET', '/v1/config', { ...bearer(platformKey), 'x-tenant-id': tenant.id });
		expect(config.json().tenantId).toBe(tenant.id);
		expect((await inject('GET', '/v1/platform/api-keys', bearer(tenant.adminKey))).statusCode).toBe(403);
		expect((await inject('DELETE', `/v1/platform/api-keys/${created.json().apiKey.id}`, platform)).json().revokedAt).toEqual(expect.any(String));
	});

	test('a suspended tenant’s keys are refused until it is reactivated', async () => {
		const tenant = await createTenantFixture(service, 'Suspended Tenant');
		await inject('PATCH', `/v1/tenants/${tenant.id}`, platform, { status: 'suspended' });
		const refused = await inject('GET', '/v1/me', bearer(tenant.readerKey));
		expect(refused.statusCode).toBe(403);
		expect(refused.json().error.message).toMatch(/suspended/);
		await inject('PATCH', `/v1/tenants/${tenant.id}`, platform, { status: 'active' });
		expect((await inject('GET', '/v1/me', bearer(tenant.readerKey))).statusCode).toBe(200);
	});

	test('deleting a tenant removes its users and keys', async () => {
		const tenant = await createTenantFixture(service, 'Doomed');
		await inject('POST', `/v1/tenants/${tenant.id}/users`, bearer(tenant.adminKey), { email: 'gone@doomed.test', password: TEST_PASSWORD, role: 'member' });
		await inject('DELETE', `/v1/tenants/${tenant.id}`, platform);
		expect((await inject('GET', '/v1/me', bearer(tenant.adminKey))).statusCode).toBe(401);
		const leftovers = await service.ctx.storage.db.selectFrom('users').select('id').where('tenant_id', '=', tenant.id).execute();
		expect(leftovers).toHaveLength(0);
	});
});
