import { createHmac } from 'node:crypto';
import { systemScope, type TenantScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage, NormalizedStatus } from '../../../service/src/channels/messages';
import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../support/testService';
import { countRows, Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

let seq = 0;
function inbound(account: string, peer: string, type: NormalizedMessage['type'] = 'text', channel: 'cloud' | 'web' = 'cloud'): NormalizedMessage {
	seq++;
	return { id: `wamid.D${Date.now().toString(36)}${seq}`, channel, direction: 'inbound', account: { channel, id: account }, chatId: peer, from: peer, to: account, timestamp: new Date(Date.now() + seq).toISOString(), type, ...(type === 'text' ? { text: { body: `m${seq}` } } : {}) };
}
const status = (messageId: string, account: string, recipient: string, value: NormalizedStatus['status']): NormalizedStatus => ({ messageId, channel: 'cloud', account: { channel: 'cloud', id: account }, recipient, status: value, timestamp: new Date().toISOString() });

describe.each(testDialects())('event delivery on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let scope: TenantScope;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		tenant = await createTenantFixture(service, 'Delivery');
		scope = systemScope(tenant.id, 'test');
	});
	afterAll(() => service.stop());

	test('deliveries carry the event id, type, timestamp and a signature over timestamp.body', async () => {
		const sink = await new Sink().start();
		const { id, secret } = await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] });
		const message = inbound('acct-sig', 'peer-sig');
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message, raw: { original: true } }]);
		await waitFor(() => sink.received.length === 1, 5_000, 'delivery');
		const [delivery] = sink.received;
		const headers = delivery?.headers ?? {};
		expect(headers['x-event-type']).toBe('message.received');
		expect(headers['x-event-id']).toBe(delivery?.event.id);
		expect(delivery?.event.id).toMatch(/^evt_[0-9a-z]{26}$/);
		expect(Math.abs(Number(headers['x-timestamp']) - Date.now() / 1000)).toBeLessThan(10);
		const expected = `sha256=${createHmac('sha256', secret).update(`${headers['x-timestamp']}.${delivery?.body}`).digest('hex')}`;
		expect(headers['x-signature-256']).toBe(expected);
		expect(delivery?.event).toMatchObject({ type: 'message.received', tenantId: tenant.id, channel: 'cloud', data: { id: message.id, text: message.text }, raw: { original: true } });
		expect(delivery?.event.data.conversationId).toMatch(/^cnv_/);
		expect(delivery?.event.data.recordId).toMatch(/^msg_/);
		await service.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey) });
		await sink.stop();
	});

	test('filters pick events by type, channel, account, message type and status', async () => {
		const sinks = await Promise.all(Array.from({ length: 5 }, () => new Sink().start()));
		const subs = [
			{ events: ['message.status'] },
			{ events: ['*'], channel: 'web' },
			{ events: ['*'], accounts: ['acct-f1'] },
			{ events: ['message.received'], messageTypes: ['image'] },
			{ events: ['message.status'], statuses: ['read'] },
		];
		const ids = [];
		for (const [i, filter] of subs.entries()) ids.push((await subscribe(service, tenant.senderKey, { targetUrl: (sinks[i] as Sink).url, ...filter })).id);
		const text = inbound('acct-f1', 'p1');
		const image = inbound('acct-f2', 'p2', 'image');
		const web = inbound('session-1', 'p3@c.us', 'text', 'web');
		await service.ctx.ledger.recordInbound([
			{ kind: 'message', scope, message: text },
			{ kind: 'message', scope, message: image },
			{ kind: 'message', scope, message: web },
			{ kind: 'status', scope, status: status('wamid.F-out', 'acct-f2', 'p2', 'delivered') },
			{ kind: 'status', scope, status: status('wamid.F-out', 'acct-f2', 'p2', 'read') },
		]);
		const seen = (i: number) => (sinks[i] as Sink).received.map((d) => `${d.event.type}:${(d.event.data.id ?? d.event.data.status) as string}`);
		await waitFor(() => seen(0).length === 2 && seen(1).length === 1 && seen(2).length === 1 && seen(3).length === 1 && seen(4).length === 1, 5_000, 'filtered deliveries');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(seen(0)).toEqual(['message.status:delivered', 'message.status:read']);
		expect(seen(1)).toEqual([`message.received:${web.id}`]);
		expect(seen(2)).toEqual([`message.received:${text.id}`]);
		expect(seen(3)).toEqual([`message.received:${image.id}`]);
		expect(seen(4)).toEqual(['message.status:read']);
		for (const id of ids) await service.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey) });
		await Promise.all(sinks.map((s) => s.stop()));
	});

	test('a subscriber down for a while then up gets every event once, in per-conversation order', async () => {
		const sink = await new Sink().start();
		sink.status = 503;
		const { id } = await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received', 'message.status'] });
		const peers = ['c1', 'c2', 'c3', 'c4'];
		const written: Record<string, string[]> = Object.fromEntries(peers.map((p) => [p, []]));
		for (let round = 0; round < 15; round++) {
			const batch = peers.map((peer) => inbound('acct-down', peer));
			for (const m of batch) written[m.chatId]?.push(m.id);
			await service.ctx.ledger.recordInbound(batch.map((message) => ({ kind: 'message' as const, scope, message })));
		}
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(sink.received).toHaveLength(0);
		sink.status = 200;
		await waitFor(() => sink.received.length >= 60, 15_000, 'the backlog');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sink.received).toHaveLength(60);
		expect(new Set(sink.received.map((d) => d.event.id)).size).toBe(60);
		for (const peer of peers) expect(sink.received.filter((d) => d.event.data.chatId === peer).map((d) => d.event.data.id)).toEqual(written[peer]);
		expect(await service.ctx.storage.db.selectFrom('outbox').select('id').where('subscription_id', '=', id).execute()).toEqual([]);
		await service.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey) });
		await sink.stop();
	});

	test('a paused subscription receives nothing new and its queue waits until it resumes', async () => {
		const sink = await new Sink().start();
		const { id } = await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] });
		sink.status = 503;
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: inbound('acct-pause', 'p') }]);
		// Its first attempt is refused before the pause: the pause holds queued deliveries, not one already on the wire
		// (on a busy machine that post could otherwise leave after the sink is back to 200).
		await waitFor(() => sink.arrived >= 1, 5_000, 'the first, refused attempt');
		await service.app.inject({ method: 'PATCH', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey), payload: { active: false } });
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: inbound('acct-pause', 'p') }]);
		sink.status = 200;
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(sink.received).toHaveLength(0);
		await service.app.inject({ method: 'PATCH', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey), payload: { active: true } });
		await waitFor(() => sink.received.length === 1, 5_000, 'queued delivery after resume');
		await service.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey) });
		await sink.stop();
	});

	test('deleting a subscription drops its queued deliveries; deliveries whose subscription vanished otherwise are dropped when claimed', async () => {
		const sink = await new Sink().start();
		sink.status = 503;
		const { id } = await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] });
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: inbound('acct-gone', 'g1') }]);
		const db = service.ctx.storage.db;
		const queued = async (subscriptionId: string) => (await db.selectFrom('outbox').select('id').where('subscription_id', '=', subscriptionId).execute()).length;
		expect(await queued(id)).toBe(1);
		const eventId = (await db.selectFrom('outbox').select('event_id').where('subscription_id', '=', id).executeTakeFirstOrThrow()).event_id;
		expect((await service.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey) })).statusCode).toBe(204);
		expect(await queued(id)).toBe(0);
		// A delivery whose subscription was removed behind the API's back (another component may): dropped on its next claim.
		const gone = `sub_${'9'.repeat(26)}`;
		const now = new Date().toISOString();
		await db.insertInto('outbox').values({ tenant_id: tenant.id, event_id: eventId, subscription_id: gone, ordering_key: 'orphan', attempts: 0, next_attempt_at: now, lease_token: null, last_error: null, last_status: null, created_at: now }).execute();
		service.ctx.outbox.committed();
		await waitFor(async () => (await queued(gone)) === 0, 10_000, 'orphan dropped');
		expect(await countRows(service, 'dead_letters')).toBe(0);
		await sink.stop();
	});

	test('/metrics reports deliveries, attempts, latency and outbox depth', async () => {
		const response = await service.app.inject({ method: 'GET', url: '/metrics' });
		expect(response.statusCode).toBe(200);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(response.body).toMatch(/wa_event_delivery_attempts_total\{result="delivered"\} [1-9]/);
		expect(response.body).toMatch(/wa_event_delivery_attempts_total\{result="failed"\} [1-9]/);
		expect(response.body).toMatch(/wa_event_delivery_latency_seconds_count [1-9]/);
		expect(response.body).toMatch(/wa_outbox_depth \d+/);
		expect(response.body).toMatch(/wa_inbound_items_total\{kind="message",result="accepted"\} [1-9]/);
		expect(response.body).not.toContain(tenant.id);
		expect(await countRows(service, 'outbox')).toBe(0);
	});
});
