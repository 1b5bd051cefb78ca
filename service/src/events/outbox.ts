import type { InferResult } from 'kysely';
import type { Dialect, Executor } from '../storage/database';
import { deferredWrite, sendAhead, type SentAhead } from '../storage/pipelining';
import { serializeEnvelope, type EventDraft } from './eventDraft';
import { RECIPIENT_SOURCES, type RecipientSourceName } from './recipientSources';
import { chunks, insertRows, writeChunks } from './sql';
import { matches, parseFilter, type SubscriptionFilter } from './subscriptionFilter';

/** A delivery claimed for this process while it was written, ready to post as soon as its transaction commits. */
export interface Handoff {
	id: number;
	eventId: string;
	tenantId: string;
	subscriptionId: string;
	orderingKey: string;
	type: string;
	body: string;
	queuedAt: string;
	leaseToken: string;
	target: { url: string; secretEnc: string; version: string };
}

/**
 * Deliveries append() leased to the local worker, to read once the transaction has committed and pass to
 * committed(). On MySQL their row ids come back with the COMMIT (the read travels with it), not a round trip before.
 */
export interface PendingHandoffs {
	ready(): Promise<Handoff[]>;
}

const NO_HANDOFFS: PendingHandoffs = { ready: async () => [] };

/** The local delivery worker, when this process runs one: how many deliveries it can take on right now. */
export interface LocalClaimer {
	/** Heads every lease token of this worker (see leaseTokenFor). */
	readonly ownerTag: string;
	freeSlots(): number;
	leaseUntil(): string;
	/** A lease token that names this process's worker (see DeliveryWorker). */
	newLeaseToken(): string;
	accept(handoffs: readonly Handoff[]): void;
	wake(): void;
}

type FilterWithTarget = SubscriptionFilter & { target: Handoff['target'] };

/**
 * The rows append() just leased to the local worker, to learn their ids. They share the lease's token and its end:
 * asked by the end too, the read probes the due index (outbox_due) for that one instant. By the token alone it read
 * the whole outbox, on every batch that handed something over, so a backlog of one subscriber slowed every
 * subscriber's ingest.
 */
export const handedRows = (tx: Executor, leaseToken: string, leaseUntil: string) =>
	tx.selectFrom('outbox').select(['id', 'event_id', 'subscription_id']).where('next_attempt_at', '=', leaseUntil).where('lease_token', '=', leaseToken);

/** Active subscriptions of some tenants, read ahead of the statement the caller waits for next (see subscriptionsAhead). */
export interface SubscriptionsAhead {
	tenantIds: ReadonlySet<string>;
	read: SentAhead;
}

/** The active subscriptions of these tenants, with what fan-out and delivery need. */
const subscriptionsOf = (tx: Executor, tenantIds: readonly string[]) =>
	tx
		.selectFrom('subscriptions')
		.select(['id', 'tenant_id', 'event_types', 'channel', 'accounts_json', 'message_types_json', 'statuses_json', 'updated_at', 'target_url', 'secret_enc'])
		.where('tenant_id', 'in', tenantIds)
		.where('active', '=', 1);
type SubscriptionRow = InferResult<ReturnType<typeof subscriptionsOf>>[number];

/**
 * Recipients chosen by something other than a subscription's filters (reply waits pick the one chat they wait on),
 * asked inside the same transaction so their deliveries commit with the event.
 */
export type RecipientSource = (tx: Executor, drafts: readonly EventDraft[], subscriptions: readonly SubscriptionFilter[]) => Promise<Array<{ eventId: string; subscriptionId: string }>>;

/**
 * Writes events and their deliveries inside the caller's transaction, so an event exists exactly when its cause
 * does. Fan-out happens here, at write time: each matching active subscription gets its own outbox row, and an
 * event no subscription wants is not stored at all (the history tables already hold the fact).
 *
 * When this process runs a delivery worker with free slots, deliveries that head their chain (nothing earlier of
 * the same subscription and ordering key is waiting) are written already leased to it and handed over after the
 * commit, with their bodies: no claim query, no body fetch, so the first attempt leaves milliseconds after the
 * webhook is acknowledged. Anything not handed over (no slots, a crash before the hand-over) is claimed the
 * ordinary way once its lease, if any, expires.
 */
