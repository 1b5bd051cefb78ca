import type { ProviderError } from '../channels/messages';
import type { MessagesTable } from '../storage/schema';
import type { StoredMessage } from './ledger';

/** A messages row with its conversation's two ends, as history queries join them. */
export type MessageRow = MessagesTable & { sender: string; peer: string };

export function toStoredMessage(row: MessageRow): StoredMessage {
	const errors = row.error_json ? (JSON.parse(row.error_json) as ProviderError[] | ProviderError) : null;
	return {
		id: row.id,
		providerId: row.provider_id,
		channel: row.channel,
		direction: row.direction,
		conversationId: row.conversation_id,
		account: { channel: row.channel, id: row.sender },
		chatId: row.peer,
		type: row.type,
		status: row.status,
		body: JSON.parse(row.body_json) as unknown,
		error: Array.isArray(errors) ? (errors[0] ?? null) : errors,
		occurredAt: row.occurred_at,
		statusAt: row.status_at,
	};
}

