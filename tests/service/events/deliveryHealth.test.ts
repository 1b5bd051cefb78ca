import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
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
		expect((await health(failingId)).json()).toMatchObject({ pending: 0, retrying: 0, lastFailure: null, nextRetryAt: null, oldestPendingAt: null, deadLetters: 3, healthy: false });
		expect((await service.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^wa_outbox_oldest_seconds 0$/m);
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
