import type { Client as LibraryClient, Message } from 'whatsapp-web.js';
import type { WebMessage } from '../messageSnapshot';
import { WebDriverError } from '../webDriverError';
import type { WebPins } from '../webPins';
import { libraryCall } from './libraryCall';
import { libraryMessage } from './realMessages';
import { toWebMessage } from './toSnapshot';

/**
 * Pins through whatsapp-web.js (Message.pin / unpin, Client.getPinnedMessages). The library answers a refusal with
 * `false` (WhatsApp did not take the pin), which becomes not_allowed here.
 */
export class RealPins implements WebPins {
	constructor(private readonly library: () => LibraryClient) {}

	async pin(messageId: string, seconds: number): Promise<void> {
		const message = await libraryMessage(this.library(), messageId);
		if (!(await libraryCall(`pinning ${messageId}`, () => message.pin(seconds)))) throw refused('pin');
	}

	async unpin(messageId: string): Promise<void> {
		const message = await libraryMessage(this.library(), messageId);
		if (!(await libraryCall(`unpinning ${messageId}`, () => message.unpin()))) throw refused('unpin');
	}

	async pinned(chatId: string): Promise<WebMessage[]> {
		const library = this.library();
		// getPinnedMessages answers [] for a chat it does not know: ask for the chat first to tell the two apart.
		if (!(await library.getChatById(chatId).catch(() => undefined))) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId}`);
		const messages: Message[] = await libraryCall(`reading the pinned messages of ${chatId}`, () => library.getPinnedMessages(chatId));
		return messages.map(toWebMessage);
	}

}

const refused = (change: 'pin' | 'unpin') =>
	new WebDriverError('not_allowed', `WhatsApp refused the ${change}: in a group that keeps its info to admins only admins may pin, and deleted messages cannot be pinned`);
