import type { Kysely } from 'kysely';
import { insertRows, transactionWithRetry } from '../../../events/sql';
import type { Dialect } from '../../../storage/database';
import type { Database } from '../../../storage/schema';
import type { SlotGrant, SlotLimits, SlotRefusal } from './pacedSlots';

/** What a schedule of sends needs, whether this process keeps it (PacedSlots) or the replicas share it. */
export interface ThroughputSchedule {
	reserve(key: string, perSecond: number, burst: number, limits: SlotLimits): SlotGrant | SlotRefusal | Promise<SlotGrant | SlotRefusal>;
	enter(key: string): void;
	leave(key: string): void;
	waiting(key: string): number;
}

/** A block of send times taken from the shared schedule, or why none could be. */
export type Block = { slots: number[] } | SlotRefusal;

/**
 * Reserves `count` consecutive send times of one schedule (GCRA, as PacedSlots: `burst` may go at once after a quiet
 * spell), never more than `maxWaitMs` ahead. Atomic across replicas: the row is locked while it moves on.
 */
export class SqlPacingStore {
	constructor(
		private readonly db: Kysely<Database>,
		private readonly dialect: Dialect,
	) {}

	reserveBlock(key: string, input: { now: number; intervalMs: number; toleranceMs: number; count: number; maxWaitMs: number }): Promise<Block> {
		// Two replicas creating a number's row at once can deadlock on MySQL's gap locks: nothing is kept then, so again.
		return transactionWithRetry(this.db, async (tx) => {
			let read = tx.selectFrom('send_pacing').select('next_at_ms').where('pace_key', '=', key);
			if (this.dialect === 'mysql') read = read.forUpdate();
			let row = await read.executeTakeFirst();
			if (!row) {
				// First use of this number: create its row (a racing replica's insert wins; then lock that one).
				await tx.executeQuery(insertRows(this.dialect, 'send_pacing', [{ pace_key: key, next_at_ms: input.now }], { ignoreDuplicates: true }));
				row = await read.executeTakeFirstOrThrow();
			}
			let nextAt = Number(row.next_at_ms);
			const slots: number[] = [];
			for (let i = 0; i < input.count; i++) {
				const theoretical = Math.max(nextAt, input.now);
				const at = Math.max(input.now, theoretical - input.toleranceMs);
				if (at - input.now > input.maxWaitMs) break;
				slots.push(at);
				nextAt = theoretical + input.intervalMs;
			}
			if (slots.length === 0) {
				const first = Math.max(input.now, Math.max(nextAt, input.now) - input.toleranceMs);
				return { retryAfterMs: first - input.now, reason: 'wait_too_long' as const };
			}
			await tx.updateTable('send_pacing').set({ next_at_ms: nextAt }).where('pace_key', '=', key).execute();
			return { slots };
		});
	}
}

/** Send times taken but not yet handed out are dropped this long after their moment: the other replicas moved on. */
const STALE_SLOT_MS = 50;
/** How much of a second's throughput one replica takes from the shared schedule at a time. */
const BLOCK_SECONDS = 0.05;

interface Pool {
	/** Send times this replica holds, earliest first. */
	slots: number[];
	refill: Promise<SlotRefusal | undefined> | undefined;
	/** Callers sleeping until their slot comes. */
	waiting: number;
	/** Callers waiting for the database to hand this replica more slots: they are queued too. */
	refilling: number;
}

/**
 * A number's throughput shared by every replica on one MySQL database, so that together they stay under Meta's
 * limit (each pacing alone would let N replicas send N times it, and Meta refuse the rest with 130429). Each replica
 * takes short blocks of send times from the number's row, one transaction per block (80/s: 4 sends per block,
 * 20 transactions a second at full pace), and hands them to its callers in arrival order.
 */
export class SharedThroughput implements ThroughputSchedule {
	private readonly pools = new Map<string, Pool>();

	constructor(
		private readonly store: Pick<SqlPacingStore, 'reserveBlock'>,
		private readonly now: () => number = () => Date.now(),
	) {}

	async reserve(key: string, perSecond: number, burst: number, limits: SlotLimits): Promise<SlotGrant | SlotRefusal> {
		const pool = this.pool(key);
		let queued = false;
		for (;;) {
			const now = this.now();
			while (pool.slots.length > 0 && (pool.slots[0] as number) < now - STALE_SLOT_MS) pool.slots.shift();
			const slot = pool.slots[0];
			if (slot !== undefined) {
				const waitMs = Math.max(0, slot - now);
				if (waitMs > 0 && pool.waiting >= limits.queueLimit) return { retryAfterMs: waitMs, reason: 'queue_full' };
				pool.slots.shift();
				return { waitMs };
			}
			// A slow database must not let the queue grow past its bound unseen: everyone ahead takes a slot first.
			// Checked once, on joining, so a caller already queued is never refused for those who came after it.
			const ahead = pool.waiting + pool.refilling;
			if (!queued && ahead >= limits.queueLimit) return { retryAfterMs: Math.ceil((Math.max(1, ahead - Math.max(1, burst) + 1) * 1000) / perSecond), reason: 'queue_full' };
			queued = true;
			pool.refill ??= this.refill(key, pool, perSecond, burst, limits);
			pool.refilling++;
			const refusal = await pool.refill.finally(() => pool.refilling--);
			if (refusal) return refusal;
		}
	}

	enter(key: string): void {
		this.pool(key).waiting++;
	}

	leave(key: string): void {
		this.pool(key).waiting--;
	}

	waiting(key: string): number {
		return this.pools.get(key)?.waiting ?? 0;
	}

	private pool(key: string): Pool {
		let pool = this.pools.get(key);
		if (!pool) this.pools.set(key, (pool = { slots: [], refill: undefined, waiting: 0, refilling: 0 }));
		return pool;
	}

	private async refill(key: string, pool: Pool, perSecond: number, burst: number, limits: SlotLimits): Promise<SlotRefusal | undefined> {
		try {
			const intervalMs = 1000 / perSecond;
			const count = Math.max(1, Math.min(Math.max(1, burst), Math.ceil(perSecond * BLOCK_SECONDS)));
			const block = await this.store.reserveBlock(key, { now: this.now(), intervalMs, toleranceMs: (Math.max(1, burst) - 1) * intervalMs, count, maxWaitMs: limits.maxWaitMs });
			if ('retryAfterMs' in block) return block;
			pool.slots.push(...block.slots);
			return undefined;
		} finally {
			pool.refill = undefined;
		}
	}
}
