import type { Executor, Dialect } from '../storage/database';
import { envelopeOf, type EventDraft } from './eventDraft';
import { chunks } from './sql';
import { matches, parseFilter, type SubscriptionFilter } from './subscriptionFilter';

/**
 * Recipients chosen by something other than a subscription's filters (reply waits pick the one chat they wait on),
 * asked inside the same transaction so their deliveries commit with the event.
 */
export type RecipientSource = (tx: Executor, drafts: readonly EventDraft[]) => Promise<Array<{ eventId: string; subscriptionId: string }>>;

/**
 * Writes events and their deliveries inside the caller's transaction, so an event exists exactly when its cause
 * does. Fan-out happens here, at write time: each matching active subscription gets its own outbox row, and an
 * event no subscription wants is not stored at all (the history tables already hold the fact).
 */
export class EventOutbox {
	/** Parsed filters by "id@updated_at", so a busy tenant's subscriptions are parsed once per change. */
	private readonly filterCache = new Map<string, SubscriptionFilter>();
	private readonly listeners = new Set<() => void>();
	private readonly recipientSources: RecipientSource[] = [];

	constructor(readonly dialect: Dialect) {}

	/** Returns how many deliveries were queued. Call committed() once the transaction commits. */
	async append(tx: Executor, drafts: readonly EventDraft[]): Promise<number> {
		if (drafts.length === 0) return 0;
		const tenantIds = [...new Set(drafts.map((d) => d.tenantId))];
		const rows = await tx
			.selectFrom('subscriptions')
			.select(['id', 'tenant_id', 'event_types', 'channel', 'accounts_json', 'message_types_json', 'statuses_json', 'updated_at'])
			.where('tenant_id', 'in', tenantIds)
			.where('active', '=', 1)
			.execute();
		if (rows.length === 0) return 0;
		const extra = await this.extraRecipients(tx, drafts);
		const filters = rows.map((row) => {
			const key = `${row.id}@${row.updated_at}`;
			let filter = this.filterCache.get(key);
			if (!filter) {
				if (this.filterCache.size > 10_000) this.filterCache.clear();
				filter = parseFilter(row);
				this.filterCache.set(key, filter);
			}
			return filter;
		});

		const now = new Date().toISOString();
		const eventRows: Array<{ id: string; tenant_id: string; type: string; channel: EventDraft['channel']; ordering_key: string; body: string; occurred_at: string; created_at: string }> = [];
		const deliveryRows: Array<{ tenant_id: string; event_id: string; subscription_id: string; ordering_key: string; attempts: number; next_attempt_at: string; lease_token: null; last_error: null; last_status: null; created_at: string }> = [];
		for (const draft of drafts) {
			const wanted = new Set([...filters.filter((filter) => matches(filter, draft)).map((filter) => filter.id), ...(extra.get(draft.id) ?? [])]);
			if (wanted.size === 0) continue;
			eventRows.push({ id: draft.id, tenant_id: draft.tenantId, type: draft.type, channel: draft.channel, ordering_key: draft.orderingKey, body: JSON.stringify(envelopeOf(draft)), occurred_at: draft.occurredAt, created_at: now });
			for (const subscriptionId of wanted) {
				deliveryRows.push({ tenant_id: draft.tenantId, event_id: draft.id, subscription_id: subscriptionId, ordering_key: draft.orderingKey, attempts: 0, next_attempt_at: now, lease_token: null, last_error: null, last_status: null, created_at: now });
			}
		}
		for (const part of chunks(eventRows, 200)) await tx.insertInto('events').values(part).execute();
		for (const part of chunks(deliveryRows)) await tx.insertInto('outbox').values(part).execute();
		return deliveryRows.length;
	}

	addRecipientSource(source: RecipientSource): void {
		this.recipientSources.push(source);
	}

	private async extraRecipients(tx: Executor, drafts: readonly EventDraft[]): Promise<Map<string, string[]>> {
		const byEvent = new Map<string, string[]>();
		for (const source of this.recipientSources) {
			for (const { eventId, subscriptionId } of await source(tx, drafts)) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), subscriptionId]);
		}
		return byEvent;
	}

	/** Tells local delivery workers that new deliveries are visible (other processes find them by polling). */
	committed(): void {
		for (const listener of this.listeners) listener();
	}

	onCommitted(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}
