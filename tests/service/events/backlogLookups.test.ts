import { randomBytes } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { systemPlatformScope, systemScope } from '../../../service/src/auth/tenantScope';
import { repositories } from '../../../service/src/context';
import { deadLetterCounts, deliveryHealth, lastDeadLetter, lastRetriedFailure, queuedDeliveries, triedDeliveries } from '../../../service/src/events/deliveryHealth';
import { dueChainHeads } from '../../../service/src/events/deliveryWorker';
import { handedRows } from '../../../service/src/events/outbox';
import { finishedEventsBefore, RetentionWorker } from '../../../service/src/events/retentionWorker';
import { settledWaitsWithoutDeliveries } from '../../../service/src/events/replyWaits/replyWaitsRepository';
import { insertRows, writeChunks } from '../../../service/src/events/sql';
import { SubscriptionsRepository } from '../../../service/src/events/subscriptionsRepository';
import { createLogger } from '../../../service/src/logging/logger';
import type { Database } from '../../../service/src/storage/schema';
import { SecretBox } from '../../../service/src/storage/secretBox';
import { migratedStorage, testDialects, type TestDialect } from '../../support/databases';

/** Deliveries waiting for a subscriber that is down: what every lookup below must not read through. */
const BACKLOG = 3000;
const OLD = '2026-01-01T00:00:00.000Z';
const RECENT = '2026-11-28T00:00:00.000Z';

/**
 * The plan's steps that read a whole table (or, on MySQL, a whole index) of these, by table or alias, for the query
 * or for each of its rows. MariaDB may instead read a subquery's table once per statement into a temporary index
 * (MATERIALIZED): one pass per sweep step, not one per candidate, so that is not counted.
 */
async function fullReads(db: Kysely<Database>, dialect: TestDialect, query: CompiledQuery, tables: readonly string[]): Promise<string[]> {
	if (dialect === 'sqlite') {
		const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
		return rows.map((row) => row.detail).filter((detail) => tables.some((table) => new RegExp(`^SCAN ${table}\\b`).test(detail)));
	}
	const { rows } = await db.executeQuery<{ table: string; type: string; select_type: string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
	return rows.filter((row) => tables.includes(row.table) && (row.type === 'ALL' || row.type === 'index') && row.select_type !== 'MATERIALIZED').map((row) => `${row.table}: ${row.select_type} ${row.type}`);
}

/** Each step of the plan, as one line: SQLite's detail, or MySQL's table, index and extra notes. */
async function planSteps(db: Kysely<Database>, dialect: TestDialect, query: CompiledQuery): Promise<string[]> {
	if (dialect === 'sqlite') return (await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]))).rows.map((row) => row.detail);
	const { rows } = await db.executeQuery<{ table: string; type: string; key: string | null; Extra: string | null }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
	return rows.map((row) => `${row.table} ${row.type} key=${row.key ?? ''} ${row.Extra ?? ''}`);
}

