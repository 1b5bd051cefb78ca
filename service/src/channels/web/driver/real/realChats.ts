import type { Client as LibraryClient } from 'whatsapp-web.js';
import type { ChatChanges, WebChatSummary } from '../webClient';
import { MAX_PINNED_CHATS } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { toChatSummary } from './toChatSummary';

/** Archive, pin, mute and mark unread through the library's Chat; pin answers the new state, false past the limit. */
export async function updateLibraryChat(library: LibraryClient, chatId: string, changes: ChatChanges): Promise<WebChatSummary> {
	const chat = await library.getChatById(chatId).catch(() => undefined);
	if (!chat) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
	try {
		if (changes.archived !== undefined) await (changes.archived ? chat.archive() : chat.unarchive());
		if (changes.pinned !== undefined) {
			const pinned = changes.pinned ? await chat.pin() : await chat.unpin();
			if (pinned !== changes.pinned) throw new WebDriverError('not_allowed', `WhatsApp pins at most ${MAX_PINNED_CHATS} chats`);
		}
		if (changes.muted !== undefined) await (changes.muted ? chat.mute(changes.muteUntil !== undefined ? new Date(changes.muteUntil * 1000) : undefined) : chat.unmute());
		if (changes.unread) await chat.markUnread();
	} catch (error) {
		if (error instanceof WebDriverError) throw error;
		throw new WebDriverError('send_failed', `changing chat ${chatId} failed: ${String(error)}`, { cause: error });
	}
	return toChatSummary(await library.getChatById(chatId));
}
