import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { EventSettings } from '../config/config';
import type { Logger } from '../logging/logger';
import type { Worker } from '../service';
import { deferredWrite } from '../storage/pipelining';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema';
import { judgeFailure } from './backoff';
import type { HttpSender, SendResult } from './httpSender';
import type { ServiceMetrics } from './metrics';
import type { EventOutbox, Handoff, LocalClaimer } from './outbox';
import { signDelivery } from './signing';
import type { SubscriptionsRepository } from './subscriptionsRepository';
import { bookkeepingTransaction, chunks } from './sql';

interface ClaimedDelivery {
	id: number;
	eventId: string;
	tenantId: string;
	subscriptionId: string;
	orderingKey: string;
	attempts: number;
	queuedAt: string;
	leaseToken: string;
}

/** A delivery ready to post: body and target in hand. */
interface Ready {
	delivery: ClaimedDelivery;
	type: string;
	body: string;
	url: string;
	secret: string;
}

interface Completion {
	delivery: ClaimedDelivery;
	result: SendResult | { ok: false; status: null; error: string; elapsedMs: 0 };
	/** The subscription or event vanished while in flight: just drop the row if it is still there. */
	orphaned?: boolean;
}

/** A claim holds a delivery this long past its timeout; a process that dies mid-delivery releases it by expiry. */
const LEASE_MARGIN_MS = 5_000;
/**
 * Claimed deliveries kept ready beyond those in flight, as a share of the concurrency: when posts come back, the
 * next ones leave at once instead of after a claim's round trips, and claims come in fewer, larger batches
 * (draining 30,000 on MariaDB, 6 paired runs: 4,152-4,929 → 4,514-5,079/s, the database's CPU per delivery 117-123 →
 * 100-106 µs). A ready delivery waits at most one post (one timeout) before its own; its lease covers both.
 */
const CLAIM_AHEAD = 1;
const MAX_CLAIM = 256;
const FLUSH_INTERVAL_MS = 10;

/**
 * Moves events from the outbox to subscribers: claims due deliveries (SKIP LOCKED on MySQL so replicas share the
 * work), posts them with bounded concurrency, and records the outcomes in batches.
 *
 * Per-conversation order: a delivery is claimable only when no earlier delivery of the same (subscription,
 * ordering key) is still in the outbox, i.e. every earlier one was delivered or dead-lettered.
 */
export class DeliveryWorker implements Worker, LocalClaimer {
	readonly name = 'event-delivery';
	private running = false;
	private inFlight = 0;
	private readonly ready: Ready[] = [];
	private readonly secrets = new Map<string, string>();
	private loopDone: Promise<void> = Promise.resolve();
	private wakeUp: (() => void) | undefined;
	private wakePending = false;
	private completions: Completion[] = [];
	private flushing: Promise<void> | undefined;
	private lastFlushAt = 0;
	private readonly idle = new Set<() => void>();

	/** Heads every lease token this worker writes: its WORKER_ID's, or random for this process's life. */
	readonly ownerTag: string;

	constructor(
		private readonly deps: {
			db: Kysely<Database>;
			dialect: Dialect;
			settings: EventSettings;
			logger: Logger;
			metrics: ServiceMetrics;
			outbox: EventOutbox;
			subscriptions: SubscriptionsRepository;
			sender: HttpSender;
		},
	) {
		this.ownerTag = leaseOwnerTag(deps.settings.workerId);
	}

	async start(): Promise<void> {
		await this.reclaimLeasesOfPreviousRun();
		this.running = true;
		this.deps.outbox.setLocalClaimer(this);
		this.loopDone = this.loop();
	}

