/** WhatsApp Web ids: chats (`<digits>@c.us`, `<id>@g.us`, `<digits>@lid`, broadcasts, channels) and message ids. */

/** People (`@c.us`, privacy ids `@lid`) are digits; groups are digits, or `<creator>-<time>` for old ones. */
const CHAT_ID = /^(?:[0-9]{5,20}@(?:c\.us|lid)|[0-9]{5,40}(?:-[0-9]{5,20})?@g\.us|[0-9]{5,40}@(?:broadcast|newsletter)|status@broadcast)$/;

/** Where a status (a story seen by your contacts for 24 hours) is sent. */
export const STATUS_CHAT = 'status@broadcast';
const USER_ID = /^[0-9]{5,20}@(c\.us|lid)$/;
const PHONE = /^\+?[0-9][0-9 ().-]{4,30}$/;

export function isChatId(value: string): boolean {
	return CHAT_ID.test(value);
}

/**
 * The chat a recipient names: a chat id as given, or a phone number in international format as its `@c.us`
 * chat. Undefined when it is neither.
 */
export function toChatId(recipient: string): string | undefined {
	const trimmed = recipient.trim();
	if (isChatId(trimmed)) return trimmed;
	if (PHONE.test(trimmed)) {
		const digits = trimmed.replace(/\D/g, '');
		if (digits.length >= 6 && digits.length <= 20) return `${digits}@c.us`;
	}
	return undefined;
}

/** A user to mention: `…@c.us` / `…@lid`, or a phone number. */
export function toUserId(value: string): string | undefined {
	const chat = toChatId(value);
	return chat && USER_ID.test(chat) ? chat : undefined;
}

export interface ParsedMessageId {
	fromMe: boolean;
	remote: string;
	id: string;
	participant?: string;
}

/** whatsapp-web.js serialized ids: `true|false_<chat>_<key id>[_<participant>]`. */
export function parseMessageId(serialized: string): ParsedMessageId | undefined {
	const match = /^(true|false)_([^_\s]+@[a-z.]+)_([0-9A-Za-z]+)(?:_([^_\s]+@[a-z.]+))?$/.exec(serialized);
	if (!match) return undefined;
	return { fromMe: match[1] === 'true', remote: match[2] as string, id: match[3] as string, ...(match[4] ? { participant: match[4] } : {}) };
}

export function serializeMessageId(parts: ParsedMessageId): string {
	return `${parts.fromMe}_${parts.remote}_${parts.id}${parts.participant ? `_${parts.participant}` : ''}`;
}

export function isGroupChat(chatId: string): boolean {
	return chatId.endsWith('@g.us');
}

/** The digits of a user id (`15550001111@c.us` -> `15550001111`). */
export function userPart(id: string): string {
	return id.split('@', 1)[0] ?? id;
}
