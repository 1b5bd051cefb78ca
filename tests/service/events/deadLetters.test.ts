import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../support/testService';
import { countRows, Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

const message = (id: string, peer: string): NormalizedMessage => ({ id, channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: 'acct-dl' }, chatId: peer, from: peer, to: 'acct-dl', timestamp: new Date().toISOString(), type: 'text', text: { body: id } });

describe.each(testDialects())('dead letters on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let other: TenantFixture;
	let sink: Sink;
	let subscriptionId: string;
	beforeAll(async () => {
		// Deliveries are given up after one second of failing.
		service = await startEventsService(dialect, { EVENT_MAX_AGE_SECONDS: '1' });
		tenant = await createTenantFixture(service, 'Dead Letters');
		other = await createTenantFixture(service, 'Other');
		sink = await new Sink().start();
		sink.status = 500;
		subscriptionId = (await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] })).id;
	});
	afterAll(async () => {
		await service.stop();
		await sink.stop();
	});

	test('deliveries failing past the maximum age are dead-lettered, and the rest of their chain moves on', async () => {
		const scope = systemScope(tenant.id, 'test');
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: message('wamid.DL1', 'p1') }, { kind: 'message', scope, message: message('wamid.DL2', 'p1') }]);
		await waitFor(async () => (await countRows(service, 'dead_letters')) === 2, 10_000, 'two dead letters');
		const listed = await service.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: bearer(tenant.readerKey) });
		expect(listed.statusCode).toBe(200);
		const data = listed.json().data;
		expect(data).toHaveLength(2);
		expect(data[0]).toMatchObject({ tenantId: tenant.id, eventType: 'message.received', subscriptionId, lastStatus: 500 });
		expect(data[0].attempts).toBeGreaterThanOrEqual(1);
		expect(data[0].lastError).toMatch(/HTTP 500.*maximum age/);
		expect(await countRows(service, 'outbox')).toBe(0);
		expect((await service.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: bearer(other.readerKey) })).json().data).toEqual([]);
		const platform = await service.app.inject({ method: 'GET', url: `/v1/platform/dead-letters?tenantId=${tenant.id}`, headers: bearer(await service.platformKey()) });
		expect(platform.json().data).toHaveLength(2);
		expect((await service.app.inject({ method: 'GET', url: '/v1/platform/dead-letters', headers: bearer(tenant.adminKey) })).statusCode).toBe(403);
		const metrics = (await service.app.inject({ method: 'GET', url: '/metrics' })).body;
		expect(metrics).toMatch(/wa_event_dead_letters_total 2/);
		expect(metrics).toMatch(/wa_dead_letters 2/);
	});

	test('replaying delivers with the same event ids, in order; other tenants cannot replay them', async () => {
		const dead = (await service.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: bearer(tenant.readerKey) })).json().data as Array<{ id: string; eventId: string }>;
		expect((await service.app.inject({ method: 'POST', url: `/v1/dead-letters/${dead[0]?.id}/replay`, headers: bearer(other.senderKey) })).statusCode).toBe(404);
		sink.status = 200;
		const replayOne = await service.app.inject({ method: 'POST', url: `/v1/dead-letters/${dead[0]?.id}/replay`, headers: bearer(tenant.senderKey) });
		expect(replayOne.json()).toEqual({ replayed: 1 });
		const replayRest = await service.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: bearer(tenant.senderKey), payload: { subscriptionId } });
		expect(replayRest.json()).toEqual({ replayed: 1 });
		await waitFor(() => sink.received.length === 2, 5_000, 'replayed deliveries');
		expect(sink.received.map((d) => d.event.id)).toEqual(dead.map((d) => d.eventId));
		expect(sink.received.map((d) => d.event.data.id)).toEqual(['wamid.DL1', 'wamid.DL2']);
		expect(await countRows(service, 'dead_letters')).toBe(0);
	});

	test('a platform admin replays any tenant’s dead letter; a discarded one is gone', async () => {
		sink.status = 410;
		const scope = systemScope(tenant.id, 'test');
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: message('wamid.DL3', 'p2') }, { kind: 'message', scope, message: message('wamid.DL4', 'p3') }]);
		// 410 Gone is final: dead at once.
		await waitFor(async () => (await countRows(service, 'dead_letters')) === 2, 5_000, 'gone deliveries');
		const dead = (await service.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: bearer(tenant.readerKey) })).json().data as Array<{ id: string; attempts: number; lastError: string }>;
		expect(dead.every((d) => d.attempts === 1 && /410 Gone/.test(d.lastError))).toBe(true);
		sink.status = 200;
		const replay = await service.app.inject({ method: 'POST', url: `/v1/platform/dead-letters/${dead[0]?.id}/replay`, headers: bearer(await service.platformKey()) });
		expect(replay.json()).toEqual({ replayed: 1 });
		expect((await service.app.inject({ method: 'DELETE', url: `/v1/dead-letters/${dead[1]?.id}`, headers: bearer(tenant.senderKey) })).statusCode).toBe(204);
		await waitFor(() => sink.received.some((d) => d.event.data.id === 'wamid.DL3'), 5_000, 'platform replay');
		expect(sink.received.some((d) => d.event.data.id === 'wamid.DL4')).toBe(false);
		expect(await countRows(service, 'dead_letters')).toBe(0);
	});

	test('a replay with no body at all replays every dead letter of the tenant', async () => {
		sink.status = 410;
		const scope = systemScope(tenant.id, 'test');
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: message('wamid.DL5', 'p4') }, { kind: 'message', scope, message: message('wamid.DL6', 'p5') }]);
		await waitFor(async () => (await countRows(service, 'dead_letters')) === 2, 5_000, 'gone deliveries');
		sink.status = 200;
		const replay = await service.app.inject({ method: 'POST', url: '/v1/dead-letters/replay', headers: bearer(tenant.senderKey) });
		expect(replay.statusCode).toBe(200);
		expect(replay.json()).toEqual({ replayed: 2 });
		await waitFor(() => ['wamid.DL5', 'wamid.DL6'].every((id) => sink.received.some((d) => d.event.data.id === id)), 5_000, 'replayed deliveries');
		expect(await countRows(service, 'dead_letters')).toBe(0);
	});
});

