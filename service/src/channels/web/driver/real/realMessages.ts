import type { Client as LibraryClient, Message } from 'whatsapp-web.js';
import type { WebMedia, WebMessage } from '../messageSnapshot';
import type { OutgoingContent, SendOptions } from '../outgoingContent';
import { WebDriverError } from '../webDriverError';
import { libraryCall } from './libraryCall';
import { toLibraryMessage } from './toLibraryContent';
import { toWebMedia, toWebMessage } from './toSnapshot';

/** Sends, and changes to messages already in a chat through the library's Message: edit, star, delete, forward, media. */

export async function sendLibraryMessage(library: LibraryClient, chatId: string, content: OutgoingContent, options: SendOptions): Promise<WebMessage> {
	const message = toLibraryMessage(content, options);
	const sent: Message | null | undefined = await libraryCall(`sending to ${chatId}`, () => library.sendMessage(chatId, message.content, message.options));
	if (!sent) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId} (or cannot send this there)`);
	return toWebMessage(sent);
}

export async function libraryMessage(library: LibraryClient, messageId: string): Promise<Message> {
	const message = await library.getMessageById(messageId);
	if (!message) throw new WebDriverError('message_not_found', `no message ${messageId}`);
	return message;
}

/** A message of ours, for changes WhatsApp allows only to its sender. */
async function ownLibraryMessage(library: LibraryClient, messageId: string, change: string): Promise<Message> {
	const message = await libraryMessage(library, messageId);
	if (!message.fromMe) throw new WebDriverError('not_allowed', `only your own messages can be ${change}`);
	return message;
}

export async function editLibraryMessage(library: LibraryClient, messageId: string, text: string): Promise<WebMessage> {
	const message = await ownLibraryMessage(library, messageId, 'edited');
	const edited = await libraryCall(`editing ${messageId}`, () => message.edit(text));
	// The library answers null when WhatsApp Web refuses: no text to edit, or past the 15-minute window.
	if (!edited) throw new WebDriverError('not_allowed', 'WhatsApp refused the edit (a message without text, or more than 15 minutes old)');
	return toWebMessage(edited);
}

export async function starLibraryMessage(library: LibraryClient, messageId: string, starred: boolean): Promise<WebMessage> {
	const message = await libraryMessage(library, messageId);
	await libraryCall(`${starred ? 'starring' : 'unstarring'} ${messageId}`, () => (starred ? message.star() : message.unstar()));
	return toWebMessage(await libraryMessage(library, messageId));
}

export async function deleteLibraryMessage(library: LibraryClient, messageId: string, forEveryone: boolean): Promise<void> {
	const message = forEveryone ? await ownLibraryMessage(library, messageId, 'deleted for everyone') : await libraryMessage(library, messageId);
	// A status of ours is taken down with the library's own call for statuses.
	await libraryCall(`deleting ${messageId}`, () => (forEveryone && message.id.remote === 'status@broadcast' ? library.revokeStatusMessage(messageId) : message.delete(forEveryone)));
}

export async function forwardLibraryMessage(library: LibraryClient, messageId: string, chatId: string): Promise<void> {
	const message = await libraryMessage(library, messageId);
	const chat = await library.getChatById(chatId).catch(() => undefined);
	if (!chat) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId}`);
	await libraryCall(`forwarding ${messageId} to ${chatId}`, () => message.forward(chat));
}

export async function libraryMessageMedia(library: LibraryClient, messageId: string): Promise<WebMedia | undefined> {
	const message = await library.getMessageById(messageId);
	if (!message?.hasMedia) return undefined;
	return toWebMedia(await message.downloadMedia());
}
