import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { deliveryHealth } from '../../../service/src/events/deliveryHealth';
import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../support/testService';
import { Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

const message = (id: string, peer: string): NormalizedMessage => ({ id, channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: 'acct-health' }, chatId: peer, from: peer, to: 'acct-health', timestamp: new Date().toISOString(), type: 'text', text: { body: id } });

describe.each(testDialects())("a subscription's delivery figures on %s", (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let other: TenantFixture;
	const up = new Sink();
	const down = new Sink();
	let healthyId: string;
	let failingId: string;
	const health = async (id: string, key = tenant.readerKey) => service.app.inject({ method: 'GET', url: `/v1/subscriptions/${id}/delivery`, headers: bearer(key) });

	beforeAll(async () => {
		service = await startEventsService(dialect);
		tenant = await createTenantFixture(service, 'Delivery Health');
		other = await createTenantFixture(service, 'Other');
		await up.start();
		await down.start();
		down.status = 503;
		healthyId = (await subscribe(service, tenant.senderKey, { targetUrl: up.url, events: ['message.received'] })).id;
		failingId = (await subscribe(service, tenant.senderKey, { targetUrl: down.url, events: ['message.received'] })).id;
		// Two messages in one conversation (the second waits behind the first) and one in another.
		const scope = systemScope(tenant.id, 'test');
		await service.ctx.ledger.recordInbound([
			{ kind: 'message', scope, message: message('wamid.H1', 'p1') },
			{ kind: 'message', scope, message: message('wamid.H2', 'p1') },
			{ kind: 'message', scope, message: message('wamid.H3', 'p2') },
		]);
	});
	afterAll(async () => {
		await service.stop();
		await up.stop();
		await down.stop();
	});

	test('a listener that answers has nothing pending and is healthy', async () => {
		await waitFor(() => up.received.length === 3, 10_000, 'three deliveries');
		// The worker settles a delivery (deletes its row) once the answer is in.
		await waitFor(async () => (await health(healthyId)).json().pending === 0, 10_000, 'deliveries settled');
		const answer = await health(healthyId);
		expect(answer.statusCode).toBe(200);
		expect(answer.json()).toEqual({ subscriptionId: healthyId, active: true, pending: 0, retrying: 0, oldestPendingAt: null, nextRetryAt: null, lastFailure: null, deadLetters: 0, healthy: true });
	});

	test('a listener that is down shows what waits, what is being retried and why the last attempt failed', async () => {
		// Each conversation's first delivery fails and is retried; the second of p1 has not been tried yet.
		await waitFor(async () => (await health(failingId)).json().retrying === 2, 10_000, 'both chain heads failing');
		const figures = (await health(failingId)).json();
		expect(figures).toMatchObject({ subscriptionId: failingId, active: true, pending: 3, retrying: 2, deadLetters: 0, healthy: false });
		expect(figures.lastFailure).toMatchObject({ status: 503 });
		expect(figures.lastFailure.eventId).toMatch(/^evt_/);
		expect(figures.lastFailure.attempts).toBeGreaterThanOrEqual(1);
		expect(figures.lastFailure.error).toMatch(/503/);
		expect(figures.lastFailure.deadLettered).toBe(false);
		expect(Date.now() - Date.parse(figures.lastFailure.failedAt)).toBeLessThan(10_000);
		expect(Date.parse(figures.oldestPendingAt)).toBeLessThanOrEqual(Date.now());
		expect(Number.isNaN(Date.parse(figures.nextRetryAt))).toBe(false);
		// /metrics says the same without naming anyone: the oldest waiting delivery is as old as the oldest pending one.
		const metrics = (await service.app.inject({ method: 'GET', url: '/metrics' })).body;
		const oldest = Number(/^wa_outbox_oldest_seconds (\S+)$/m.exec(metrics)?.[1]);
		expect(oldest).toBeGreaterThan(0);
		expect(oldest).toBeGreaterThanOrEqual((Date.now() - Date.parse(figures.oldestPendingAt)) / 1000 - 1);
	});

	test('deliveries given up on are counted as dead letters, and nothing stays pending', async () => {
		// 410 Gone is final: each delivery is dead-lettered at its next attempt, and its chain moves on.
		down.status = 410;
		await waitFor(async () => (await health(failingId)).json().deadLetters === 3, 10_000, 'three dead letters');
		const figures = (await health(failingId)).json();
		expect(figures).toMatchObject({ pending: 0, retrying: 0, nextRetryAt: null, oldestPendingAt: null, deadLetters: 3, healthy: false });
		// Nothing is retried any more, yet the figures still say why: the last delivery given up on.
		expect(figures.lastFailure).toMatchObject({ status: 410, deadLettered: true });
		expect(figures.lastFailure.error).toMatch(/410/);
		expect(Date.now() - Date.parse(figures.lastFailure.failedAt)).toBeLessThan(10_000);
		expect((await service.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^wa_outbox_oldest_seconds 0$/m);
	});

	test('the last failure is the most recent one, whether retried or given up on, not the one tried most', async () => {
		const db = service.ctx.storage.db;
		// A subscription nothing else is sent to: every row below is written by hand.
		const subscriptionId = (await subscribe(service, tenant.senderKey, { targetUrl: down.url, events: ['template.status'] })).id;
		const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
		// Due an hour ahead, so no worker takes them meanwhile.
		const later = new Date(Date.now() + 3_600_000).toISOString();
		const retried = (eventId: string, attempts: number, status: number, failedAt: string | null) => ({ tenant_id: tenant.id, event_id: eventId, subscription_id: subscriptionId, ordering_key: eventId, attempts, next_attempt_at: later, lease_token: null, last_error: `HTTP ${status}`, last_status: status, last_failed_at: failedAt, created_at: ago(120) });
		const event = (id: string) => ({ id, tenant_id: tenant.id, type: 'template.status', channel: 'cloud' as const, ordering_key: id, body: '{}', occurred_at: ago(120), created_at: ago(120) });
		await db.insertInto('events').values([event('evt_dead_old'), event('evt_dead_new')]).execute();
		const deadLetter = (id: string, eventId: string, status: number, failedAt: string) => ({ id, tenant_id: tenant.id, event_id: eventId, subscription_id: subscriptionId, ordering_key: eventId, attempts: 4, last_error: `HTTP ${status}`, last_status: status, queued_at: ago(120), failed_at: failedAt });
		const figures = async () => (await deliveryHealth(db, systemScope(tenant.id, 'test'), [subscriptionId])).get(subscriptionId);

		// A row that last failed before the service recorded when: reported, without a time, while nothing else failed.
		await db.insertInto('outbox').values(retried('evt_untimed', 9, 500, null)).execute();
		expect((await figures())?.lastFailure).toEqual({ eventId: 'evt_untimed', attempts: 9, status: 500, error: 'HTTP 500', failedAt: null, deadLettered: false });

		const recentAt = ago(10);
		await db.insertInto('outbox').values([retried('evt_often', 5, 500, ago(60)), retried('evt_recent', 1, 502, recentAt)]).execute();
		await db.insertInto('dead_letters').values(deadLetter('dlq_01jlastfailureprobe000000a', 'evt_dead_old', 410, ago(30))).execute();
		expect((await figures())?.lastFailure).toEqual({ eventId: 'evt_recent', attempts: 1, status: 502, error: 'HTTP 502', failedAt: recentAt, deadLettered: false });

		const newest = ago(1);
		await db.insertInto('dead_letters').values(deadLetter('dlq_01jlastfailureprobe000000b', 'evt_dead_new', 404, newest)).execute();
		expect(await figures()).toMatchObject({ pending: 3, retrying: 3, deadLetters: 2, healthy: false, lastFailure: { eventId: 'evt_dead_new', attempts: 4, status: 404, failedAt: newest, deadLettered: true } });

		await db.deleteFrom('outbox').where('subscription_id', '=', subscriptionId).execute();
		await db.deleteFrom('dead_letters').where('subscription_id', '=', subscriptionId).execute();
		expect((await figures())?.lastFailure).toBeNull();
	});

	test('the list adds the figures only when asked, for a platform admin acting in the tenant too', async () => {
		const plain = await service.app.inject({ method: 'GET', url: '/v1/subscriptions', headers: bearer(tenant.readerKey) });
		expect(plain.json().data.every((s: Record<string, unknown>) => !('delivery' in s))).toBe(true);
		const listed = await service.app.inject({ method: 'GET', url: '/v1/subscriptions?delivery=true', headers: { ...bearer(await service.platformKey()), 'x-tenant-id': tenant.id } });
		expect(listed.statusCode).toBe(200);
		const byId = new Map((listed.json().data as Array<{ id: string; delivery: Record<string, unknown> }>).map((s) => [s.id, s.delivery]));
		expect(byId.get(healthyId)).toMatchObject({ pending: 0, deadLetters: 0, healthy: true });
		expect(byId.get(failingId)).toMatchObject({ pending: 0, deadLetters: 3, healthy: false });
	});

	test("another tenant's subscription, an unknown one and a malformed id are refused", async () => {
		const foreign = await health(failingId, other.readerKey);
		expect(foreign.statusCode).toBe(404);
		expect(foreign.json().error.code).toBe('not_found');
		expect((await health('sub_01jzzzzzzzzzzzzzzzzzzzzzzz')).statusCode).toBe(404);
		const malformed = await health('nope');
		expect(malformed.statusCode).toBe(400);
		expect(malformed.json().error.details.fields[0].field).toMatch(/subscriptionId/);
		expect((await service.app.inject({ method: 'GET', url: '/v1/subscriptions?delivery=maybe', headers: bearer(tenant.readerKey) })).statusCode).toBe(400);
	});
});
