import type { Client as LibraryClient } from 'whatsapp-web.js';
import type { WebMessage } from '../messageSnapshot';
import type { ChatActivity, ChatChanges, WebChatSummary } from '../webClient';
import { MAX_PINNED_CHATS } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { toChatSummary } from './toChatSummary';
import { toWebMessage } from './toSnapshot';

/** The library's Chat, for the chat list and what the owner of a chat list does to a chat. */

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

export async function listLibraryChats(library: LibraryClient): Promise<WebChatSummary[]> {
	return (await library.getChats()).map(toChatSummary);
}

export async function setLibraryChatActivity(library: LibraryClient, chatId: string, activity: ChatActivity): Promise<void> {
	const chat = await library.getChatById(chatId);
	if (!chat) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
	if (activity === 'typing') await chat.sendStateTyping();
	else if (activity === 'recording') await chat.sendStateRecording();
	else await chat.clearState();
}

/** Newest `limit` messages of a chat, oldest first (library fetchMessages). */
export async function libraryChatMessages(library: LibraryClient, chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]> {
	const chat = await library.getChatById(chatId);
	if (!chat) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
	const messages = await chat.fetchMessages({ limit: options.limit, fromMe: options.fromMe });
	return messages.map(toWebMessage);
}
