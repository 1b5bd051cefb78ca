import type { WebMessage } from '../messageSnapshot';
import { WebDriverError } from '../webDriverError';
import { MAX_PINNED_MESSAGES, type WebPins } from '../webPins';
import type { StoredMessage } from './fakeChatMemory';
import { nowSeconds } from './fakeIds';

/** What the pins need of their client: its messages and chats, and whether a group lets this account pin. */
export interface FakePinsLink {
	/** The stored message (message_not_found when unknown; not_ready before ready). */
	message(messageId: string): StoredMessage;
	/** The message when still held (deleted for me: gone). */
	find(messageId: string): StoredMessage | undefined;
	hasChat(chatId: string): boolean;
	/** False in a group that keeps its info to admins when this account is no admin, or has left. */
	mayPinIn(chatId: string): boolean;
	toMessage(stored: StoredMessage): WebMessage;
}

/** Pins as WhatsApp keeps them: per chat, at most three, each until its time runs out. */
export class FakePins implements WebPins {
	/** Chat -> pins, oldest first. */
	private readonly pins = new Map<string, Array<{ messageId: string; until: number }>>();

	constructor(private readonly link: FakePinsLink) {}

	async pin(messageId: string, seconds: number): Promise<void> {
		const chatId = this.pinnable(messageId);
		const pins = this.live(chatId).filter((pin) => pin.messageId !== messageId);
		pins.push({ messageId, until: nowSeconds() + seconds });
		// The fourth pin takes the place of the oldest.
		this.pins.set(chatId, pins.slice(-MAX_PINNED_MESSAGES));
	}

	async unpin(messageId: string): Promise<void> {
		const chatId = this.pinnable(messageId);
		this.pins.set(chatId, this.live(chatId).filter((pin) => pin.messageId !== messageId));
	}

	async pinned(chatId: string): Promise<WebMessage[]> {
		if (!this.link.hasChat(chatId)) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId}`);
		return this.live(chatId).flatMap((pin) => {
			const stored = this.link.find(pin.messageId);
			return stored ? [this.link.toMessage(stored)] : [];
		});
	}

	/** The message's chat, once WhatsApp would let this account pin there. */
	private pinnable(messageId: string): string {
		const { snapshot } = this.link.message(messageId);
		const chatId = snapshot.id.remote;
		if (snapshot.isStatus || chatId === 'status@broadcast') throw new WebDriverError('not_allowed', 'a status cannot be pinned');
		if (snapshot.type === 'revoked') throw new WebDriverError('not_allowed', 'a deleted message cannot be pinned');
		if (!this.link.mayPinIn(chatId)) throw new WebDriverError('not_allowed', 'only group admins can pin or unpin messages in this group');
		return chatId;
	}

	/** Pins whose time has not run out; expired ones are dropped as WhatsApp drops them. */
	private live(chatId: string): Array<{ messageId: string; until: number }> {
		const now = nowSeconds();
		const pins = (this.pins.get(chatId) ?? []).filter((pin) => pin.until > now);
		this.pins.set(chatId, pins);
		return pins;
	}
}
