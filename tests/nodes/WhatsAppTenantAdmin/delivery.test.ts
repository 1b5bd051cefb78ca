import { serviceError } from '../../support/n8n';
import { byId, FakeAdminWorld, TENANT_ID } from './fakeAdmin';

let world: FakeAdminWorld;
const DLQ_ID = 'dlq_01jaaaaaaaaaaaaaaaaaaaaaaa';
const UNR_ID = 'unr_01jaaaaaaaaaaaaaaaaaaaaaaa';
const SUB_ID = 'sub_01jaaaaaaaaaaaaaaaaaaaaaaa';

beforeAll(async () => {
	world = await FakeAdminWorld.start();
});
afterEach(() => world.service.reset());
afterAll(async () => world.close());

describe('Tenant Admin › Webhook & Delivery', () => {
	test('get many unrouted webhooks passes the filters and pages with the last id', async () => {
		const rows = [1, 2, 3].map((n) => ({ id: `unr_01j${String(n).padStart(23, '0')}`, appId: '1', wabaId: '2', phoneNumberId: '3', field: 'messages', reason: 'unknown phone number', receivedAt: 'x', replayedAt: null }));
		world.service.on('GET', '/v1/platform/unrouted-webhooks', (request) => {
			const start = request.query.after ? rows.findIndex((row) => row.id === request.query.after) + 1 : 0;
			const data = rows.slice(start, start + 2);
			return { json: { data, nextCursor: data.length === 2 ? data[1].id : null } };
		});
		const run = await world.run({ resource: 'delivery', operation: 'listUnrouted', returnAll: true, filters: { appId: '1', pending: true } });
		expect(run.json('Admin').map((row) => row.id)).toEqual(rows.map((row) => row.id));
		expect(world.service.requests.map((request) => request.query)).toEqual([
			{ appId: '1', pending: 'true', limit: '500' },
			{ appId: '1', pending: 'true', limit: '500', after: rows[1].id },
		]);
	});

	test('replay unrouted posts the replay and outputs where it went; a still-unrouted change fails with why', async () => {
		world.service.on('POST', '/v1/platform/unrouted-webhooks/:id/replay', { json: { accepted: 1, duplicates: 0, tenants: [TENANT_ID] } });
		const run = await world.run({ resource: 'delivery', operation: 'replayUnrouted', unroutedId: UNR_ID });
		expect(run.json('Admin')).toEqual([{ id: UNR_ID, accepted: 1, duplicates: 0, tenants: [TENANT_ID] }]);

		world.service.on('POST', '/v1/platform/unrouted-webhooks/:id/replay', serviceError(409, 'conflict', 'Still unrouted: phone number 3 is not registered'));
		const refused = await world.run({ resource: 'delivery', operation: 'replayUnrouted', unroutedId: UNR_ID });
		expect(refused.nodeError('Admin')).toMatchObject({ message: 'Still unrouted: phone number 3 is not registered', httpCode: '409' });
	});

	test('an id of the wrong kind is refused naming its field', async () => {
		const run = await world.run({ resource: 'delivery', operation: 'replayDeadLetter', deadLetterId: UNR_ID });
		expect(run.nodeError('Admin')?.message).toBe(`Dead Letter ID: "${UNR_ID}" is not a dlq_… ID`);
		expect(world.service.requests).toHaveLength(0);
	});

	test('get many dead letters filters by tenant and subscription, up to the limit', async () => {
		world.service.on('GET', '/v1/platform/dead-letters', (request) => ({ json: { data: [{ id: DLQ_ID, tenantId: request.query.tenantId, eventId: 'evt_1', eventType: 'message.received', subscriptionId: SUB_ID, attempts: 7, lastError: 'ECONNREFUSED', lastStatus: null, queuedAt: 'x', failedAt: 'y' }], nextCursor: null } }));
		const run = await world.run({ resource: 'delivery', operation: 'listDeadLetters', returnAll: false, limit: 10, filters: { tenantId: TENANT_ID, subscriptionId: SUB_ID } });
		expect(world.service.requests[0].query).toEqual({ tenantId: TENANT_ID, subscriptionId: SUB_ID, limit: '10' });
		expect(run.json('Admin')).toHaveLength(1);
		expect(run.json('Admin')[0]).toMatchObject({ id: DLQ_ID, lastError: 'ECONNREFUSED' });
	});

	test('replay dead letter posts to the platform route', async () => {
		world.service.on('POST', '/v1/platform/dead-letters/:id/replay', { json: { replayed: 1 } });
		const run = await world.run({ resource: 'delivery', operation: 'replayDeadLetter', deadLetterId: DLQ_ID });
		expect(world.service.requests.map((request) => request.path)).toEqual([`/v1/platform/dead-letters/${DLQ_ID}/replay`]);
		expect(run.json('Admin')).toEqual([{ id: DLQ_ID, replayed: 1 }]);
	});

	test("replay all of a tenant's dead letters acts as the tenant, optionally for one subscription", async () => {
		world.service.on('POST', '/v1/dead-letters/replay', { json: { replayed: 3 } });
		const run = await world.run({ resource: 'delivery', operation: 'replayTenantDeadLetters', tenant: byId(TENANT_ID), subscriptionId: SUB_ID });
		const [call] = world.service.calls('POST', '/v1/dead-letters/replay');
		expect(call.headers['x-tenant-id']).toBe(TENANT_ID);
		expect(call.body).toEqual({ subscriptionId: SUB_ID });
		expect(run.json('Admin')).toEqual([{ tenantId: TENANT_ID, subscriptionId: SUB_ID, replayed: 3 }]);

		// Without a subscription the route still gets a JSON object (n8n's helper would drop an empty one).
		await world.run({ resource: 'delivery', operation: 'replayTenantDeadLetters', tenant: byId(TENANT_ID), subscriptionId: '' });
		const [, all] = world.service.calls('POST', '/v1/dead-letters/replay');
		expect(all.headers['content-type']).toBe('application/json');
		expect(all.rawBody.toString()).toBe('{}');
	});
	test("get many subscriptions asks as the tenant for the delivery figures, and can keep only the unhealthy", async () => {
		const figures = (healthy: boolean) => ({ pending: healthy ? 0 : 4, retrying: healthy ? 0 : 1, oldestPendingAt: healthy ? null : 'x', nextRetryAt: healthy ? null : 'y', lastFailure: healthy ? null : { eventId: 'evt_1', attempts: 3, status: 503, error: 'HTTP 503' }, deadLetters: 0, healthy });
		const subscription = (id: string, healthy: boolean) => ({ id, targetUrl: 'http://n8n/webhook', description: null, events: ['*'], channel: null, accounts: [], messageTypes: [], statuses: [], active: true, createdAt: 'c', updatedAt: 'u', delivery: figures(healthy) });
		const OTHER_SUB = 'sub_01jbbbbbbbbbbbbbbbbbbbbbbb';
		world.service.on('GET', '/v1/subscriptions', { json: { data: [subscription(SUB_ID, true), subscription(OTHER_SUB, false)] } });
		const all = await world.run({ resource: 'delivery', operation: 'listSubscriptions', tenant: byId(TENANT_ID), options: {} });
		const [call] = world.service.calls('GET', '/v1/subscriptions');
		expect(call.headers['x-tenant-id']).toBe(TENANT_ID);
		expect(call.query).toEqual({ delivery: 'true' });
		expect(all.json('Admin').map((row) => [row.tenantId, row.id, (row.delivery as { healthy: boolean }).healthy])).toEqual([
			[TENANT_ID, SUB_ID, true],
			[TENANT_ID, OTHER_SUB, false],
		]);

		const failing = await world.run({ resource: 'delivery', operation: 'listSubscriptions', tenant: byId(TENANT_ID), options: { onlyActive: true, onlyUnhealthy: true } });
		expect(world.service.calls('GET', '/v1/subscriptions')[1].query).toEqual({ delivery: 'true', active: 'true' });
		expect(failing.json('Admin')).toEqual([{ tenantId: TENANT_ID, ...subscription(OTHER_SUB, false) }]);
	});
});