export class EventOutbox {
	/** Parsed filters by "id@updated_at", so a busy tenant's subscriptions are parsed once per change. */
	private readonly filterCache = new Map<string, FilterWithTarget>();
	private claimer: LocalClaimer | undefined;
	private readonly recipientSources: RecipientSourceName[] = [];
	/** Set when a transaction wrote deliveries it did not lease; the next committed() then wakes the worker. */
	private unleasedWritten = false;

	constructor(readonly dialect: Dialect) {}

	addRecipientSource(name: RecipientSourceName): void {
		if (!this.recipientSources.includes(name)) this.recipientSources.push(name);
	}

	/** What another thread's outbox must add to choose the same recipients. */
	get recipientSourceNames(): RecipientSourceName[] {
		return [...this.recipientSources];
	}

	private async extraRecipients(tx: Executor, drafts: readonly EventDraft[], subscriptions: readonly SubscriptionFilter[]): Promise<Map<string, string[]>> {
		const byEvent = new Map<string, string[]>();
		for (const name of this.recipientSources) {
			for (const { eventId, subscriptionId } of await RECIPIENT_SOURCES[name](tx, drafts, subscriptions)) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), subscriptionId]);
		}
		return byEvent;
	}

	setLocalClaimer(claimer: LocalClaimer | undefined): void {
		this.claimer = claimer;
	}

	get localClaimer(): LocalClaimer | undefined {
		return this.claimer;
	}

	/**
	 * Reads the tenants' active subscriptions ahead (sendAhead): on MySQL the read travels with the caller's next
	 * statement instead of costing append() a round trip of its own. Pass the result to append().
	 */
	async subscriptionsAhead(tx: Executor, tenantIds: readonly string[]): Promise<SubscriptionsAhead> {
		return { tenantIds: new Set(tenantIds), read: await sendAhead(tx, subscriptionsOf(tx, tenantIds).compile()) };
	}

	/**
	 * With `handOff`, returns deliveries leased to the local worker: the caller must pass them (ready()) to committed()
	 * after its transaction commits (otherwise they wait for their lease to expire). Without it nothing is leased.
	 * `subscriptions`, read ahead in the same transaction, serves when it covers every tenant of the drafts.
	 */
	async append(tx: Executor, drafts: readonly EventDraft[], options: { handOff?: boolean; subscriptions?: SubscriptionsAhead } = {}): Promise<PendingHandoffs> {
		if (drafts.length === 0) return NO_HANDOFFS;
		const tenantIds = [...new Set(drafts.map((d) => d.tenantId))];
		const ahead = options.subscriptions;
		// Rows of other tenants may come with a read ahead: matches() only pairs a subscription with its own tenant's events.
		const rows = ahead && tenantIds.every((id) => ahead.tenantIds.has(id)) ? ((await ahead.read.answer()).rows as SubscriptionRow[]) : await subscriptionsOf(tx, tenantIds).execute();
		if (rows.length === 0) return NO_HANDOFFS;
		const filters = rows.map((row) => {
			const key = `${row.id}@${row.updated_at}`;
			let filter = this.filterCache.get(key);
			if (!filter) {
				if (this.filterCache.size > 10_000) this.filterCache.clear();
				filter = { ...parseFilter(row), target: { url: row.target_url, secretEnc: row.secret_enc, version: row.updated_at } };
				this.filterCache.set(key, filter);
			}
			return filter;
		});
		const extra = await this.extraRecipients(tx, drafts, filters);

		const now = new Date().toISOString();
		const byId = new Map(filters.map((filter) => [filter.id, filter]));
		const events: Array<{ row: { id: string; tenant_id: string; type: string; channel: EventDraft['channel']; ordering_key: string; body: string; occurred_at: string; created_at: string }; wanted: Array<{ id: string; target?: Handoff['target'] }> }> = [];
		for (const draft of drafts) {
			const chosen = new Set([...filters.filter((filter) => matches(filter, draft)).map((filter) => filter.id), ...(extra.get(draft.id) ?? [])]);
			const wanted = [...chosen].map((id) => ({ id, target: byId.get(id)?.target }));
			if (wanted.length === 0) continue;
			events.push({ row: { id: draft.id, tenant_id: draft.tenantId, type: draft.type, channel: draft.channel, ordering_key: draft.orderingKey, body: serializeEnvelope(draft), occurred_at: draft.occurredAt, created_at: now }, wanted });
		}
		if (events.length === 0) return NO_HANDOFFS;
		// Nobody reads these results: on MySQL they travel with the next statement (see deferredWrite).
		for (const part of writeChunks(this.dialect, events, 200)) await deferredWrite(tx, insertRows(this.dialect, 'events', part.map((e) => e.row)));

		const claimer = this.claimer;
		let slots = claimer && options.handOff ? claimer.freeSlots() : 0;
		const busyChains = slots > 0 ? await this.busyChains(tx, events.flatMap((e) => e.wanted.map((f) => [f.id, e.row.ordering_key] as const))) : new Set<string>();
		const leaseToken = claimer && slots > 0 ? claimer.newLeaseToken() : null;
		const leaseUntil = claimer && slots > 0 ? claimer.leaseUntil() : now;
		const handed = new Map<string, Omit<Handoff, 'id'>>();
		const deliveryRows = [];
		for (const { row, wanted } of events) {
			for (const filter of wanted) {
				const chain = `${filter.id}\u0000${row.ordering_key}`;
				// Only the head of a chain may go at once; later ones wait for it, whatever happens.
				const head = slots > 0 && filter.target !== undefined && !busyChains.has(chain);
				busyChains.add(chain);
				if (head) {
					slots--;
					handed.set(`${row.id}\u0000${filter.id}`, { eventId: row.id, tenantId: row.tenant_id, subscriptionId: filter.id, orderingKey: row.ordering_key, type: row.type, body: row.body, queuedAt: now, leaseToken: leaseToken as string, target: filter.target as Handoff['target'] });
				}
				deliveryRows.push({ tenant_id: row.tenant_id, event_id: row.id, subscription_id: filter.id, ordering_key: row.ordering_key, attempts: 0, next_attempt_at: head ? leaseUntil : now, lease_token: head ? leaseToken : null, last_error: null, last_status: null, created_at: now });
			}
		}
		for (const part of writeChunks(this.dialect, deliveryRows)) await deferredWrite(tx, insertRows(this.dialect, 'outbox', part));
		if (handed.size < deliveryRows.length) this.unleasedWritten = true;
		if (handed.size === 0) return NO_HANDOFFS;
		const ids = await sendAhead(tx, handedRows(tx, leaseToken as string, leaseUntil).compile());
		return {
			async ready() {
				return ((await ids.answer()).rows as Array<{ id: number | string; event_id: string; subscription_id: string }>).flatMap((r) => {
					const handoff = handed.get(`${r.event_id}\u0000${r.subscription_id}`);
					return handoff ? [{ ...handoff, id: Number(r.id) }] : [];
				});
			},
		};
	}

	/** Chains (subscription, ordering key) that already have a delivery waiting: new events there must queue behind it. */
	private async busyChains(tx: Executor, chains: ReadonlyArray<readonly [string, string]>): Promise<Set<string>> {
		const busy = new Set<string>();
		for (const part of chunks(chains)) {
			const rows = await tx
				.selectFrom('outbox')
				.select(['subscription_id', 'ordering_key'])
				.distinct()
				.where('subscription_id', 'in', [...new Set(part.map(([subscription]) => subscription))])
				.where('ordering_key', 'in', [...new Set(part.map(([, key]) => key))])
				.execute();
			for (const row of rows) busy.add(`${row.subscription_id}\u0000${row.ordering_key}`);
		}
		return busy;
	}

	/**
	 * After the commit: hands leased deliveries to the local worker, and wakes it to claim when some deliveries were
	 * written without a lease (a claim attempt per webhook would only compete with the writes for the connection).
	 */
	committed(handoffs: readonly Handoff[] = []): void {
		if (!this.claimer) return;
		if (handoffs.length > 0) this.claimer.accept(handoffs);
		if (handoffs.length === 0 || this.unleasedWritten) {
			this.unleasedWritten = false;
			this.claimer.wake();
		}
	}
}
