import { sql } from 'kysely';
import type { TenantScope } from '../auth/tenantScope';
import type { Executor } from '../storage/database';
import { chunks } from './sql';

/** Where a subscription's deliveries stand: what a builder asks when a trigger stays silent. */
export interface DeliveryHealth {
	/** Deliveries not done yet (queued, in flight or waiting to be retried). */
	pending: number;
	/** Of those, the ones that failed at least once. */
	retrying: number;
	/** When the oldest of them was queued: how far behind the listener is. */
	oldestPendingAt: string | null;
	/** The earliest moment a failed delivery is tried again. */
	nextRetryAt: string | null;
	/** The failing delivery with the most attempts, and why its last attempt failed. */
	lastFailure: { eventId: string; attempts: number; status: number | null; error: string | null } | null;
	/** Deliveries given up on, waiting to be replayed or discarded. */
	deadLetters: number;
	/** Nothing failing and nothing given up on. */
	healthy: boolean;
}

const EMPTY: Omit<DeliveryHealth, 'healthy'> = { pending: 0, retrying: 0, oldestPendingAt: null, nextRetryAt: null, lastFailure: null, deadLetters: 0 };

/**
 * Read-only figures from the outbox and the dead letters, computed when asked: the delivery path writes nothing
 * extra for them. A row being attempted right now counts as pending; for a retried one being attempted, nextRetryAt
 * is the end of its lease.
 */
export async function deliveryHealth(db: Executor, scope: TenantScope, subscriptionIds: readonly string[]): Promise<Map<string, DeliveryHealth>> {
	const found = new Map<string, Omit<DeliveryHealth, 'healthy'>>(subscriptionIds.map((id) => [id, { ...EMPTY }]));
	for (const ids of chunks([...found.keys()])) {
		const queued = await db
			.selectFrom('outbox')
			.select([
				'subscription_id',
				(eb) => eb.fn.countAll<number | string>().as('pending'),
				sql<number | string | null>`sum(case when attempts > 0 then 1 else 0 end)`.as('retrying'),
				(eb) => eb.fn.min('created_at').as('oldest'),
				sql<string | null>`min(case when attempts > 0 then next_attempt_at end)`.as('next_retry'),
			])
			.where('tenant_id', '=', scope.tenantId)
			.where('subscription_id', 'in', ids)
			.groupBy('subscription_id')
			.execute();
		for (const row of queued) {
			const health = found.get(row.subscription_id);
			if (!health) continue;
			health.pending = Number(row.pending);
			health.retrying = Number(row.retrying ?? 0);
			health.oldestPendingAt = row.oldest ?? null;
			health.nextRetryAt = row.next_retry ?? null;
		}
		const dead = await db
			.selectFrom('dead_letters')
			.select(['subscription_id', (eb) => eb.fn.countAll<number | string>().as('count')])
			.where('tenant_id', '=', scope.tenantId)
			.where('subscription_id', 'in', ids)
			.groupBy('subscription_id')
			.execute();
		for (const row of dead) {
			const health = found.get(row.subscription_id);
			if (health) health.deadLetters = Number(row.count);
		}
	}
	for (const [id, health] of found) {
		if (health.retrying === 0) continue;
		const worst = await db
			.selectFrom('outbox')
			.select(['event_id', 'attempts', 'last_status', 'last_error'])
			.where('tenant_id', '=', scope.tenantId)
			.where('subscription_id', '=', id)
			.where('attempts', '>', 0)
			.orderBy('attempts', 'desc')
			.orderBy('id')
			.limit(1)
			.executeTakeFirst();
		if (worst) health.lastFailure = { eventId: worst.event_id, attempts: worst.attempts, status: worst.last_status, error: worst.last_error };
	}
	return new Map([...found].map(([id, health]) => [id, { ...health, healthy: health.retrying === 0 && health.deadLetters === 0 }]));
}