describe.each(testDialects())('lookups into the outbox stay index probes behind a backlog, on %s', (dialect) => {
	const handle = migratedStorage(dialect);
	let tenantId = '';
	let subscriptionId = '';
	const pending: string[] = [];
	const deadLettered: string[] = [];
	const finished: string[] = [];

	beforeAll(async () => {
		const { db } = handle.storage;
		const secrets = new SecretBox(randomBytes(32));
		const tenant = await repositories(db, secrets).tenants.create(systemPlatformScope('test'), { name: 'Backlog', slug: `backlog-${randomBytes(3).toString('hex')}` });
		tenantId = tenant.id;
		subscriptionId = (await new SubscriptionsRepository(db, secrets).create(systemScope(tenantId, 'test'), { targetUrl: 'http://127.0.0.1:9/down', events: ['*'] })).subscription.id;
		const event = (n: number, createdAt: string) => ({ id: `evt_backlog${String(n).padStart(8, '0')}`, tenant_id: tenantId, type: 'message.received', channel: 'cloud' as const, ordering_key: `cloud:1:${n % 500}`, body: '{}', occurred_at: createdAt, created_at: createdAt });
		const events = Array.from({ length: BACKLOG + 40 }, (_, n) => event(n, n < BACKLOG + 20 ? OLD : RECENT));
		for (const part of writeChunks(dialect, events, 200)) await db.executeQuery(insertRows(dialect, 'events', part));
		// Old events: most still waiting in the outbox, ten dead-lettered, ten delivered; then twenty recent ones.
		pending.push(...events.slice(0, BACKLOG).map((e) => e.id));
		deadLettered.push(...events.slice(BACKLOG, BACKLOG + 10).map((e) => e.id));
		finished.push(...events.slice(BACKLOG + 10, BACKLOG + 20).map((e) => e.id));
		const deliveries = events.slice(0, BACKLOG).map((e, n) => ({ tenant_id: tenantId, event_id: e.id, subscription_id: subscriptionId, ordering_key: e.ordering_key, attempts: 3, next_attempt_at: `2026-11-28T00:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000Z`, lease_token: null, last_error: 'connect ECONNREFUSED', last_status: null, created_at: OLD }));
		for (const part of writeChunks(dialect, deliveries)) await db.executeQuery(insertRows(dialect, 'outbox', part));
		const letters = deadLettered.map((eventId, n) => ({ id: `dlt_backlog${n}`, tenant_id: tenantId, event_id: eventId, subscription_id: subscriptionId, ordering_key: 'cloud:1:x', attempts: 10, last_error: 'gone', last_status: 410, queued_at: OLD, failed_at: OLD }));
		await db.executeQuery(insertRows(dialect, 'dead_letters', letters));
		// The statistics a running MariaDB would have: its plans weigh table sizes.
		if (dialect === 'mysql') await db.executeQuery(CompiledQuery.raw('analyze table outbox, events, dead_letters'));
	});

	test('the read of the rows a batch just leased to the local worker probes one instant of the due index', async () => {
		const { db } = handle.storage;
		const leaseUntil = '2026-11-28T00:00:30.000Z';
		expect(await fullReads(db, dialect, handedRows(db, 'lease.1', leaseUntil).compile(), ['outbox'])).toEqual([]);
		// And it finds exactly the leased rows, not others due at that instant.
		await db.updateTable('outbox').set({ lease_token: 'lease.1' }).where('event_id', 'in', [pending[30] as string]).execute();
		const rows = await handedRows(db, 'lease.1', leaseUntil).execute();
		expect(rows.map((row) => row.event_id)).toEqual([pending[30]]);
		await db.updateTable('outbox').set({ lease_token: null }).where('event_id', 'in', [pending[30] as string]).execute();
	});

	test('a claim walks the due deliveries only, not those parked behind a failing subscriber, and takes chain heads', async () => {
		const { db } = handle.storage;
		// One delivery falls due per second from 00:00:00 (see beforeAll): eleven are due at 00:00:10, each its chain's first.
		const now = '2026-11-28T00:00:10.000Z';
		expect(await fullReads(db, dialect, dueChainHeads(db, now, 128).compile(), ['o', 'outbox'])).toEqual([]);
		const claimed = await dueChainHeads(db, now, 128).execute();
		expect(claimed.map((row) => row.event_id)).toEqual(pending.slice(0, 11));
		// A chain's later delivery is not its head, however long it has been due.
		const later = await dueChainHeads(db, '2026-11-28T00:09:00.000Z', 1000).execute();
		expect(later).toHaveLength(500);
		expect(new Set(later.map((row) => row.ordering_key)).size).toBe(500);
	});

	test('the reply-wait purge asks about each settled wait by index', async () => {
		const { db } = handle.storage;
		expect(await fullReads(db, dialect, settledWaitsWithoutDeliveries(db as never, RECENT, 500).compile(), ['o', 'd', 'outbox', 'dead_letters'])).toEqual([]);
	});

	test("a subscription's delivery figures read indexes only, never the rows of its backlog", async () => {
		const { db } = handle.storage;
		const steps = (query: { compile(): CompiledQuery }) => planSteps(db, dialect, query.compile());
		if (dialect === 'sqlite') {
			expect(await steps(queuedDeliveries(db, [subscriptionId]))).toEqual([expect.stringMatching(/^SEARCH outbox USING COVERING INDEX outbox_chain \(subscription_id=\?\)$/)]);
			expect(await steps(deadLetterCounts(db, [subscriptionId]))).toEqual([expect.stringMatching(/^SEARCH dead_letters USING COVERING INDEX dead_letters_subscription_failed \(subscription_id=\?\)$/)]);
			// Rows tried at least once come from their own index: a few chain heads, not the backlog behind them.
			expect(await steps(triedDeliveries(db, tenantId, [subscriptionId]))).toEqual([expect.stringMatching(/^SEARCH outbox USING INDEX outbox_retrying \(subscription_id=\?\)$/)]);
			expect((await steps(lastRetriedFailure(db, tenantId, subscriptionId)))[0]).toMatch(/^SEARCH outbox USING INDEX outbox_retrying \(subscription_id=\?\)$/);
			// The latest dead letter is the last entry of the subscription's range: no sort of all of them.
			expect(await steps(lastDeadLetter(db, tenantId, subscriptionId))).toEqual([expect.stringMatching(/^SEARCH dead_letters USING INDEX dead_letters_subscription_failed \(subscription_id=\?\)$/)]);
		} else {
			// MySQL has no partial index: the tried rows are read through the subscription's range, off the event loop.
			expect(await steps(queuedDeliveries(db, [subscriptionId]))).toEqual([expect.stringMatching(/^outbox (ref|range) key=outbox_chain .*Using index/)]);
			expect(await steps(deadLetterCounts(db, [subscriptionId]))).toEqual([expect.stringMatching(/^dead_letters (ref|range) key=dead_letters_subscription_failed .*Using index/)]);
			const latest = await steps(lastDeadLetter(db, tenantId, subscriptionId));
			expect(latest).toEqual([expect.stringMatching(/^dead_letters (ref|range) key=dead_letters_subscription_failed/)]);
			expect(latest[0]).not.toMatch(/filesort/);
		}
		const health = (await deliveryHealth(db, systemScope(tenantId, 'test'), [subscriptionId])).get(subscriptionId);
		expect(health).toEqual({
			pending: BACKLOG,
			retrying: BACKLOG,
			oldestPendingAt: OLD,
			nextRetryAt: '2026-11-28T00:00:00.000Z',
			deadLetters: deadLettered.length,
			lastFailure: expect.objectContaining({ deadLettered: true, status: 410, error: 'gone' }),
			healthy: false,
		});
	});

	test('the retention sweep asks about each old event by index, and keeps what a delivery or dead letter needs', async () => {
		const { db } = handle.storage;
		expect(await fullReads(db, dialect, finishedEventsBefore(db, RECENT, 1000).compile(), ['o', 'd', 'outbox', 'dead_letters'])).toEqual([]);
		const swept = await new RetentionWorker({ db, logger: createLogger({ level: 'silent' }), retentionDays: 1 }).sweep(new Date('2026-11-01T00:00:00.000Z'));
		expect(swept).toBe(finished.length);
		const left = new Set((await db.selectFrom('events').select('id').execute()).map((row) => row.id));
		for (const id of [...pending, ...deadLettered]) expect(left.has(id)).toBe(true);
		for (const id of finished) expect(left.has(id)).toBe(false);
		expect(left.size).toBe(BACKLOG + 30);
	});
});
