import type { IDataObject } from 'n8n-workflow';

/**
 * What the service delivers to a subscriber (mirrors service/src/events/envelope.ts and channels/messages.ts;
 * the node package cannot import the service, so the shapes it relies on are restated here).
 */
export interface EventEnvelope<T = IDataObject> {
	id: string;
	type: string;
	tenantId: string;
	channel: 'cloud' | 'web';
	occurredAt: string;
	data: T;
	raw?: unknown;
}

export interface AccountRef extends IDataObject {
	channel: 'cloud' | 'web';
	id: string;
	address?: string;
}

export interface NormalizedMessage extends IDataObject {
	id: string;
	channel: 'cloud' | 'web';
	direction: 'inbound' | 'outbound';
	account: AccountRef;
	chatId: string;
	from: string;
	to: string;
	timestamp: string;
	type: string;
	text?: { body: string };
	media?: { id: string; mimeType?: string; caption?: string; filename?: string };
	button?: { text: string; payload?: string };
	interactive?: { type: string; id?: string; title?: string; description?: string; body?: string; responseJson?: unknown };
	context?: { messageId?: string; from?: string };
}

export interface NormalizedStatus extends IDataObject {
	messageId: string;
	channel: 'cloud' | 'web';
	account: AccountRef;
	recipient: string;
	status: string;
	timestamp: string;
}

/** Parses a delivery body; undefined when it is not an envelope. */
export function parseEnvelope(rawBody: Buffer | string | undefined, parsedBody: unknown): EventEnvelope | undefined {
	let candidate: unknown = parsedBody;
	if (rawBody !== undefined) {
		try {
			candidate = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
		} catch {
			return undefined;
		}
	}
	const envelope = candidate as Partial<EventEnvelope> | undefined;
	if (!envelope || typeof envelope !== 'object' || typeof envelope.id !== 'string' || typeof envelope.type !== 'string' || typeof envelope.data !== 'object') return undefined;
	return envelope as EventEnvelope;
}
