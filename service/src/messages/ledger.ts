import type { TenantScope } from '../auth/tenantScope';
import type { AccountRef, ChannelKind, NormalizedMessage, NormalizedStatus, OutboundMessage, ProviderError } from '../channels/messages';
import type { EventType } from '../events/envelope';

/** A message as history stores it and the API returns it. */
export interface StoredMessage {
	/** Our id (msg_…). */
	id: string;
	providerId: string | null;
	channel: ChannelKind;
	direction: 'inbound' | 'outbound';
	conversationId: string;
	account: AccountRef;
	chatId: string;
	type: string;
	status: string;
	body: unknown;
	error: ProviderError | null;
	occurredAt: string;
	statusAt: string | null;
}

/** One thing a channel observed, already normalized and attributed to a tenant. */
export type InboundItem =
	| { kind: 'message'; scope: TenantScope; message: NormalizedMessage; raw?: unknown }
	| { kind: 'status'; scope: TenantScope; status: NormalizedStatus; raw?: unknown }
	| {
			kind: 'event';
			scope: TenantScope;
			type: EventType;
			channel: ChannelKind;
			data: unknown;
			raw?: unknown;
			occurredAt?: string;
			/** Events sharing a key reach each subscriber in order; defaults to one key per tenant and type. */
			orderingKey?: string;
			/** phone_number_id or session name the event concerns, for subscription account filters. */
			accountId?: string;
			/** Stored once per tenant: a second item with the same key is a duplicate (e.g. a retried template webhook). */
			dedupeKey?: string;
			/** The stored message this event changes (an edit or a revoke), applied with the event when it is new. */
			amends?: HistoryAmendment;
	  };

/** A change to a message already in history, found by its provider id within the tenant and channel. */
export type HistoryAmendment = { providerId: string } & (
	| { change: 'edited'; body: string; previousBody: string; at: string }
	| { change: 'revoked'; at: string }
	| { change: 'voted'; voter: string; options: string[]; at: string }
);

/** Per item, in input order: stored for the first time, or already seen (or a status older than the stored one). */
export type ItemOutcome = 'accepted' | 'duplicate';

export interface InboundOutcome {
	/** Items stored for the first time (and whose events were emitted). */
	accepted: number;
	/** Items already seen (a wamid once per tenant, a status once per id and status): nothing new emitted. */
	duplicates: number;
}

/**
 * History and events, written together. Every method commits the rows and the events they cause in one
 * transaction, so an acknowledged webhook or send is never without its event, and never has it twice.
 */
export interface MessageLedger {
	/**
	 * Before handing a message to the provider: the record exists even if the process dies mid-send.
	 * With an idempotency key already used by this tenant it throws AppError 409 (code conflict) carrying
	 * `details.messageId` of the first request; callers look that message up and answer with it.
	 */
	recordOutboundPending(scope: TenantScope, input: { account: AccountRef; message: OutboundMessage; idempotencyKey?: string }): Promise<StoredMessage>;

	/** The message a tenant sent with this Idempotency-Key, if any. */
	findByIdempotencyKey(scope: TenantScope, key: string): Promise<StoredMessage | undefined>;

	/** The provider accepted it: store its id and status and emit `message.sent`. */
	markDispatched(scope: TenantScope, messageId: string, dispatch: { providerMessageId: string; recipient: string; status: 'accepted' | 'sent'; raw?: unknown }): Promise<StoredMessage>;

	/** The provider refused it for good: store the error (status `failed`), emit `message.status` with it. */
	markFailed(scope: TenantScope, messageId: string, error: ProviderError): Promise<StoredMessage>;

	/** Inbound messages, statuses and other events from any channel, possibly for several tenants, in one transaction. */
	recordInbound(items: readonly InboundItem[]): Promise<InboundOutcome>;
}
