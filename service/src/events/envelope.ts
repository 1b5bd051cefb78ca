import type { ChannelKind } from '../channels/messages';

/** Every event type a subscription can ask for; triggers filter on these names. */
export const EVENT_TYPES = [
	'message.received',
	'message.sent',
	'message.status',
	'message.revoked',
	'message.edited',
	'poll.vote',
	'call.received',
	'session.status',
	'template.status',
	'account.update',
	'group.update',
	'webhook.error',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What subscribers (the n8n triggers) receive. `id` is stable across retries and replays, so consumers dedupe on it.
 * Headers on delivery: X-Event-Id, X-Event-Type, X-Timestamp (Unix seconds), X-Signature-256
 * (sha256=hex HMAC-SHA256(secret, timestamp + "." + body)).
 */
export interface EventEnvelope<T = unknown> {
	id: string;
	type: EventType;
	tenantId: string;
	channel: ChannelKind;
	occurredAt: string;
	data: T;
	raw?: unknown;
}
