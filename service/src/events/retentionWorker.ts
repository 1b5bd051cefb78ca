import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger';
import type { Worker } from '../service';
import type { Database } from '../storage/schema';

/**
 * Events created before `before` that no delivery and no dead letter refers to. On SQLite each candidate costs two
 * index probes (outbox_event, dead_letters_event); without them it read the whole outbox for every candidate, so a
 * subscriber's backlog stalled the service for as long as the sweep took. MariaDB may instead read each index once per
 * step into a temporary one. One statement, so both answers come from one snapshot: a delivery moving to the dead
 * letters (or back) between two separate reads could make a needed event look finished.
 */
export const finishedEventsBefore = (db: Kysely<Database>, before: string, limit: number) =>
	db
		.selectFrom('events as e')
		.select('e.id')
		.where('e.created_at', '<', before)
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('outbox as o').select('o.id').whereRef('o.event_id', '=', 'e.id'))))
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('dead_letters as d').select('d.id').whereRef('d.event_id', '=', 'e.id'))))
		.limit(limit);

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const ROWS_PER_STEP = 1000;

/**
 * Keeps the event tables from growing forever: events no delivery or dead letter still needs, and inbound dedupe
 * keys, are deleted once older than the retention. Deletes go in small steps so they never hold locks for long.
 * Several replicas may run it; the deletes are idempotent.
 */
export class RetentionWorker implements Worker {
	readonly name = 'event-retention';
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | undefined;

	constructor(private readonly deps: { db: Kysely<Database>; logger: Logger; retentionDays: number; intervalMs?: number }) {}

	async start(): Promise<void> {
		this.timer = setInterval(() => {
			if (!this.running) this.running = this.sweep().then(() => undefined).finally(() => (this.running = undefined));
		}, this.deps.intervalMs ?? SWEEP_INTERVAL_MS);
		this.timer.unref();
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		await this.running;
	}

	/** One pass; returns how many rows went. */
	async sweep(now = new Date()): Promise<number> {
		const { db, logger, retentionDays } = this.deps;
		const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
		let removed = 0;
		try {
			for (;;) {
				const stale = await finishedEventsBefore(db, before, ROWS_PER_STEP).execute();
				if (stale.length === 0) break;
				const result = await db.deleteFrom('events').where('id', 'in', stale.map((row) => row.id)).executeTakeFirst();
				removed += Number(result.numDeletedRows);
				if (stale.length < ROWS_PER_STEP) break;
			}
			const keys = await db.deleteFrom('inbound_event_keys').where('created_at', '<', before).executeTakeFirst();
			removed += Number(keys.numDeletedRows);
			if (removed > 0) logger.info({ removed, olderThan: before }, 'pruned delivered events and old dedupe keys');
		} catch (error) {
			logger.error({ err: error }, 'pruning old events failed; will try again');
		}
		return removed;
	}
}
