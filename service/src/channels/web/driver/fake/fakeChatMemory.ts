import type { WebMedia, WebMessageSnapshot } from '../messageSnapshot';
import { MAX_PINNED_CHATS, type ChatChanges, type WebChatSummary } from '../webClient';
import { WebDriverError } from '../webDriverError';

export interface StoredMessage {
	snapshot: WebMessageSnapshot;
	/** Kept so downloadMedia works; dropped with the message when the chat overflows. */
	readonly media?: WebMedia;
}

interface ChatRecord {
	readonly messages: StoredMessage[];
	unreadCount: number;
	archived: boolean;
	pinned: boolean;
	/** Muted: until when (seconds), or 'forever'; undefined when not muted. */
	mutedUntil?: number | 'forever';
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
			chat = { messages: [], unreadCount: 0, archived: false, pinned: false };
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

	/** Whether the session holds this chat (statuses are no chat). */
	hasChat(chatId: string): boolean {
		return chatId !== 'status@broadcast' && this.chats.has(chatId);
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

	/** The chat-list changes WhatsApp allows, with its limit on pinned chats. */
	changeChat(chatId: string, changes: ChatChanges, nowSeconds: number): void {
		const chat = this.chats.get(chatId);
		if (!chat) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
		const pinnedElsewhere = [...this.chats.values()].filter((other) => other !== chat && other.pinned).length;
		if (changes.pinned && !chat.pinned && pinnedElsewhere >= MAX_PINNED_CHATS) throw new WebDriverError('not_allowed', `WhatsApp pins at most ${MAX_PINNED_CHATS} chats`);
		if (changes.muteUntil !== undefined && changes.muteUntil <= nowSeconds) throw new WebDriverError('invalid_argument', 'muteUntil must be in the future');
		if (changes.archived !== undefined) chat.archived = changes.archived;
		if (changes.pinned !== undefined) chat.pinned = changes.pinned;
		if (changes.muted !== undefined) chat.mutedUntil = changes.muted ? (changes.muteUntil ?? 'forever') : undefined;
		if (changes.unread) chat.unreadCount = Math.max(chat.unreadCount, 1);
	}

	markSeen(chatId: string): void {
		const chat = this.chats.get(chatId);
		if (chat) chat.unreadCount = 0;
	}

	/** `nameOf` gives a chat's display name when it has one (a group's subject); otherwise the id's user part. */
	summaries(nameOf: (chatId: string) => string | undefined = () => undefined, nowSeconds = Date.now() / 1000): WebChatSummary[] {
		return [...this.chats.entries()]
			// Statuses go to status@broadcast, which WhatsApp Web does not list among chats.
			.filter(([id]) => id !== 'status@broadcast')
			.map(([id, chat]) => {
				const last = chat.messages[chat.messages.length - 1]?.snapshot;
				return {
					id,
					name: nameOf(id) ?? id.split('@', 1)[0] ?? id,
					isGroup: id.endsWith('@g.us'),
					isReadOnly: false,
					unreadCount: chat.unreadCount,
					timestamp: last?.timestamp ?? 0,
					archived: chat.archived,
					pinned: chat.pinned,
					isMuted: chat.mutedUntil === 'forever' || (chat.mutedUntil !== undefined && chat.mutedUntil > nowSeconds),
					...(typeof chat.mutedUntil === 'number' && chat.mutedUntil > nowSeconds ? { muteExpiration: chat.mutedUntil } : {}),
					...(last ? { lastMessage: last } : {}),
				};
			})
			.sort((a, b) => b.timestamp - a.timestamp);
	}
}
