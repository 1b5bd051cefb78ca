import { apiKey, byId, FakeAdminWorld, TENANT_ID } from './fakeAdmin';

let world: FakeAdminWorld;
const KEY_ID = 'key_01jaaaaaaaaaaaaaaaaaaaaaaa';

beforeAll(async () => {
	world = await FakeAdminWorld.start();
});
afterEach(() => world.service.reset());
afterAll(async () => world.close());

describe('Tenant Admin › API Key', () => {
	test('create sends name, scopes and expiry, and outputs the key once beside its record', async () => {
		world.service.on('POST', '/v1/tenants/:id/api-keys', (request) => ({ status: 201, json: { apiKey: apiKey(request.body as Record<string, never>), key: 'wak_ab12_fresh' } }));
		const run = await world.run({ resource: 'apiKey', operation: 'create', tenant: byId(TENANT_ID), name: 'n8n production', scopes: ['read', 'send', 'admin'], options: { expiresAt: '2027-01-31T12:00:00.000Z' } });
		expect(world.service.calls('POST', `/v1/tenants/${TENANT_ID}/api-keys`)[0].body).toEqual({ name: 'n8n production', scopes: ['read', 'send', 'admin'], expiresAt: '2027-01-31T12:00:00.000Z' });
		expect(run.json('Admin')).toEqual([{ ...apiKey({ name: 'n8n production', scopes: ['read', 'send', 'admin'], expiresAt: '2027-01-31T12:00:00.000Z' }), key: 'wak_ab12_fresh' }]);
	});

	test('create without scopes fails naming Scopes', async () => {
		const run = await world.run({ resource: 'apiKey', operation: 'create', tenant: byId(TENANT_ID), name: 'x', scopes: '={{ [] }}' });
		expect(run.nodeError('Admin')?.message).toBe('Scopes: choose at least one scope');
		expect(world.service.requests).toHaveLength(0);
	});

	test('get many hides revoked keys unless asked', async () => {
		world.service.on('GET', '/v1/tenants/:id/api-keys', { json: { data: [apiKey(), apiKey({ id: 'key_01jbbbbbbbbbbbbbbbbbbbbbbb', revokedAt: '2026-11-27T11:00:00.000Z' })] } });
		const live = await world.run({ resource: 'apiKey', operation: 'list', tenant: byId(TENANT_ID) });
		expect(live.json('Admin').map((key) => key.id)).toEqual([KEY_ID]);
		const all = await world.run({ resource: 'apiKey', operation: 'list', tenant: byId(TENANT_ID), options: { includeRevoked: true } });
		expect(all.json('Admin')).toHaveLength(2);
	});

	test('rotate posts to the key and outputs the new key with the id it replaced', async () => {
		world.service.on('POST', '/v1/tenants/:id/api-keys/:keyId/rotate', { status: 201, json: { apiKey: apiKey({ id: 'key_01jcccccccccccccccccccccccc' }), key: 'wak_cd34_rotated' } });
		const run = await world.run({ resource: 'apiKey', operation: 'rotate', tenant: byId(TENANT_ID), apiKey: byId(KEY_ID) });
		expect(world.service.calls('POST', `/v1/tenants/${TENANT_ID}/api-keys/${KEY_ID}/rotate`)).toHaveLength(1);
		expect(run.json('Admin')).toEqual([{ ...apiKey({ id: 'key_01jcccccccccccccccccccccccc' }), key: 'wak_cd34_rotated', replacedKeyId: KEY_ID }]);
	});

	test('revoke deletes the key and outputs its record with the revocation time', async () => {
		world.service.on('DELETE', '/v1/tenants/:id/api-keys/:keyId', { json: apiKey({ revokedAt: '2026-11-27T12:00:00.000Z' }) });
		const run = await world.run({ resource: 'apiKey', operation: 'revoke', tenant: byId(TENANT_ID), apiKey: byId(KEY_ID) });
		expect(world.service.calls('DELETE', `/v1/tenants/${TENANT_ID}/api-keys/${KEY_ID}`)).toHaveLength(1);
		expect(run.json('Admin')[0].revokedAt).toBe('2026-11-27T12:00:00.000Z');
		expect(run.json('Admin')[0].key).toBeUndefined();
	});

	test('a key itself given where its id belongs is refused naming the API Key field', async () => {
		const run = await world.run({ resource: 'apiKey', operation: 'revoke', tenant: byId(TENANT_ID), apiKey: byId('={{ "wak_ab12_secret" }}') });
		expect(run.nodeError('Admin')?.message).toBe('API Key: "wak_ab12_secret" is not an API key ID');
		expect(world.service.requests).toHaveLength(0);
	});

	test("the key list search offers the chosen tenant's live keys, and nothing before a tenant is chosen", async () => {
		world.service.on('GET', '/v1/tenants/:id/api-keys', { json: { data: [apiKey(), apiKey({ id: 'key_01jbbbbbbbbbbbbbbbbbbbbbbb', name: 'old', revokedAt: '2026-11-27T11:00:00.000Z' })] } });
		const { searchApiKeys } = world.node.methods.listSearch;
		const chosen = await searchApiKeys.call(world.editing({ resource: 'apiKey', operation: 'rotate', tenant: byId(TENANT_ID) }));
		expect(chosen.results).toEqual([{ name: 'n8n (wak_ab12… · read, send)', value: KEY_ID }]);
		const none = await searchApiKeys.call(world.editing({ resource: 'apiKey', operation: 'rotate', tenant: { __rl: true, mode: 'list', value: '' } }));
		expect(none.results).toEqual([]);
		expect(world.service.calls('GET', `/v1/tenants/${TENANT_ID}/api-keys`)).toHaveLength(1);
	});
});