	async stop(): Promise<void> {
		this.running = false;
		this.deps.outbox.setLocalClaimer(undefined);
		this.wake();
		await this.loopDone;
		// Whatever is claimed or handed over but not posted yet stays unposted (pump stops with `running`).
		const unposted = this.ready.splice(0).map((entry) => entry.delivery);
		// Let deliveries in flight finish (each is bounded by the timeout) so their outcome is recorded.
		while (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
		await this.flush();
		await this.release(unposted);
		this.deps.sender.close();
	}

	/**
	 * Leases a previous life of this worker left (killed mid-delivery, or a power cut) are due now, not when they run
	 * out (up to two timeouts plus a margin). On SQLite every lease is such a one: a SQLite file belongs to one service
	 * process. On MySQL a lease may be a live replica's, so only those written under this replica's WORKER_ID are.
	 */
	private async reclaimLeasesOfPreviousRun(): Promise<void> {
		const { dialect, settings, db, logger } = this.deps;
		if (dialect !== 'sqlite' && !settings.workerId) return;
		const now = new Date().toISOString();
		let query = db.updateTable('outbox').set({ next_attempt_at: now, lease_token: null }).where('next_attempt_at', '>', now);
		query = dialect === 'sqlite' ? query.where('lease_token', 'is not', null) : query.where('lease_token', 'like', `${this.ownerTag}.%`);
		const reclaimed = Number((await query.executeTakeFirst()).numUpdatedRows);
		if (reclaimed > 0) logger.info({ deliveries: reclaimed }, 'deliveries leased by a previous run of this worker that stopped without finishing them are due again now');
	}

	newLeaseToken(): string {
		return leaseTokenFor(this.ownerTag);
	}

	freeSlots(): number {
		return this.running ? Math.max(0, this.deps.settings.concurrency - this.inFlight - this.ready.length) : 0;
	}

	leaseUntil(): string {
		return new Date(Date.now() + this.deps.settings.timeoutMs + LEASE_MARGIN_MS).toISOString();
	}

	/** A claimed delivery may wait in `ready` for one post before its own: its lease covers both. */
	private claimLeaseUntil(): string {
		return new Date(Date.now() + 2 * this.deps.settings.timeoutMs + LEASE_MARGIN_MS).toISOString();
	}

	/** How many more deliveries the loop may claim: free slots, plus the ready buffer claimed ahead. */
	private claimRoom(): number {
		const { concurrency } = this.deps.settings;
		return this.running ? concurrency * (1 + CLAIM_AHEAD) - this.inFlight - this.ready.length : 0;
	}

	/** Deliveries leased to this process by the transaction that wrote them (see EventOutbox). */
	accept(handoffs: readonly Handoff[]): void {
		if (!this.running) return;
		for (const handoff of handoffs) {
			const secret = this.secretOf(handoff.subscriptionId, handoff.target.version, handoff.target.secretEnc);
			this.ready.push({
				delivery: { id: handoff.id, eventId: handoff.eventId, tenantId: handoff.tenantId, subscriptionId: handoff.subscriptionId, orderingKey: handoff.orderingKey, attempts: 0, queuedAt: handoff.queuedAt, leaseToken: handoff.leaseToken },
				type: handoff.type,
				body: handoff.body,
				url: handoff.target.url,
				secret,
			});
		}
		this.pump();
	}

	private secretOf(subscriptionId: string, version: string, secretEnc: string): string {
		const key = `${subscriptionId}@${version}`;
		let secret = this.secrets.get(key);
		if (secret === undefined) {
			if (this.secrets.size > 10_000) this.secrets.clear();
			secret = this.deps.subscriptions.openSecret(subscriptionId, secretEnc);
			this.secrets.set(key, secret);
		}
		return secret;
	}

	/** New deliveries may be due: look now instead of at the next poll. */
	wake(): void {
		this.wakePending = true;
		this.wakeUp?.();
	}

	private async loop(): Promise<void> {
		const { settings, logger } = this.deps;
		while (this.running) {
			this.wakePending = false;
			const capacity = this.claimRoom();
			let claimed: ClaimedDelivery[] = [];
			if (capacity > 0) {
				try {
					claimed = await this.claim(Math.min(capacity, MAX_CLAIM));
				} catch (error) {
					logger.error({ err: error }, 'claiming deliveries failed; retrying shortly');
				}
				if (claimed.length > 0) await this.dispatch(claimed);
			}
			if (!this.running) break;
			if (claimed.length > 0 && claimed.length === Math.min(capacity, MAX_CLAIM)) continue;
			if (this.wakePending) continue;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, settings.pollIntervalMs);
				this.wakeUp = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			this.wakeUp = undefined;
		}
	}

