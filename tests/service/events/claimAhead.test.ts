import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { DeliveryWorker } from '../../../service/src/events/deliveryWorker';
import { HttpSender } from '../../../service/src/events/httpSender';
import { EventOutbox } from '../../../service/src/events/outbox';
import { SubscriptionsRepository } from '../../../service/src/events/subscriptionsRepository';
import { testDialects } from '../../support/databases';
import { createTenantFixture, type TestService } from '../../support/testService';
import { Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

describe.each(testDialects())('delivery worker claims ahead and gives back what it did not post, on %s', (dialect) => {
	let service: TestService;
	beforeAll(async () => {
		// The service's own worker is off: the test drives one worker it can stop mid-backlog.
		service = await startEventsService(dialect, {
			EVENT_DELIVERY_ENABLED: 'false',
		});
	});
	afterAll(async () => {
		await service.stop();
	});

	test('a slow subscriber: as many deliveries wait claimed as are in flight; stop() releases the unposted at once', async () => {
		const tenant = await createTenantFixture(service, 'Ahead');
		const sink = await new Sink().start();
		sink.delayMs = 1500;
		await subscribe(service, tenant.senderKey, {
			targetUrl: sink.url,
			events: ['message.received'],
		});
		// Twelve chats, one message each: twelve chain heads, all claimable at once.
		const scope = systemScope(tenant.id, 'test');
		const batch: NormalizedMessage[] = Array.from({ length: 12 }, (_, chat) => ({
			id: `wamid.AHEAD-${chat}`,
			channel: 'cloud',
			direction: 'inbound',
			account: { channel: 'cloud', id: 'acct-a' },
			chatId: `a${chat}`,
			from: `a${chat}`,
			to: 'acct-a',
			timestamp: new Date().toISOString(),
			type: 'text',
			text: { body: `${chat}` },
		}));
		await service.ctx.ledger.recordInbound(batch.map((message) => ({ kind: 'message' as const, scope, message })));
		const { db } = service.ctx.storage;
		const leased = async () => (await db.selectFrom('outbox').select('id').where('lease_token', 'is not', null).execute()).length;

		const worker = new DeliveryWorker({
			db,
			dialect: service.ctx.storage.dialect,
			settings: {
				...service.config.events,
				concurrency: 4,
				pollIntervalMs: 10,
				timeoutMs: 5000,
			},
			logger: service.ctx.logger,
			metrics: service.ctx.metrics,
			outbox: new EventOutbox(service.ctx.storage.dialect),
			subscriptions: new SubscriptionsRepository(db, service.ctx.secrets),
			sender: new HttpSender({ timeoutMs: 5000, maxSocketsPerHost: 8 }),
		});
		const claimedAt = Date.now();
		await worker.start();
		let stopped = false;
		try {
			await waitFor(async () => sink.arrived >= 4 && (await leased()) >= 8, 5000, 'four posts in flight and four more claimed');
			expect(sink.arrived).toBe(4);
			expect(await leased()).toBe(8);
			// The claim's lease covers a wait in the ready queue (one timeout) plus the post's own timeout.
			const lease = await db.selectFrom('outbox').select('next_attempt_at').where('lease_token', 'is not', null).executeTakeFirstOrThrow();
			expect(Date.parse(lease.next_attempt_at) - claimedAt).toBeGreaterThanOrEqual(2 * 5000);

			await worker.stop();
			stopped = true;
			// The four in flight finished and were recorded; the four claimed ahead were never posted and are free again.
			expect(sink.received).toHaveLength(4);
			expect(await leased()).toBe(0);
			const left = await db.selectFrom('outbox').select(['next_attempt_at', 'attempts']).execute();
			expect(left).toHaveLength(8);
			const now = new Date().toISOString();
			for (const row of left) {
				expect(row.attempts).toBe(0);
				expect(row.next_attempt_at <= now).toBe(true);
			}
		} finally {
			if (!stopped) await worker.stop();
			await sink.stop();
		}
	});
});
