import { serviceError } from '../../support/n8n';
import { byId, FakeAdminWorld, TENANT_ID } from './fakeAdmin';

let world: FakeAdminWorld;
const config = (defaultMode: string | null) => ({
	tenantId: TENANT_ID,
	defaultMode,
	channels: [
		{ channel: 'cloud', enabled: true, configured: true, healthy: true, accounts: [{ id: '106540352242922', healthy: true, state: 'ok' }] },
		{ channel: 'web', enabled: true, configured: false, healthy: false, accounts: [] },
	],
});

beforeAll(async () => {
	world = await FakeAdminWorld.start();
});
afterEach(() => world.service.reset());
afterAll(async () => world.close());

describe('Tenant Admin › Configuration', () => {
	test('get reads /v1/config as the tenant, through X-Tenant-Id', async () => {
		world.service.on('GET', '/v1/config', { json: config('cloud') });
		const run = await world.run({ resource: 'configuration', operation: 'get', tenant: byId(TENANT_ID) });
		expect(world.service.calls('GET', '/v1/config')[0].headers['x-tenant-id']).toBe(TENANT_ID);
		expect(run.json('Admin')).toEqual([config('cloud')]);
	});

	test('set default mode puts the mode and outputs the new configuration', async () => {
		world.service.on('PUT', '/v1/config/default-mode', (request) => ({ json: config((request.body as { mode: string }).mode) }));
		const run = await world.run({ resource: 'configuration', operation: 'setDefaultMode', tenant: byId(TENANT_ID), mode: 'cloud' });
		const [call] = world.service.calls('PUT', '/v1/config/default-mode');
		expect(call.body).toEqual({ mode: 'cloud' });
		expect(call.headers['x-tenant-id']).toBe(TENANT_ID);
		expect(run.json('Admin')[0].defaultMode).toBe('cloud');
	});

	test("a refused switch fails with the service's reason, and Continue On Fail keeps that reason in the item", async () => {
		const reason = 'Cannot switch the default mode to web: The web channel is not configured for this tenant (create and connect a WhatsApp Web session)';
		world.service.on('PUT', '/v1/config/default-mode', serviceError(409, 'conflict', reason, { mode: 'web' }));
		const failed = await world.run({ resource: 'configuration', operation: 'setDefaultMode', tenant: byId(TENANT_ID), mode: 'web' });
		expect(failed.nodeError('Admin')).toMatchObject({ message: reason, httpCode: '409' });
		const continued = await world.run({ resource: 'configuration', operation: 'setDefaultMode', tenant: byId(TENANT_ID), mode: 'web' }, { onError: 'continueRegularOutput' });
		expect(continued.json('Admin')).toEqual([{ error: reason }]);
	});
});
