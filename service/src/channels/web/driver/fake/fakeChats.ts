import { withMediaDownloader, type WebMedia, type WebMessage } from '../messageSnapshot';
import type { ChatActivity, ChatChanges, WebChatSummary } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { FakeChatMemory, type StoredMessage } from './fakeChatMemory';
import { userOf } from './fakeIds';
import { buildSnapshot, type MessageDraft } from './fakeMessages';

/** What the chats need of their client. */
export interface FakeChatsLink {
	readonly ownId: string;
	requireReady(): void;
	isOnWhatsApp(user: string): boolean;
	/** A group's subject, the name its chat is listed under. */
	subjectOf(chatId: string): string | undefined;
}

/**
 * A fake session's chats and the messages it holds: the chat list and its changes, history, typing state, and the
 * stored messages every other part reads and changes. The memory is made on first use, so idle sessions cost nothing.
 */
export class FakeChats {
	private memory: FakeChatMemory | undefined;
	private activities: Map<string, ChatActivity> | undefined;

	constructor(
		private readonly maxMessagesPerChat: number,
		private readonly link: FakeChatsLink,
	) {}

	// ---- the WebClient's chat operations -----------------------------------------------------

	async markSeen(chatId: string): Promise<boolean> {
		this.link.requireReady();
		this.chats().markSeen(chatId);
		return true;
	}

	async setChatActivity(chatId: string, activity: ChatActivity): Promise<void> {
		this.link.requireReady();
		this.activities ??= new Map();
		this.activities.set(chatId, activity);
	}

	async listChats(): Promise<WebChatSummary[]> {
		this.link.requireReady();
		return this.chats().summaries((chatId) => this.link.subjectOf(chatId));
	}

	async updateChat(chatId: string, changes: ChatChanges): Promise<WebChatSummary> {
		this.link.requireReady();
		this.chats().changeChat(chatId, changes, Date.now() / 1000);
		return (await this.listChats()).find((chat) => chat.id === chatId) as WebChatSummary;
	}

	async getChatMessages(chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]> {
		if (!Number.isInteger(options.limit) || options.limit < 1) throw new WebDriverError('invalid_argument', 'limit must be a positive integer');
		this.link.requireReady();
		if (chatId.endsWith('@c.us') && !this.link.isOnWhatsApp(userOf(chatId))) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
		return this.chats()
			.messages(chatId, options.limit, options.fromMe)
			.map((stored) => this.toMessage(stored));
	}

	async downloadMedia(messageId: string): Promise<WebMedia | undefined> {
		this.link.requireReady();
		return this.mediaOf(messageId);
	}

	// ---- for the rest of the client ------------------------------------------------------------

	chatActivity(chatId: string): ChatActivity | undefined {
		return this.activities?.get(chatId);
	}

	/** The chat, listed from now on even without messages (a group just created or joined). */
	open(chatId: string): void {
		this.chats().open(chatId);
	}

	hasChat(chatId: string): boolean {
		return this.chats().hasChat(chatId);
	}

	/** A chat this session holds (labels go on chats WhatsApp Web lists). */
	requireChat(chatId: string): void {
		this.link.requireReady();
		if (!this.chats().hasChat(chatId)) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
	}

	/** Marks a chat read without the ready check (a send already made it). */
	seen(chatId: string): void {
		this.chats().markSeen(chatId);
	}

	store(draft: MessageDraft): StoredMessage {
		const stored: StoredMessage = { snapshot: buildSnapshot(this.link.ownId, draft), ...(draft.media ? { media: draft.media } : {}) };
		this.chats().add(draft.chatId, stored);
		return stored;
	}

	/** The message when still held; nothing is made for a session that holds none. */
	find(messageId: string): StoredMessage | undefined {
		return this.memory?.get(messageId);
	}

	/** The message, made room for when the session holds none yet. */
	get(messageId: string): StoredMessage | undefined {
		return this.chats().get(messageId);
	}

	/** A message this session holds, for changes to it (the library's getMessageById, then its methods). */
	message(messageId: string): StoredMessage {
		this.link.requireReady();
		const stored = this.chats().get(messageId);
		if (!stored) throw new WebDriverError('message_not_found', `no message ${messageId}`);
		return stored;
	}

	replace(messageId: string, snapshot: StoredMessage['snapshot']): void {
		this.memory?.update(messageId, snapshot);
	}

	/** Forgets a message on this device (delete for me). */
	remove(messageId: string): void {
		this.chats().remove(messageId);
	}

	toMessage(stored: StoredMessage): WebMessage {
		const id = stored.snapshot.id._serialized;
		return withMediaDownloader(stored.snapshot, async () => this.mediaOf(id));
	}

	private mediaOf(messageId: string): WebMedia | undefined {
		const stored = this.memory?.get(messageId);
		return stored?.snapshot.hasMedia ? stored.media : undefined;
	}

	private chats(): FakeChatMemory {
		this.memory ??= new FakeChatMemory(this.maxMessagesPerChat);
		return this.memory;
	}
}
