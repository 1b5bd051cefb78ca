import type { Generated } from 'kysely';
import type { Channel, Flag, IsoTimestamp } from '../storage/schema';

/** A listener (usually an n8n trigger) and what it wants to hear. Filters are JSON arrays; empty means "any". */
export interface SubscriptionsTable {
	id: string;
	tenant_id: string;
	target_url: string;
	description: string | null;
	/** JSON array of event types, or ["*"]. */
	event_types: string;
	channel: Channel | null;
	/** JSON arrays: phone_number_ids / session names, message types, delivery statuses. */
	accounts_json: string;
	message_types_json: string;
	statuses_json: string;
	secret_enc: string;
	active: Flag;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

/** One event body, written once and shared by every delivery of it (the exact bytes subscribers receive). */
export interface EventsTable {
	id: string;
	tenant_id: string;
	type: string;
	channel: Channel;
	ordering_key: string;
	body: string;
	occurred_at: IsoTimestamp;
	created_at: IsoTimestamp;
}

/**
 * Deliveries not yet done: one row per (event, subscription). A row leaves when delivered (deleted) or given up
 * (moved to dead_letters), so "an earlier row of the same chain exists" means "an earlier delivery is not done".
 * next_attempt_at doubles as the claim lease: a claimed row is pushed past now until its attempt ends.
 */
export interface OutboxTable {
	id: Generated<number>;
	tenant_id: string;
	event_id: string;
	subscription_id: string;
	ordering_key: string;
	attempts: number;
	next_attempt_at: IsoTimestamp;
	lease_token: string | null;
	last_error: string | null;
	last_status: number | null;
	/** When the last attempt failed (null before a first failure). */
	last_failed_at: IsoTimestamp | null;
	created_at: IsoTimestamp;
}

export interface DeadLettersTable {
	id: string;
	tenant_id: string;
	event_id: string;
	subscription_id: string;
	ordering_key: string;
	attempts: number;
	last_error: string | null;
	last_status: number | null;
	/** When the event first entered the outbox. */
	queued_at: IsoTimestamp;
	failed_at: IsoTimestamp;
}

/** Keys of inbound items without a provider message id (template and account updates), so a retried webhook emits nothing new. */
export interface InboundEventKeysTable {
	tenant_id: string;
	dedupe_key: string;
	created_at: IsoTimestamp;
}

export interface EventTables {
	subscriptions: SubscriptionsTable;
	events: EventsTable;
	outbox: OutboxTable;
	dead_letters: DeadLettersTable;
	inbound_event_keys: InboundEventKeysTable;
}