describe.each(testDialects())('event retention on %s', (dialect) => {
	test('old events nothing refers to and old dedupe keys are pruned; queued and dead-lettered ones stay', async () => {
		const { RetentionWorker } = await import('../../../service/src/events/retentionWorker');
		const service = await startEventsService(dialect, { EVENT_DELIVERY_ENABLED: 'false' });
		try {
			const tenant = await createTenantFixture(service, 'Retention');
			const { id: subscriptionId } = await subscribe(service, tenant.senderKey, { targetUrl: 'http://127.0.0.1:9/x', events: ['*'] });
			const db = service.ctx.storage.db;
			const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
			const event = (id: string, at: string) => ({ id, tenant_id: tenant.id, type: 'message.received', channel: 'cloud' as const, ordering_key: 'k', body: '{}', occurred_at: at, created_at: at });
			await db.insertInto('events').values([event('evt_01old0000000000000000000a', old), event('evt_01old0000000000000000000b', old), event('evt_01old0000000000000000000c', old), event('evt_01new0000000000000000000a', new Date().toISOString())]).execute();
			await db.insertInto('outbox').values({ tenant_id: tenant.id, event_id: 'evt_01old0000000000000000000b', subscription_id: subscriptionId, ordering_key: 'k', attempts: 0, next_attempt_at: old, lease_token: null, last_error: null, last_status: null, created_at: old }).execute();
			await db.insertInto('dead_letters').values({ id: 'dlq_01old0000000000000000000c', tenant_id: tenant.id, event_id: 'evt_01old0000000000000000000c', subscription_id: subscriptionId, ordering_key: 'k', attempts: 1, last_error: 'x', last_status: 500, queued_at: old, failed_at: old }).execute();
			await db.insertInto('inbound_event_keys').values([{ tenant_id: tenant.id, dedupe_key: 'old', created_at: old }, { tenant_id: tenant.id, dedupe_key: 'new', created_at: new Date().toISOString() }]).execute();
			const worker = new RetentionWorker({ db, logger: service.ctx.logger, retentionDays: 8 });
			expect(await worker.sweep()).toBe(2);
			expect((await db.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['evt_01new0000000000000000000a', 'evt_01old0000000000000000000b', 'evt_01old0000000000000000000c']);
			expect((await db.selectFrom('inbound_event_keys').select('dedupe_key').execute()).map((r) => r.dedupe_key)).toEqual(['new']);
		} finally {
			await service.stop();
		}
	});
});
