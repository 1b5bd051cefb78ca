import type { EventEnvelope } from '../../shared/events/envelope';
import type { DesiredSubscription } from '../../shared/trigger/subscriptionLifecycle';
import type { LocalFilters } from './desiredSubscription';

/** The chat a Web event is about: messages and edits name it, statuses name the recipient. */
export function chatOf(envelope: EventEnvelope): string | undefined {
	const data = envelope.data as { chatId?: unknown; recipient?: unknown };
	if (typeof data.chatId === 'string') return data.chatId;
	if (typeof data.recipient === 'string') return data.recipient;
	return undefined;
}

/** The session a Web event came from: message events carry the account, session.status its name. */
export function sessionOf(envelope: EventEnvelope): string | undefined {
	const data = envelope.data as { account?: { id?: unknown }; session?: unknown };
	if (typeof data.account?.id === 'string') return data.account.id;
	return typeof data.session === 'string' ? data.session : undefined;
}

/** A chat filter entry as a chat id: phone numbers become their person chat. */
function asChatId(value: string): string {
	return value.includes('@') ? value : `${value.replace(/\D/g, '')}@c.us`;
}

/** True when a WORKING session stopped working: what an alert wants. */
export function isDisconnection(envelope: EventEnvelope): boolean {
	const data = envelope.data as { status?: unknown; previousStatus?: unknown };
	return envelope.type === 'session.status' && data.previousStatus === 'WORKING' && data.status !== 'WORKING';
}

/**
 * The trigger's own filter, applied on arrival: the service's part again (a subscription edited by hand or not yet
 * repaired must not start executions the parameters exclude), plus what only the trigger can filter: chats,
 * chat type and session statuses. A filter only applies to events that have that property.
 */
export function wanted(envelope: EventEnvelope, desired: DesiredSubscription, local: LocalFilters): boolean {
	if (!desired.events.includes(envelope.type) || envelope.channel !== 'web') return false;
	const data = envelope.data as { type?: unknown; status?: unknown };
	const session = sessionOf(envelope);
	const sessions = desired.accounts ?? [];
	if (sessions.length > 0 && session !== undefined && !sessions.includes(session)) return false;

	if (envelope.type === 'session.status') {
		if (local.sessionStatuses.length > 0 && !local.sessionStatuses.includes(String(data.status))) return false;
		return !local.onlyDisconnections || isDisconnection(envelope);
	}

	const messageTypes = desired.messageTypes ?? [];
	if ((envelope.type === 'message.received' || envelope.type === 'message.sent') && messageTypes.length > 0 && !messageTypes.includes(String(data.type))) return false;
	const statuses = desired.statuses ?? [];
	if (envelope.type === 'message.status' && statuses.length > 0 && !statuses.includes(String(data.status))) return false;

	const chat = chatOf(envelope);
	if (chat === undefined) return true;
	if (local.chatType !== 'all' && chat.endsWith('@g.us') !== (local.chatType === 'group')) return false;
	return local.chats.length === 0 || local.chats.map(asChatId).includes(chat);
}
