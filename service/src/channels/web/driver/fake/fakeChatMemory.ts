import type { WebMedia, WebMessageSnapshot } from '../messageSnapshot';
import type { WebChatSummary } from '../webClient';

export interface StoredMessage {
	snapshot: WebMessageSnapshot;
	/** Kept so downloadMedia works; dropped with the message when the chat overflows. */
	readonly media?: WebMedia;
}

interface ChatRecord {
	readonly messages: StoredMessage[];
	unreadCount: number;
}

/**
 * What a fake session remembers of its chats: the newest `maxPerChat` messages of each, by chat and
 * by id. Bounded so long benchmarks don't grow without limit; created lazily so idle sessions cost nothing.
 */
export class FakeChatMemory {
	private readonly chats = new Map<string, ChatRecord>();
	private readonly byId = new Map<string, StoredMessage>();

	constructor(private readonly maxPerChat: number) {}

	/** The chat, created empty when new (a group just created or joined is listed before its first message). */
	open(chatId: string): ChatRecord {
		let chat = this.chats.get(chatId);
		if (!chat) {
			chat = { messages: [], unreadCount: 0 };
			this.chats.set(chatId, chat);
		}
		return chat;
	}

	add(chatId: string, message: StoredMessage): void {
		const chat = this.open(chatId);
		chat.messages.push(message);
		this.byId.set(message.snapshot.id._serialized, message);
		if (!message.snapshot.fromMe) chat.unreadCount += 1;
		while (chat.messages.length > this.maxPerChat) {
			const dropped = chat.messages.shift();
			if (dropped) this.byId.delete(dropped.snapshot.id._serialized);
		}
	}

	get(messageId: string): StoredMessage | undefined {
		return this.byId.get(messageId);
	}

	update(messageId: string, snapshot: WebMessageSnapshot): void {
		const stored = this.byId.get(messageId);
		if (stored) stored.snapshot = snapshot;
	}

	/** Forgets a message on this device (delete for me). */
	remove(messageId: string): void {
		const stored = this.byId.get(messageId);
		if (!stored) return;
		this.byId.delete(messageId);
		for (const chat of this.chats.values()) {
			const at = chat.messages.indexOf(stored);
			if (at >= 0) chat.messages.splice(at, 1);
		}
	}

	/** Newest `limit` messages, oldest first, like Chat.fetchMessages. */
	messages(chatId: string, limit: number, fromMe?: boolean): StoredMessage[] {
		const messages = (this.chats.get(chatId)?.messages ?? []).filter(
			(message) => fromMe === undefined || message.snapshot.fromMe === fromMe,
		);
		return messages.slice(Math.max(0, messages.length - limit));
	}

	markSeen(chatId: string): void {
		const chat = this.chats.get(chatId);
		if (chat) chat.unreadCount = 0;
	}

	/** `nameOf` gives a chat's display name when it has one (a group's subject); otherwise the id's user part. */
	summaries(nameOf: (chatId: string) => string | undefined = () => undefined): WebChatSummary[] {
		return [...this.chats.entries()]
			.map(([id, chat]) => {
				const last = chat.messages[chat.messages.length - 1]?.snapshot;
				return {
					id,
					name: nameOf(id) ?? id.split('@', 1)[0] ?? id,
					isGroup: id.endsWith('@g.us'),
					isReadOnly: false,
					unreadCount: chat.unreadCount,
					timestamp: last?.timestamp ?? 0,
					archived: false,
					pinned: false,
					isMuted: false,
					...(last ? { lastMessage: last } : {}),
				};
			})
			.sort((a, b) => b.timestamp - a.timestamp);
	}
}
