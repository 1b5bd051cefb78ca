import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, startTestService, TEST_PASSWORD, type TenantFixture, type TestService } from '../../support/testService';

/**
 * Every protected route, called by tenant A against tenant B, must answer 404 (or 403) and return nothing of B.
 * The table must cover every secured operation in the OpenAPI document: a new route that does not join it fails.
 */

interface World {
	a: TenantFixture;
	b: TenantFixture & { userId: string; keyId: string; appId: string; phoneNumberId: string; name: string };
}

interface Probe {
	/** "METHOD /openapi/{path}" */
	route: string;
	/** URL aimed at B's resources (ids in the path), or a tenant-implicit URL probed with X-Tenant-Id: B. */
	url: (w: World) => string;
	body?: (w: World) => unknown;
	/** The route has no tenant id in its path: probe it with A's key and X-Tenant-Id naming B. */
	viaHeader?: boolean;
	/** Platform-only: tenant keys get 403 whatever they name. */
	platformOnly?: boolean;
}

export const PROBES: Probe[] = [
	{ route: 'GET /v1/me', url: () => '/v1/me', viaHeader: true },
	{ route: 'GET /v1/tenants', url: () => '/v1/tenants', viaHeader: true },
	{ route: 'POST /v1/tenants', url: () => '/v1/tenants', body: () => ({ name: 'x' }), platformOnly: true },
	{ route: 'GET /v1/tenants/{tenantId}', url: (w) => `/v1/tenants/${w.b.id}` },
	{ route: 'PATCH /v1/tenants/{tenantId}', url: (w) => `/v1/tenants/${w.b.id}`, body: () => ({ name: 'hijacked' }) },
	{ route: 'DELETE /v1/tenants/{tenantId}', url: (w) => `/v1/tenants/${w.b.id}`, platformOnly: true },
	{ route: 'GET /v1/tenants/{tenantId}/users', url: (w) => `/v1/tenants/${w.b.id}/users` },
	{ route: 'POST /v1/tenants/{tenantId}/users', url: (w) => `/v1/tenants/${w.b.id}/users`, body: () => ({ email: 'intruder@a.test', password: TEST_PASSWORD, role: 'tenant_admin' }) },
	{ route: 'PATCH /v1/tenants/{tenantId}/users/{userId}', url: (w) => `/v1/tenants/${w.b.id}/users/${w.b.userId}`, body: () => ({ role: 'member' }) },
	{ route: 'DELETE /v1/tenants/{tenantId}/users/{userId}', url: (w) => `/v1/tenants/${w.b.id}/users/${w.b.userId}` },
	{ route: 'GET /v1/tenants/{tenantId}/api-keys', url: (w) => `/v1/tenants/${w.b.id}/api-keys` },
	{ route: 'POST /v1/tenants/{tenantId}/api-keys', url: (w) => `/v1/tenants/${w.b.id}/api-keys`, body: () => ({ name: 'x', scopes: ['read'] }) },
	{ route: 'POST /v1/tenants/{tenantId}/api-keys/{keyId}/rotate', url: (w) => `/v1/tenants/${w.b.id}/api-keys/${w.b.keyId}/rotate` },
	{ route: 'DELETE /v1/tenants/{tenantId}/api-keys/{keyId}', url: (w) => `/v1/tenants/${w.b.id}/api-keys/${w.b.keyId}` },
	{ route: 'GET /v1/platform/api-keys', url: () => '/v1/platform/api-keys', platformOnly: true },
	{ route: 'POST /v1/platform/api-keys', url: () => '/v1/platform/api-keys', body: () => ({ name: 'x', scopes: ['read'] }), platformOnly: true },
	{ route: 'DELETE /v1/platform/api-keys/{keyId}', url: (w) => `/v1/platform/api-keys/${w.b.keyId}`, platformOnly: true },
	{ route: 'GET /v1/config', url: () => '/v1/config', viaHeader: true },
	{ route: 'PUT /v1/config/default-mode', url: () => '/v1/config/default-mode', body: () => ({ mode: 'cloud' }), viaHeader: true },
	{ route: 'GET /v1/meta-apps', url: () => '/v1/meta-apps', viaHeader: true },
	{ route: 'POST /v1/meta-apps', url: () => '/v1/meta-apps', body: () => ({ appId: '77', appSecret: 'intruder-secret' }), viaHeader: true },
	{ route: 'GET /v1/meta-apps/{appId}', url: (w) => `/v1/meta-apps/${w.b.appId}` },
	{ route: 'PATCH /v1/meta-apps/{appId}', url: (w) => `/v1/meta-apps/${w.b.appId}`, body: () => ({ appSecret: 'intruder-secret' }) },
	{ route: 'DELETE /v1/meta-apps/{appId}', url: (w) => `/v1/meta-apps/${w.b.appId}` },
	{ route: 'GET /v1/cloud/numbers', url: () => '/v1/cloud/numbers', viaHeader: true },
	{ route: 'POST /v1/cloud/numbers', url: () => '/v1/cloud/numbers', body: (w) => ({ phoneNumberId: '999', wabaId: '1', metaAppId: w.b.appId, accessToken: 'intruder-token' }), viaHeader: true },
	{ route: 'GET /v1/cloud/numbers/{phoneNumberId}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}` },
	{ route: 'PATCH /v1/cloud/numbers/{phoneNumberId}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}`, body: () => ({ throughputPerSecond: 1 }) },
	{ route: 'DELETE /v1/cloud/numbers/{phoneNumberId}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}` },
];

/** Routes anyone may call (they prove identity some other way, or expose nothing). */
const PUBLIC_ROUTES = new Set(['GET /healthz', 'GET /readyz', 'POST /v1/auth/login', 'POST /v1/auth/bootstrap']);

async function arrangeWorld(service: TestService): Promise<World> {
	const a = await createTenantFixture(service, 'Tenant A');
	const b = await createTenantFixture(service, 'Tenant Bee Secretive');
	const admin = bearer(b.adminKey);
	const user = await service.app.inject({ method: 'POST', url: `/v1/tenants/${b.id}/users`, headers: admin, payload: { email: 'b-user@b.test', password: TEST_PASSWORD, role: 'member' } });
	const keys = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${b.id}/api-keys`, headers: admin })).json().data;
	await service.app.inject({ method: 'POST', url: '/v1/meta-apps', headers: admin, payload: { appId: '5550001', appSecret: 'b-app-secret-value' } });
	await service.app.inject({ method: 'POST', url: '/v1/cloud/numbers', headers: admin, payload: { phoneNumberId: '6660001', wabaId: '7770001', metaAppId: '5550001', accessToken: 'b-access-token-value' } });
	return { a, b: { ...b, name: 'Tenant Bee Secretive', userId: user.json().id, keyId: keys[0].id, appId: '5550001', phoneNumberId: '6660001' } };
}

describe.each(testDialects())('cross-tenant probe on %s', (dialect) => {
	let service: TestService;
	let world: World;
	beforeAll(async () => {
		service = await startTestService(dialect);
		world = await arrangeWorld(service);
	});
	afterAll(() => service.stop());

	test('the probe table covers every secured route in the OpenAPI document', async () => {
		const doc = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
		const documented: string[] = [];
		for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
			for (const method of Object.keys(operations)) documented.push(`${method.toUpperCase()} ${path}`);
		}
		const probed = new Set(PROBES.map((p) => p.route));
		const missing = documented.filter((route) => !probed.has(route) && !PUBLIC_ROUTES.has(route));
		expect(missing).toEqual([]);
	});

	test.each(PROBES.map((probe) => [probe.route, probe] as const))('%s answers 404/403 to another tenant and leaks nothing', async (_route, probe) => {
		const headers = { ...bearer(world.a.adminKey), ...(probe.viaHeader ? { 'x-tenant-id': world.b.id } : {}) };
		const body = probe.body?.(world);
		const response = await service.app.inject({ method: probe.route.split(' ')[0] as 'GET', url: probe.url(world), headers, ...(body !== undefined ? { payload: body as object } : {}) });
		expect(probe.platformOnly ? [403] : [404]).toContain(response.statusCode);
		for (const secret of [world.b.name, world.b.userId, world.b.keyId, 'b-app-secret-value', 'b-access-token-value', 'b-user@b.test', world.b.adminKey]) {
			expect(response.body).not.toContain(secret);
		}
	});

	test("B's data is unchanged after the probes", async () => {
		const admin = bearer(world.b.adminKey);
		const tenant = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${world.b.id}`, headers: admin })).json();
		expect(tenant.name).toBe(world.b.name);
		const users = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${world.b.id}/users`, headers: admin })).json().data;
		expect(users.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([['b-user@b.test', 'member']]);
		const numbers = (await service.app.inject({ method: 'GET', url: '/v1/cloud/numbers', headers: admin })).json().data;
		expect(numbers.map((n: { phoneNumberId: string; throughputPerSecond: number }) => [n.phoneNumberId, n.throughputPerSecond])).toEqual([['6660001', 80]]);
		const keys = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${world.b.id}/api-keys`, headers: admin })).json().data;
		expect(keys.every((k: { revokedAt: string | null }) => k.revokedAt === null)).toBe(true);
		expect((await service.app.inject({ method: 'GET', url: '/v1/meta-apps', headers: bearer(world.a.adminKey) })).json().data).toEqual([]);
	});
});