	private async claim(limit: number): Promise<ClaimedDelivery[]> {
		const { dialect } = this.deps;
		const nowIso = new Date().toISOString();
		const leaseUntil = this.claimLeaseUntil();
		const leaseToken = this.newLeaseToken();
		return this.transaction(async (tx) => {
			let query = dueChainHeads(tx, nowIso, limit);
			if (dialect === 'mysql') query = query.forUpdate().skipLocked();
			const rows = await query.execute();
			if (rows.length === 0) return [];
			// The lease travels with the COMMIT on MySQL (see deferredWrite): the claim costs one round trip less.
			await deferredWrite(
				tx,
				tx
					.updateTable('outbox')
					.set({ next_attempt_at: leaseUntil, lease_token: leaseToken })
					.where('id', 'in', rows.map((row) => row.id)),
			);
			return rows.map((row) => ({ id: Number(row.id), eventId: row.event_id, tenantId: row.tenant_id, subscriptionId: row.subscription_id, orderingKey: row.ordering_key, attempts: row.attempts, queuedAt: row.created_at, leaseToken }));
		});
	}

	private async dispatch(claimed: ClaimedDelivery[]): Promise<void> {
		const { db, subscriptions } = this.deps;
		const eventIds = [...new Set(claimed.map((c) => c.eventId))];
		const [events, targets] = await Promise.all([
			db.selectFrom('events').select(['id', 'type', 'body']).where('id', 'in', eventIds).execute(),
			subscriptions.targetsForDelivery([...new Set(claimed.map((c) => c.subscriptionId))]),
		]);
		const eventsById = new Map(events.map((event) => [event.id, event]));
		for (const delivery of claimed) {
			const event = eventsById.get(delivery.eventId);
			const target = targets.get(delivery.subscriptionId);
			if (!event || !target) {
				this.complete({ delivery, result: { ok: false, status: null, error: 'subscription or event removed', elapsedMs: 0 }, orphaned: true });
				continue;
			}
			this.ready.push({ delivery, type: event.type, body: event.body, url: target.targetUrl, secret: target.secret });
		}
		this.pump();
	}

	/** Posts ready deliveries while there are free slots. */
	private pump(): void {
		while (this.running && this.inFlight < this.deps.settings.concurrency && this.ready.length > 0) {
			const { delivery, type, body, url, secret } = this.ready.shift() as Ready;
			this.inFlight++;
			const timestamp = String(Math.floor(Date.now() / 1000));
			void this.deps.sender
				.post(url, body, {
					'user-agent': 'whatsapp-multitenant-events/1',
					'x-event-id': delivery.eventId,
					'x-event-type': type,
					'x-timestamp': timestamp,
					'x-delivery-attempt': String(delivery.attempts + 1),
					'x-signature-256': signDelivery(secret, timestamp, body),
				})
				.then((result) => {
					this.inFlight--;
					this.complete({ delivery, result });
					this.pump();
					if (this.inFlight === 0) {
						for (const resolve of this.idle) resolve();
						this.idle.clear();
					}
				});
		}
	}

	private complete(completion: Completion): void {
		this.completions.push(completion);
		if (!this.flushing) this.flushing = this.flushSoon();
	}

	/**
	 * Outcomes are written together: one transaction per burst of answers rather than per answer, and at most one
	 * per FLUSH_INTERVAL_MS, so bookkeeping leaves the (single, on SQLite) connection to the writes that answer
	 * webhooks. Until then delivered rows only sit in the outbox under their lease.
	 */
	private async flushSoon(): Promise<void> {
		const wait = Math.max(0, this.lastFlushAt + FLUSH_INTERVAL_MS - Date.now());
		await new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
		this.lastFlushAt = Date.now();
		try {
			await this.flush();
		} finally {
			this.flushing = undefined;
			if (this.completions.length > 0) this.flushing = this.flushSoon();
		}
		this.wake();
	}

