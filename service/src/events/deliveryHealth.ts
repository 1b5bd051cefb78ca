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
	/** The most recent failed attempt, of a delivery still being retried or of one given up on: why the listener fails. */
	lastFailure: LastFailure | null;
	/** Deliveries given up on, waiting to be replayed or discarded. */
	deadLetters: number;
	/** Nothing failing and nothing given up on. */
	healthy: boolean;
}

export interface LastFailure {
	eventId: string;
	attempts: number;
	/** The listener's HTTP status, or null when it could not be reached. */
	status: number | null;
	error: string | null;
	/** When that attempt failed (null for a retried delivery that last failed before this was recorded). */
	failedAt: string | null;
	/** The delivery was given up on: it waits in the dead letters. */
	deadLettered: boolean;
}

const EMPTY: Omit<DeliveryHealth, 'healthy'> = { pending: 0, retrying: 0, oldestPendingAt: null, nextRetryAt: null, lastFailure: null, deadLetters: 0 };

/**
 * Read-only figures from the outbox and the dead letters, computed when asked: the delivery path writes nothing
 * extra for them. A row being attempted right now counts as pending; for a retried one being attempted, nextRetryAt
 * is the end of its lease.
 *
 * Behind a subscriber that is down, a subscription may have a million deliveries queued, and on SQLite every read
 * here runs on the event loop. So no step reads those rows: the count and the oldest come from the chain index alone
 * (queuedDeliveries), and the few rows tried at least once from an index of their own (triedDeliveries).
 */
export async function deliveryHealth(db: Executor, scope: TenantScope, subscriptionIds: readonly string[]): Promise<Map<string, DeliveryHealth>> {
	const found = new Map<string, Omit<DeliveryHealth, 'healthy'>>(subscriptionIds.map((id) => [id, { ...EMPTY }]));
	for (const ids of chunks([...found.keys()])) {
		const queued = await queuedDeliveries(db, ids).execute();
		const firsts = queued.map((row) => Number(row.first));
		const queuedAt = new Map(firsts.length === 0 ? [] : (await db.selectFrom('outbox').select(['id', 'created_at']).where('id', 'in', firsts).execute()).map((row) => [Number(row.id), row.created_at]));
		for (const row of queued) {
			const health = found.get(row.subscription_id);
			if (!health) continue;
			health.pending = Number(row.pending);
			// Ids grow with time: the first delivery still queued is the oldest (or was delivered just now).
			health.oldestPendingAt = queuedAt.get(Number(row.first)) ?? null;
		}
		for (const row of await triedDeliveries(db, scope.tenantId, ids).execute()) {
			const health = found.get(row.subscription_id);
			if (!health) continue;
			health.retrying = Number(row.retrying);
			health.nextRetryAt = row.next_retry ?? null;
		}
		const dead = await deadLetterCounts(db, ids).execute();
		for (const row of dead) {
			const health = found.get(row.subscription_id);
			if (health) health.deadLetters = Number(row.count);
		}
	}
	for (const [id, health] of found) {
		if (health.retrying > 0 || health.deadLetters > 0) health.lastFailure = await lastFailure(db, scope, id);
	}
	return new Map([...found].map(([id, health]) => [id, { ...health, healthy: health.retrying === 0 && health.deadLetters === 0 }]));
}

/**
 * How many deliveries each subscription has queued and the first one's id, answered from outbox_chain (subscription
 * first) without reading a row. The ids are the caller's tenant's subscriptions, whose deliveries are all its own.
 */
export const queuedDeliveries = (db: Executor, subscriptionIds: readonly string[]) =>
	db
		.selectFrom('outbox')
		.select(['subscription_id', (eb) => eb.fn.countAll<number | string>().as('pending'), (eb) => eb.fn.min('id').as('first')])
		.where('subscription_id', 'in', subscriptionIds)
		.groupBy('subscription_id');

/** The deliveries tried at least once, by subscription: on SQLite through outbox_retrying, which holds only them. */
export const triedDeliveries = (db: Executor, tenantId: string, subscriptionIds: readonly string[]) =>
	db
		.selectFrom('outbox')
		.select(['subscription_id', (eb) => eb.fn.countAll<number | string>().as('retrying'), (eb) => eb.fn.min('next_attempt_at').as('next_retry')])
		.where('subscription_id', 'in', subscriptionIds)
		.where('attempts', '>', 0)
		.where('tenant_id', '=', tenantId)
		.groupBy('subscription_id');

/** Dead letters by subscription, counted in dead_letters_subscription_failed alone. */
export const deadLetterCounts = (db: Executor, subscriptionIds: readonly string[]) =>
	db
		.selectFrom('dead_letters')
		.select(['subscription_id', (eb) => eb.fn.countAll<number | string>().as('count')])
		.where('subscription_id', 'in', subscriptionIds)
		.groupBy('subscription_id');

/** The retried delivery that failed last (most attempts first among those without a time). */
export const lastRetriedFailure = (db: Executor, tenantId: string, subscriptionId: string) =>
	db
		.selectFrom('outbox')
		.select(['event_id', 'attempts', 'last_status', 'last_error', 'last_failed_at'])
		.where('subscription_id', '=', subscriptionId)
		.where('attempts', '>', 0)
		.where('tenant_id', '=', tenantId)
		// Both dialects sort nulls lowest: rows without a time come after every timed one.
		.orderBy('last_failed_at', 'desc')
		.orderBy('attempts', 'desc')
		.orderBy('id')
		.limit(1);

/** The subscription's latest dead letter: the last entry of its range in dead_letters_subscription_failed. */
export const lastDeadLetter = (db: Executor, tenantId: string, subscriptionId: string) =>
	db
		.selectFrom('dead_letters')
		.select(['event_id', 'attempts', 'last_status', 'last_error', 'failed_at'])
		.where('subscription_id', '=', subscriptionId)
		.where('tenant_id', '=', tenantId)
		.orderBy('failed_at', 'desc')
		.limit(1);

/**
 * The latest failure of a subscription: the retried delivery that failed last (most attempts first among those
 * without a time) against the latest dead letter, whichever failed later.
 */
async function lastFailure(db: Executor, scope: TenantScope, subscriptionId: string): Promise<LastFailure | null> {
	const retried = await lastRetriedFailure(db, scope.tenantId, subscriptionId).executeTakeFirst();
	const dead = await lastDeadLetter(db, scope.tenantId, subscriptionId).executeTakeFirst();
	const fromRetried = retried && { eventId: retried.event_id, attempts: retried.attempts, status: retried.last_status, error: retried.last_error, failedAt: retried.last_failed_at, deadLettered: false };
	const fromDead = dead && { eventId: dead.event_id, attempts: dead.attempts, status: dead.last_status, error: dead.last_error, failedAt: dead.failed_at, deadLettered: true };
	if (!fromRetried || !fromDead) return fromRetried ?? fromDead ?? null;
	// ISO timestamps of one clock compare as text; a retried row without a time is older than this column.
	return (fromRetried.failedAt ?? '') >= fromDead.failedAt ? fromRetried : fromDead;
}
