import type { Kysely, Transaction } from 'kysely';
import type { Channel, IsoTimestamp } from '../../storage/schema';
import type { Database } from '../../storage/schema';

export type ReplyWaitState = 'armed' | 'answered' | 'expired';

/**
 * A one-shot listener for the first reply in one chat (send-and-wait). Its deliveries go through a subscription
 * row (same outbox, retries, signing) whose filters match nothing; this row says which event it gets instead.
 */
export interface ReplyWaitsTable {
	id: string;
	tenant_id: string;
	subscription_id: string;
	channel: Channel;
	account_id: string;
	chat_id: string;
	/** The conversation (account and contact) the question went to: an answer is a message received in it. */
	conversation_id: string;
	/** Our id of the question; its provider id lets a tapped button find its own wait when several are armed. */
	prompt_message_id: string;
	prompt_provider_id: string | null;
	/** JSON array of inbound message types that count as an answer; empty for any. */
	message_types_json: string;
	expires_at: IsoTimestamp | null;
	state: ReplyWaitState;
	/** The event that settled it (the reply, or the timeout). */
	settled_event_id: string | null;
	created_at: IsoTimestamp;
	settled_at: IsoTimestamp | null;
}

/** The service schema plus this table (kept here so the extension stays in its own files). */
export type ReplyWaitDatabase = Database & { reply_waits: ReplyWaitsTable };
export type ReplyWaitExecutor = Kysely<ReplyWaitDatabase> | Transaction<ReplyWaitDatabase>;
