import type { ChannelKind } from '../channels/messages';
import type { EventEnvelope, EventType } from './envelope';

/**
 * An event about to be written with its cause. `match` carries what subscription filters look at, so matching
 * never has to dig through `data`.
 */
export interface EventDraft {
	id: string;
	tenantId: string;
	type: EventType;
	channel: ChannelKind;
	/** Events with the same key reach each subscription in the order they were written (a conversation, a template…). */
	orderingKey: string;
	occurredAt: string;
	data: unknown;
	raw?: unknown;
	match: EventMatchFields;
	/** `data` and `raw` already serialized by the writer (it stores the same JSON in history): saves a second pass. */
	serialized?: { data: string; raw: string | undefined };
}

export interface EventMatchFields {
	/** phone_number_id or session name; absent for account-level events (templates, WABA updates). */
	accountId?: string;
	messageType?: string;
	status?: string;
}

/** The exact body subscribers receive. */
export function serializeEnvelope(draft: EventDraft): string {
	if (!draft.serialized) return JSON.stringify(envelopeOf(draft));
	const head = JSON.stringify({ id: draft.id, type: draft.type, tenantId: draft.tenantId, channel: draft.channel, occurredAt: draft.occurredAt });
	return `${head.slice(0, -1)},"data":${draft.serialized.data}${draft.serialized.raw !== undefined ? `,"raw":${draft.serialized.raw}` : ''}}`;
}

export function envelopeOf(draft: EventDraft): EventEnvelope {
	return {
		id: draft.id,
		type: draft.type,
		tenantId: draft.tenantId,
		channel: draft.channel,
		occurredAt: draft.occurredAt,
		data: draft.data,
		...(draft.raw !== undefined ? { raw: draft.raw } : {}),
	};
}
