import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { DeliveryWorker, leaseOwnerTag } from '../../../service/src/events/deliveryWorker';
import { HttpSender } from '../../../service/src/events/httpSender';
import { EventOutbox } from '../../../service/src/events/outbox';
import { SubscriptionsRepository } from '../../../service/src/events/subscriptionsRepository';
import { testDialects } from '../../support/databases';
import { createTenantFixture, type TestService } from '../../support/testService';
import { Sink, startEventsService, subscribe, waitFor } from './eventsTestKit';

/**
 * Deliveries a killed process had leased, when a delivery worker starts: on SQLite (one process per file) all of them
 * go at once; on MySQL only those leased under the starting worker's own WORKER_ID, the rest may be live replicas'.
 */
describe.each(testDialects())('leases left by a dead process, when a delivery worker starts, on %s', (dialect) => {
	let service: TestService;
	let sink: Sink;
	beforeAll(async () => {
		// The service's own worker is off: each test starts one after faking a dead process's leases.
		service = await startEventsService(dialect, { EVENT_DELIVERY_ENABLED: 'false' });
		sink = await new Sink().start();
	});
	afterAll(async () => {
		await service.stop();
		await sink.stop();
	});

	/** Three chats' messages, their deliveries leased for another minute under `tokens[chat]`, as a killed process leaves them. */
	async function leasedBacklog(name: string, tokens: string[]) {
		const tenant = await createTenantFixture(service, name);
		await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['message.received'] });
		const scope = systemScope(tenant.id, 'test');
		const messages: NormalizedMessage[] = tokens.map((_, chat) => ({ id: `wamid.${name}-${chat}`, channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: 'acct-l' }, chatId: `l${chat}`, from: `l${chat}`, to: 'acct-l', timestamp: new Date().toISOString(), type: 'text', text: { body: `${chat}` } }));
		await service.ctx.ledger.recordInbound(messages.map((message) => ({ kind: 'message' as const, scope, message })));
		const leaseUntil = new Date(Date.now() + 60_000).toISOString();
		for (const [chat, token] of tokens.entries()) {
			const event = await service.ctx.storage.db.selectFrom('events').select('id').where('tenant_id', '=', tenant.id).where('body', 'like', `%wamid.${name}-${chat}"%`).executeTakeFirstOrThrow();
			await service.ctx.storage.db.updateTable('outbox').set({ lease_token: token, next_attempt_at: leaseUntil }).where('event_id', '=', event.id).execute();
		}
		const outbox = () => service.ctx.storage.db.selectFrom('outbox').select(['lease_token', 'next_attempt_at']).where('tenant_id', '=', tenant.id).execute();
		const arrived = () => sink.received.filter((d) => d.event.tenantId === tenant.id).map((d) => d.event.data.id as string).sort();
		return { leaseUntil, outbox, arrived };
	}

	function worker(workerId: string | undefined): DeliveryWorker {
		const { db } = service.ctx.storage;
		return new DeliveryWorker({
			db,
			dialect: service.ctx.storage.dialect,
			settings: { ...service.config.events, pollIntervalMs: 10, timeoutMs: 5000, workerId },
			logger: service.ctx.logger,
			metrics: service.ctx.metrics,
			outbox: new EventOutbox(service.ctx.storage.dialect),
			subscriptions: new SubscriptionsRepository(db, service.ctx.secrets),
			sender: new HttpSender({ timeoutMs: 5000, maxSocketsPerHost: 8 }),
		});
	}

	async function running(started: DeliveryWorker, check: () => Promise<void>): Promise<void> {
		await started.start();
		try {
			await check();
		} finally {
			await started.stop();
		}
	}

	test('a worker with no WORKER_ID: ' + (dialect === 'sqlite' ? 'takes every lease back at once' : 'leaves them to expire'), async () => {
		const backlog = await leasedBacklog('NOID', ['dead-1.x', 'dead-1.y', 'dead-2.z']);
		await running(worker(undefined), async () => {
			if (dialect === 'sqlite') {
				await waitFor(() => backlog.arrived().length === 3, 5000, 'the three leased deliveries');
				expect(backlog.arrived()).toEqual(['wamid.NOID-0', 'wamid.NOID-1', 'wamid.NOID-2']);
			} else {
				await new Promise((resolve) => setTimeout(resolve, 1000));
				expect(backlog.arrived()).toEqual([]);
				expect((await backlog.outbox()).map((row) => row.next_attempt_at)).toEqual([backlog.leaseUntil, backlog.leaseUntil, backlog.leaseUntil]);
			}
		});
	});

	test('a worker restarted with its WORKER_ID takes back its own leases at once' + (dialect === 'sqlite' ? '' : ', not other replicas\''), async () => {
		const own = `${leaseOwnerTag('replica-a')}.0011223344556677`;
		const others = `${leaseOwnerTag('replica-b')}.8899aabbccddeeff`;
		const backlog = await leasedBacklog('WID', [own, others, own]);
		const started = worker('replica-a');
		// What it leases from now on carries the same head, so a later restart finds it too.
		expect(started.newLeaseToken().startsWith(`${leaseOwnerTag('replica-a')}.`)).toBe(true);
		await running(started, async () => {
			if (dialect === 'sqlite') {
				await waitFor(() => backlog.arrived().length === 3, 5000, 'all three leased deliveries');
			} else {
				await waitFor(() => backlog.arrived().length === 2, 5000, 'the two deliveries leased under replica-a');
				await new Promise((resolve) => setTimeout(resolve, 500));
				expect(backlog.arrived()).toEqual(['wamid.WID-0', 'wamid.WID-2']);
				expect(await backlog.outbox()).toEqual([{ lease_token: others, next_attempt_at: backlog.leaseUntil }]);
			}
		});
	});
});
