import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { DeliveryWorker } from '../../../service/src/events/deliveryWorker';
import { HttpSender } from '../../../service/src/events/httpSender';
import { EventOutbox } from '../../../service/src/events/outbox';
import { SubscriptionsRepository } from '../../../service/src/events/subscriptionsRepository';
import { openStorage } from '../../../service/src/storage/database';
import { testDialects } from '../../support/databases';
import { createTenantFixture, type TestService } from '../../support/testService';
import { Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

// Several processes sharing one outbox is a MySQL deployment (SKIP LOCKED); SQLite runs one process.
const dialects = testDialects().filter((dialect) => dialect === 'mysql');

(dialects.length > 0 ? describe.each(dialects) : describe.skip.each(['mysql' as const]))('two delivery workers sharing one outbox on %s', (dialect) => {
	let service: TestService;
	let second: DeliveryWorker;
	let secondPosts = 0;
	let close: () => Promise<void>;
	beforeAll(async () => {
		service = await startEventsService(dialect, { EVENT_DELIVERY_CONCURRENCY: '8' });
		// A second "replica": its own pool and worker over the same database, no in-process hand-over.
		const storage = openStorage(service.database.settings);
		second = new DeliveryWorker({
			db: storage.db,
			dialect: storage.dialect,
			settings: { ...service.config.events, concurrency: 8, pollIntervalMs: 10 },
			logger: service.ctx.logger,
			metrics: service.ctx.metrics,
			outbox: new EventOutbox(storage.dialect),
			subscriptions: new SubscriptionsRepository(storage.db, service.ctx.secrets),
			sender: new (class extends HttpSender {
				override post(url: string, body: string, headers: Record<string, string>) {
					secondPosts++;
					return super.post(url, body, headers);
				}
			})({ timeoutMs: 5000, maxSocketsPerHost: 8 }),
		});
		await second.start();
		close = async () => {
			await second.stop();
			await storage.close();
		};
	});
	afterAll(async () => {
		await close();
		await service.stop();
	});

	test('every event is delivered once, in per-conversation order, while both claim', async () => {
		const tenant = await createTenantFixture(service, 'Replicas');
		const sink = await new Sink().start();
		sink.delayMs = 2;
		await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] });
		const scope = systemScope(tenant.id, 'test');
		const written: Record<string, string[]> = {};
		for (let round = 0; round < 25; round++) {
			const batch: NormalizedMessage[] = Array.from({ length: 8 }, (_, chat) => ({ id: `wamid.R${round}-${chat}`, channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: 'acct-r' }, chatId: `c${chat}`, from: `c${chat}`, to: 'acct-r', timestamp: new Date().toISOString(), type: 'text', text: { body: `${round}` } }));
			for (const message of batch) (written[message.chatId] ??= []).push(message.id);
			await service.ctx.ledger.recordInbound(batch.map((message) => ({ kind: 'message' as const, scope, message })));
		}
		await waitFor(() => sink.received.length >= 200, 20_000, 'all deliveries');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sink.received).toHaveLength(200);
		expect(new Set(sink.received.map((d) => d.event.id)).size).toBe(200);
		// Both replicas did part of the work.
		expect(secondPosts).toBeGreaterThan(0);
		expect(secondPosts).toBeLessThan(200);
		for (const [chat, ids] of Object.entries(written)) expect(sink.received.filter((d) => d.event.data.chatId === chat).map((d) => d.event.data.id)).toEqual(ids);
		await sink.stop();
	});
});