	private async flush(): Promise<void> {
		while (this.completions.length > 0) {
			const batch = this.completions;
			this.completions = [];
			try {
				await this.record(batch);
			} catch (error) {
				// The rows keep their lease and are retried once it expires; nothing is lost, at worst delivered twice.
				this.deps.logger.error({ err: error, deliveries: batch.length }, 'recording delivery outcomes failed');
				return;
			}
		}
	}

	private async record(batch: Completion[]): Promise<void> {
		const { settings, metrics, logger } = this.deps;
		const now = new Date();
		const nowIso = now.toISOString();
		const delivered: ClaimedDelivery[] = [];
		const retries: Array<{ delivery: ClaimedDelivery; at: string; result: Completion['result'] }> = [];
		const dead: Array<{ delivery: ClaimedDelivery; reason: string; result: Completion['result'] }> = [];
		for (const { delivery, result, orphaned } of batch) {
			if (orphaned || result.ok) {
				delivered.push(delivery);
				if (!orphaned) {
					metrics.deliveryAttempts.inc({ result: 'delivered' });
					metrics.deliveryLatency.observe((now.getTime() - Date.parse(delivery.queuedAt)) / 1000);
				}
				continue;
			}
			metrics.deliveryAttempts.inc({ result: 'failed' });
			const verdict = judgeFailure({ attempts: delivery.attempts + 1, queuedAt: new Date(delivery.queuedAt), now, status: result.status, baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs, maxAgeSeconds: settings.maxAgeSeconds });
			if (verdict.kind === 'dead') dead.push({ delivery, reason: `${result.error ?? 'failed'}; ${verdict.reason}`, result });
			else retries.push({ delivery, at: verdict.at.toISOString(), result });
			logger.debug({ eventId: delivery.eventId, subscriptionId: delivery.subscriptionId, attempt: delivery.attempts + 1, error: result.error }, 'delivery failed');
		}

		// No statement here needs its answer: on MySQL they all travel with the COMMIT (see deferredWrite).
		await this.transaction(async (tx) => {
			if (delivered.length > 0) await deferredWrite(tx, tx.deleteFrom('outbox').where('id', 'in', delivered.map((d) => d.id)));
			for (const { delivery, at, result } of retries) {
				await deferredWrite(
					tx,
					tx
						.updateTable('outbox')
						.set({ attempts: delivery.attempts + 1, next_attempt_at: at, lease_token: null, last_error: (result.error ?? 'failed').slice(0, 1000), last_status: result.status, last_failed_at: nowIso })
						.where('id', '=', delivery.id)
						.where('lease_token', '=', delivery.leaseToken),
				);
				// Later deliveries of the chain cannot go before this one: park them too, so claims stop scanning them.
				await moveChainTail(tx, delivery, at, 'later');
			}
			for (const { delivery, reason, result } of dead) {
				await deferredWrite(
					tx,
					tx
						.insertInto('dead_letters')
						.values({ id: newId('dlq'), tenant_id: delivery.tenantId, event_id: delivery.eventId, subscription_id: delivery.subscriptionId, ordering_key: delivery.orderingKey, attempts: delivery.attempts + 1, last_error: reason.slice(0, 1000), last_status: result.status, queued_at: delivery.queuedAt, failed_at: nowIso }),
				);
				await deferredWrite(tx, tx.deleteFrom('outbox').where('id', '=', delivery.id));
			}
			// A chain whose head was parked after failures moves again once the head is done (delivered or dead).
			for (const delivery of [...delivered.filter((d) => d.attempts > 0), ...dead.map((d) => d.delivery)]) {
				await moveChainTail(tx, delivery, nowIso, 'earlier');
			}
		});
		for (const { delivery, reason } of dead) {
			metrics.deadLettered.inc();
			logger.warn({ eventId: delivery.eventId, subscriptionId: delivery.subscriptionId, tenantId: delivery.tenantId, attempts: delivery.attempts + 1, reason }, 'delivery dead-lettered');
		}
	}

