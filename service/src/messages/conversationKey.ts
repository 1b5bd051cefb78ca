import type { ChannelKind } from '../channels/messages';

/**
 * The ordering key of everything about one conversation: our account and the other party. Events with the same
 * key reach each subscriber in the order they were written.
 */
export function conversationKey(channel: ChannelKind, accountId: string, peer: string): string {
	return `${channel}:${accountId}:${peer}`.slice(0, 255);
}

/** Cloud recipients are phone numbers in any notation; Meta's wa_id is the digits. */
export function peerOf(channel: ChannelKind, to: string): string {
	if (channel === 'cloud' && /^[+\d\s().-]+$/.test(to)) return to.replace(/\D/g, '');
	return to;
}
