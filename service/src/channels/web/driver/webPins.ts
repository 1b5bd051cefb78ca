import type { WebMessage } from './messageSnapshot';

/** How long a pin lasts: the three choices WhatsApp's apps offer, in seconds. */
export const PIN_DURATIONS = { '24h': 86_400, '7d': 604_800, '30d': 2_592_000 } as const;
export type PinDuration = keyof typeof PIN_DURATIONS;

/** Messages pinned in one chat at most: pinning one more unpins the oldest pin, as WhatsApp does. */
export const MAX_PINNED_MESSAGES = 3;

/**
 * Messages pinned to the top of a chat, for everyone in it (library Message.pin / unpin, Client.getPinnedMessages).
 * In a group that lets only admins edit its info, only admins may pin.
 */
export interface WebPins {
	/** message_not_found when unknown; not_allowed when WhatsApp refuses (members of such a group, a deleted message). */
	pin(messageId: string, seconds: number): Promise<void>;
	unpin(messageId: string): Promise<void>;
	/** The chat's pinned messages, oldest pin first; chat_not_found when WhatsApp Web has no such chat. */
	pinned(chatId: string): Promise<WebMessage[]>;
}
