import type { Chat, ContactId } from 'whatsapp-web.js';
import type { WebChatSummary, WebContactId } from '../webClient';
import { idString, toSnapshot } from './toSnapshot';

export function toChatSummary(chat: Chat): WebChatSummary {
	return {
		id: idString(chat.id) ?? '',
		name: chat.name ?? '',
		isGroup: chat.isGroup === true,
		isReadOnly: chat.isReadOnly === true,
		unreadCount: chat.unreadCount ?? 0,
		timestamp: chat.timestamp ?? 0,
		archived: chat.archived === true,
		pinned: chat.pinned === true,
		isMuted: chat.isMuted === true,
		// WhatsApp Web says -1 (or 0) for muted for ever.
		...(chat.isMuted && chat.muteExpiration > 0 ? { muteExpiration: chat.muteExpiration } : {}),
		...(chat.lastMessage ? { lastMessage: toSnapshot(chat.lastMessage) } : {}),
	};
}

export function toContactId(id: ContactId): WebContactId {
	return { server: id.server, user: id.user, _serialized: id._serialized };
}