	/**
	 * Gives back deliveries claimed or handed over but never posted, so another replica (or this one after a restart)
	 * takes them at once rather than when their lease runs out. Only rows still under our lease are touched. Should
	 * this fail, the leases simply expire: nothing is lost.
	 */
	private async release(unposted: ClaimedDelivery[]): Promise<void> {
		if (unposted.length === 0) return;
		const byLease = new Map<string, number[]>();
		for (const delivery of unposted) {
			const ids = byLease.get(delivery.leaseToken) ?? [];
			ids.push(delivery.id);
			byLease.set(delivery.leaseToken, ids);
		}
		const nowIso = new Date().toISOString();
		try {
			await this.transaction(async (tx) => {
				for (const [leaseToken, ids] of byLease) {
					for (const part of chunks(ids)) await deferredWrite(tx, tx.updateTable('outbox').set({ next_attempt_at: nowIso, lease_token: null }).where('id', 'in', part).where('lease_token', '=', leaseToken));
				}
			});
		} catch (error) {
			this.deps.logger.warn({ err: error, deliveries: unposted.length }, 'releasing unposted deliveries failed; their leases will expire');
		}
	}

	private transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
		return bookkeepingTransaction(this.deps.db, this.deps.dialect, work);
	}
}

/**
 * Moves the not-yet-tried deliveries queued behind `head` in its chain to `at`: 'later' parks them behind a failed
 * head's retry, 'earlier' releases them once the head is done. Only rows on the wrong side of `at` are touched.
 */
async function moveChainTail(tx: Executor, head: ClaimedDelivery, at: string, direction: 'later' | 'earlier'): Promise<void> {
	await deferredWrite(
		tx,
		tx
			.updateTable('outbox')
			.set({ next_attempt_at: at })
			.where('subscription_id', '=', head.subscriptionId)
			.where('ordering_key', '=', head.orderingKey)
			.where('id', '>', head.id)
			.where('attempts', '=', 0)
			.where('next_attempt_at', direction === 'later' ? '<' : '>', at),
	);
}

/**
 * Deliveries due by `nowIso` that head their chain, longest due first. Asked as "the chain's first row is this one"
 * rather than "no earlier row", which MariaDB answers by walking the chain's whole index range (7,936 index reads for a
 * 128-row claim over a 30,000 backlog, against 256 this way); SQLite plans both as one index probe. Ordered by due time
 * so the due index (outbox_due) gives the order: ordered by id, SQLite walked the outbox from its first row, through
 * every delivery parked behind a failing subscriber, 8 ms per claim with 99,000 of them, on every wake.
 */
export const dueChainHeads = (tx: Executor, nowIso: string, limit: number) =>
	tx
		.selectFrom('outbox as o')
		.select(['o.id', 'o.event_id', 'o.tenant_id', 'o.subscription_id', 'o.ordering_key', 'o.attempts', 'o.created_at'])
		.where('o.next_attempt_at', '<=', nowIso)
		.where('o.id', '=', ({ selectFrom }) => selectFrom('outbox as first').select('first.id').whereRef('first.subscription_id', '=', 'o.subscription_id').whereRef('first.ordering_key', '=', 'o.ordering_key').orderBy('first.id').limit(1))
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('subscriptions as paused').select(sql<number>`1`.as('one')).whereRef('paused.id', '=', 'o.subscription_id').where('paused.active', '=', 0))))
		.orderBy('o.next_attempt_at')
		.orderBy('o.id')
		.limit(limit);

/** A fresh lease token of the worker with this owner tag (the webhook intake's thread writes them too). */
export function leaseTokenFor(ownerTag: string): string {
	return `${ownerTag}.${randomBytes(8).toString('hex')}`;
}

/** The head of a worker's lease tokens (16 characters): from a stable WORKER_ID, or random for one process's life. */
export function leaseOwnerTag(workerId: string | undefined): string {
	return workerId ? createHash('sha256').update(workerId).digest('hex').slice(0, 16) : randomBytes(8).toString('hex');
}
