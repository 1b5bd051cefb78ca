import { serviceError } from '../../support/n8n';
import { apiKey, byId, FakeAdminWorld, PLATFORM_KEY, tenant, TENANT_ID } from './fakeAdmin';

let world: FakeAdminWorld;

beforeAll(async () => {
	world = await FakeAdminWorld.start();
});
afterEach(() => world.service.reset());
afterAll(async () => world.close());

describe('Tenant Admin › Tenant', () => {
	test('create posts the name and slug with the platform key and outputs the tenant paired with its item', async () => {
		world.service.on('POST', '/v1/tenants', (request) => ({ status: 201, json: tenant({ name: (request.body as { name: string }).name, slug: (request.body as { slug: string }).slug }) }));
		const run = await world.run({ resource: 'tenant', operation: 'create', name: '  Acme  ', options: { slug: 'acme-eu' } });
		const [call] = world.service.calls('POST', '/v1/tenants');
		expect(call.body).toEqual({ name: 'Acme', slug: 'acme-eu' });
		expect(call.headers.authorization).toBe(`Bearer ${PLATFORM_KEY}`);
		expect(call.headers['x-tenant-id']).toBeUndefined();
		expect(run.items('Admin')).toEqual([{ json: tenant({ slug: 'acme-eu' }), pairedItem: { item: 0 } }]);
	});

	test('create with key scopes also mints the first API key and outputs it once, beside the tenant', async () => {
		world.service.on('POST', '/v1/tenants', { status: 201, json: tenant() });
		world.service.on('POST', `/v1/tenants/${TENANT_ID}/api-keys`, (request) => ({ status: 201, json: { apiKey: apiKey({ scopes: (request.body as { scopes: string[] }).scopes }), key: 'wak_ab12_secret' } }));
		const run = await world.run({ resource: 'tenant', operation: 'create', name: 'Acme', options: { apiKeyScopes: ['read', 'send'] } });
		expect(world.service.calls('POST', `/v1/tenants/${TENANT_ID}/api-keys`)[0].body).toEqual({ name: 'acme (created with the tenant)', scopes: ['read', 'send'] });
		expect(run.json('Admin')).toEqual([{ ...tenant(), apiKey: apiKey(), key: 'wak_ab12_secret' }]);
	});

	test('get many follows the cursor until the limit and sends no more than it needs', async () => {
		const all = Array.from({ length: 5 }, (_, index) => tenant({ id: `ten_01j${String(index).padStart(23, '0')}`, slug: `t${index}` }));
		world.service.on('GET', '/v1/tenants', (request) => {
			const start = request.query.after ? all.findIndex((entry) => entry.id === request.query.after) + 1 : 0;
			const data = all.slice(start, start + Math.min(Number(request.query.limit), 2));
			return { json: { data, nextCursor: start + data.length < all.length ? data.at(-1)?.id : null } };
		});
		const limited = await world.run({ resource: 'tenant', operation: 'list', returnAll: false, limit: 3 });
		expect(limited.json('Admin').map((entry) => entry.slug)).toEqual(['t0', 't1', 't2']);
		expect(world.service.calls('GET', '/v1/tenants').map((request) => request.query)).toEqual([{ limit: '3' }, { limit: '1', after: all[1].id }]);

		world.service.requests.length = 0;
		const everything = await world.run({ resource: 'tenant', operation: 'list', returnAll: true });
		expect(everything.json('Admin')).toHaveLength(5);
		expect(world.service.calls('GET', '/v1/tenants')).toHaveLength(3);
	});

	test('get reads the tenant named by the locator', async () => {
		world.service.on('GET', '/v1/tenants/:id', (request) => ({ json: tenant({ id: request.params.id }) }));
		const run = await world.run({ resource: 'tenant', operation: 'get', tenant: byId(TENANT_ID) });
		expect(run.json('Admin')).toEqual([tenant()]);
	});

	test('update sends only the fields given', async () => {
		world.service.on('PATCH', '/v1/tenants/:id', (request) => ({ json: tenant(request.body as Record<string, never>) }));
		const run = await world.run({ resource: 'tenant', operation: 'update', tenant: byId(TENANT_ID), updateFields: { name: 'Acme GmbH', status: 'suspended' } });
		expect(world.service.calls('PATCH', `/v1/tenants/${TENANT_ID}`)[0].body).toEqual({ name: 'Acme GmbH', status: 'suspended' });
		expect(run.json('Admin')[0]).toMatchObject({ name: 'Acme GmbH', status: 'suspended' });
	});

	test('update without fields fails naming Update Fields, before any request', async () => {
		const run = await world.run({ resource: 'tenant', operation: 'update', tenant: byId(TENANT_ID), updateFields: {} });
		expect(run.nodeError('Admin')?.message).toMatch(/^Update Fields: /);
		expect(world.service.requests).toHaveLength(0);
	});

	test('delete answers with the id it deleted', async () => {
		world.service.on('DELETE', '/v1/tenants/:id', { status: 204 });
		const run = await world.run({ resource: 'tenant', operation: 'delete', tenant: byId(TENANT_ID) });
		expect(world.service.calls('DELETE', `/v1/tenants/${TENANT_ID}`)).toHaveLength(1);
		expect(run.json('Admin')).toEqual([{ id: TENANT_ID, deleted: true }]);
	});

	test('a malformed tenant id from an expression is refused naming the Tenant field, and nothing is sent', async () => {
		// Typed ids are checked by n8n's own validation; ids that arrive through expressions are checked by the node.
		const run = await world.run({ resource: 'tenant', operation: 'get', tenant: byId('={{ "acme" }}') });
		expect(run.nodeError('Admin')?.message).toBe('Tenant: "acme" is not a tenant ID');
		expect(world.service.requests).toHaveLength(0);
	});

	test("the service's error becomes the node's message; with Continue On Fail each failed item is an error item of its own", async () => {
		world.service.on('GET', '/v1/tenants/:id', (request) => (request.params.id === TENANT_ID ? { json: tenant() } : serviceError(404, 'not_found', `Tenant ${request.params.id} not found`)));
		const parameters = { resource: 'tenant', operation: 'get', tenant: byId('={{ $json.id }}') };
		const items = [{ id: TENANT_ID }, { id: 'ten_01jmissingmissingmissing00' }];
		const failing = await world.run(parameters, { items });
		expect(failing.nodeError('Admin')).toMatchObject({ message: 'Tenant ten_01jmissingmissingmissing00 not found', httpCode: '404' });

		const continuing = await world.run(parameters, { items, onError: 'continueRegularOutput' });
		expect(continuing.items('Admin')).toEqual([
			{ json: tenant(), pairedItem: { item: 0 } },
			{ json: { error: 'Tenant ten_01jmissingmissingmissing00 not found' }, pairedItem: { item: 1 } },
		]);
	});
});
