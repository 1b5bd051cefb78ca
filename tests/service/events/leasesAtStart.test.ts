import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { DeliveryWorker } from '../../../service/src/events/deliveryWorker';
import { HttpSender } from '../../../service/src/events/httpSender';
import { EventOutbox } from '../../../service/src/events/outbox';
import { SubscriptionsRepository } from '../../../service/src/events/subscriptionsRepository';
import { testDialects } from '../../support/databases';
import { createTenantFixture, type TestService } from '../../support/testService';
import { Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

/** Deliveries a killed process had leased: on SQLite (one process per file) they go at once when the next worker starts. */
describe.each(testDialects())('leases left by a dead process, when a delivery worker starts, on %s', (dialect) => {
	let service: TestService;
	let sink: Sink;
	beforeAll(async () => {
		// The service's own worker is off: the test starts one after faking a dead process's leases.
		service = await startEventsService(dialect, { EVENT_DELIVERY_ENABLED: 'false' });
		sink = await new Sink().start();
	});
	afterAll(async () => {
		await service.stop();
		await sink.stop();
	});

	test(dialect === 'sqlite' ? 'are taken back at once and delivered' : 'are left to expire: they may be a live replica\'s', async () => {
		const tenant = await createTenantFixture(service, 'Leases');
		await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] });
		const scope = systemScope(tenant.id, 'test');
		const messages: NormalizedMessage[] = [0, 1, 2].map((chat) => ({ id: `wamid.LEASED-${chat}`, channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: 'acct-l' }, chatId: `l${chat}`, from: `l${chat}`, to: 'acct-l', timestamp: new Date().toISOString(), type: 'text', text: { body: `${chat}` } }));
		await service.ctx.ledger.recordInbound(messages.map((message) => ({ kind: 'message' as const, scope, message })));
		const { db } = service.ctx.storage;
		// As a process killed mid-delivery leaves them: leased for another minute.
		const leaseUntil = new Date(Date.now() + 60_000).toISOString();
		await db.updateTable('outbox').set({ lease_token: 'dead-process', next_attempt_at: leaseUntil }).where('tenant_id', '=', tenant.id).execute();

		const worker = new DeliveryWorker({
			db,
			dialect: service.ctx.storage.dialect,
			settings: { ...service.config.events, pollIntervalMs: 10, timeoutMs: 5000 },
			logger: service.ctx.logger,
			metrics: service.ctx.metrics,
			outbox: new EventOutbox(service.ctx.storage.dialect),
			subscriptions: new SubscriptionsRepository(db, service.ctx.secrets),
			sender: new HttpSender({ timeoutMs: 5000, maxSocketsPerHost: 8 }),
		});
		await worker.start();
		try {
			if (dialect === 'sqlite') {
				await waitFor(() => sink.received.length === 3, 5000, 'the three leased deliveries');
				expect(sink.received.map((d) => d.event.data.id).sort()).toEqual(['wamid.LEASED-0', 'wamid.LEASED-1', 'wamid.LEASED-2']);
				await waitFor(async () => (await db.selectFrom('outbox').select('id').where('tenant_id', '=', tenant.id).execute()).length === 0, 5000, 'the outbox emptied');
			} else {
				await new Promise((resolve) => setTimeout(resolve, 1000));
				expect(sink.received).toHaveLength(0);
				const rows = await db.selectFrom('outbox').select(['lease_token', 'next_attempt_at']).where('tenant_id', '=', tenant.id).execute();
				expect(rows).toEqual([0, 1, 2].map(() => ({ lease_token: 'dead-process', next_attempt_at: leaseUntil })));
			}
		} finally {
			await worker.stop();
		}
	});
});
