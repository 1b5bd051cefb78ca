import type { WebMedia, WebMessage, WebMessageSnapshot } from './messageSnapshot';
import type { OutgoingContent, SendOptions } from './outgoingContent';
import type { WAState, WebClientEventName, WebClientEvents } from './webEvents';
import type { WebGroups } from './webGroups';
import type { WebPins } from './webPins';
import type { WebChannels } from './webChannels';

export interface WebClientOptions {
	/**
	 * Stable identity of the session: the SessionArchiveStore key and the name of its data dir.
	 * Any string; the real driver derives a filesystem-safe id from it.
	 */
	readonly sessionKey: string;
	/** QR codes to show before giving up (library qrMaxRetries; 0 = unlimited). See the pitfalls in the README. */
	readonly qrMaxRetries?: number;
	/** Log in with a pairing code sent to this phone instead of a QR code. */
	readonly pairing?: { readonly phoneNumber: string; readonly showNotification?: boolean; readonly intervalMs?: number };
	/** Linked-device label shown on the phone. */
	readonly deviceName?: string;
	readonly browserName?: string;
	/** Take the session back when another WhatsApp Web opens it (CONFLICT); default false. */
	readonly takeoverOnConflict?: boolean;
	/** Per-session egress proxy, e.g. `http://host:3128`. */
	readonly proxy?: { readonly server: string; readonly username?: string; readonly password?: string };
}

/** Where a client is in its single life. */
export type WebClientPhase = 'created' | 'starting' | 'started' | 'ready' | 'closed';

/** Own account (library ClientInfo). */
export interface WebOwnProfile {
	/** `<digits>@c.us` (or `@lid`). */
	readonly id: string;
	readonly user: string;
	readonly pushname: string;
	readonly platform: string;
}

/** Changes to the session's own account as others see it. */
export interface OwnProfileChanges {
	readonly displayName?: string;
	/** The About text. */
	readonly about?: string;
	/** A new profile picture (base64 JPEG or PNG), or null to remove it. */
	readonly picture?: { readonly data: string; readonly mimetype: string } | null;
}

/** Library ContactId, as getNumberId returns it. */
export interface WebContactId {
	readonly server: string;
	readonly user: string;
	readonly _serialized: string;
}

export interface WebChatSummary {
	readonly id: string;
	readonly name: string;
	readonly isGroup: boolean;
	readonly isReadOnly: boolean;
	readonly unreadCount: number;
	/** Seconds. */
	readonly timestamp: number;
	readonly archived: boolean;
	readonly pinned: boolean;
	readonly isMuted: boolean;
	/** Seconds; while muted until a time (absent when not muted, or muted for ever). */
	readonly muteExpiration?: number;
	readonly lastMessage?: WebMessageSnapshot;
}

/** What the owner of a chat list can change about a chat. */
export interface ChatChanges {
	readonly archived?: boolean;
	readonly pinned?: boolean;
	readonly muted?: boolean;
	/** Seconds; with `muted: true`, until when (for ever when absent). */
	readonly muteUntil?: number;
	/** Shows the chat as unread again. */
	readonly unread?: true;
}

/** WhatsApp keeps at most this many chats pinned. */
export const MAX_PINNED_CHATS = 3;

/** A WhatsApp Business app label (library Label). */
export interface WebLabel {
	readonly id: string;
	readonly name: string;
	/** `#rrggbb`, when WhatsApp gives one. */
	readonly color: string | null;
}

/** What WhatsApp tells about a person (library Contact, getAbout and getProfilePicUrl). */
export interface WebContactInfo {
	/** `<digits>@c.us` (or `@lid`). */
	readonly id: string;
	readonly number: string | null;
	/** As saved in this phone's address book. */
	readonly name: string | null;
	/** The name they chose for themselves. */
	readonly pushName: string | null;
	readonly isBusiness: boolean;
	readonly isMyContact: boolean;
	readonly isBlocked: boolean;
	/** Their About text, when their privacy settings show it. */
	readonly about: string | null;
	/** A short-lived URL of their profile picture, when they have one and show it. */
	readonly profilePictureUrl: string | null;
}

/** typing/recording last about 25 s on the peer's screen unless refreshed; paused clears it. */
export type ChatActivity = 'typing' | 'recording' | 'paused';

/**
 * One WhatsApp Web session (one browser). Single use: once closed (destroy, logout, disconnected,
 * auth_failure, browser crash) it cannot be started again; create a new client.
 */
export interface WebClient {
	readonly sessionKey: string;
	readonly phase: WebClientPhase;

	on<E extends WebClientEventName>(event: E, listener: (...args: WebClientEvents[E]) => void): this;
	once<E extends WebClientEventName>(event: E, listener: (...args: WebClientEvents[E]) => void): this;
	off<E extends WebClientEventName>(event: E, listener: (...args: WebClientEvents[E]) => void): this;
	removeAllListeners(event?: WebClientEventName): this;

	/**
	 * Starts the browser and WhatsApp Web. Resolves once WhatsApp Web is up: a QR/code has been
	 * offered, or a restored login is being synced (authenticated/ready follow as events).
	 * Rejects with a WebDriverError (code says why) within the driver's start bound; on rejection
	 * the browser is already gone.
	 */
	initialize(): Promise<void>;
	/** Closes the browser and keeps the stored login. Idempotent; never leaves a Chromium process. */
	destroy(): Promise<void>;
	/** Unlinks the device, deletes the stored login, closes the browser. Falls back to destroy when not ready. */
	logout(): Promise<void>;
	/** Library getState(); null when the page is gone or not yet loaded. */
	getState(): Promise<WAState | null>;
	/** Switches an unauthenticated client to pairing-code login; resolves with the 8-character code (also emitted as `code`). */
	requestPairingCode(phoneNumber: string, options?: { showNotification?: boolean; intervalMs?: number }): Promise<string>;
	/** Null until ready. */
	getOwnProfile(): Promise<WebOwnProfile | null>;
	/** Changes the account's name, About or picture; not_allowed when WhatsApp refuses one (e.g. a name changed too often). */
	updateOwnProfile(changes: OwnProfileChanges): Promise<void>;
	/** PIDs of the browser and its helpers while alive, for reaping and metrics. */
	browserPids(): readonly number[];

	/** Rejects with not_ready before `ready`, chat_not_found when WhatsApp has no such chat. */
	sendMessage(chatId: string, content: OutgoingContent, options?: SendOptions): Promise<WebMessage>;
	/** Empty emoji removes our reaction. */
	react(messageId: string, emoji: string): Promise<void>;
	markSeen(chatId: string): Promise<boolean>;
	setChatActivity(chatId: string, activity: ChatActivity): Promise<void>;
	listChats(): Promise<WebChatSummary[]>;
	/**
	 * Archives, pins, mutes or marks a chat unread; answers the chat as it is afterwards. chat_not_found when
	 * WhatsApp Web has no such chat, not_allowed for a pin beyond MAX_PINNED_CHATS.
	 */
	updateChat(chatId: string, changes: ChatChanges): Promise<WebChatSummary>;
	/** Newest `limit` messages of a chat, oldest first (library fetchMessages). */
	getChatMessages(chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]>;
	/** Null when the number is not on WhatsApp. Accepts digits or `<digits>@c.us`. */
	getNumberId(number: string): Promise<WebContactId | null>;
	/** Media of any message the client still has, by serialized id. */
	downloadMedia(messageId: string): Promise<WebMedia | undefined>;
	/**
	 * Changes the text (or caption) of one of our messages: message_not_found when unknown, not_allowed when it is
	 * not ours, has no text, or WhatsApp's edit window (15 minutes) is over. Answers the edited message.
	 */
	editMessage(messageId: string, text: string): Promise<WebMessage>;
	/** Stars or unstars a message on this account; message_not_found when unknown. Answers the message. */
	starMessage(messageId: string, starred: boolean): Promise<WebMessage>;
	/** Deletes a message for everyone (ours only: not_allowed otherwise) or only on this device. */
	deleteMessage(messageId: string, forEveryone: boolean): Promise<void>;
	/**
	 * Forwards a message to a chat, marked as forwarded: message_not_found when unknown, chat_not_found when the chat
	 * cannot be reached. The copy arrives as our own message (message_create), as the library reports it.
	 */
	forwardMessage(messageId: string, chatId: string): Promise<void>;
	/**
	 * Blocks or unblocks a person (`<digits>@c.us`): blocked, they cannot message this account nor it them.
	 * chat_not_found when WhatsApp has no such person.
	 */
	setBlocked(userId: string, blocked: boolean): Promise<void>;
	/**
	 * Shows the account online (available) or not to everyone. While WhatsApp Web is online the phone gets no
	 * notifications; unavailable gives them back.
	 */
	setPresence(state: 'available' | 'unavailable'): Promise<void>;
	/** The account's labels; not_allowed when it is not a WhatsApp Business app account (only those have labels). */
	listLabels(): Promise<WebLabel[]>;
	chatLabels(chatId: string): Promise<WebLabel[]>;
	/** Gives the chat exactly these labels (ids from listLabels); answers them. */
	setChatLabels(chatId: string, labelIds: readonly string[]): Promise<WebLabel[]>;
	/** A person's profile as WhatsApp shows it to this account; chat_not_found when WhatsApp has no such person. */
	getContactInfo(userId: string): Promise<WebContactInfo>;
	/** The people this account has blocked (user ids). */
	blockedContacts(): Promise<string[]>;
	/** Groups: create, look up, change settings and participants, invite links, leave and join. */
	readonly groups: WebGroups;
	/** Messages pinned to the top of chats. */
	readonly pins: WebPins;
	/** WhatsApp channels (newsletters): create, look up, follow; posts are sends to the channel's id. */
	readonly channels: WebChannels;
	/** Declines a ringing call (the `call` event's id). */
	rejectCall(callId: string): Promise<void>;
}

/** What one session's browser costs the machine. */
export interface BrowserUsage {
	/** Chromium processes of the session (browser, renderers, helpers). */
	processes: number;
	/** Their memory: proportional set size where the kernel reports it (shared pages split between sharers), else resident. */
	memoryBytes: number;
}

/** Makes clients; the session manager's only way to WhatsApp Web. */
export interface WebDriver {
	readonly kind: 'real' | 'fake';
	createClient(options: WebClientOptions): WebClient;
	/** Clients not yet closed. */
	liveClients(): readonly WebClient[];
	/** The browsers of the live clients, by session key, measured in one pass (for metrics and the session API). */
	measureBrowsers(): Promise<Map<string, BrowserUsage>>;
	/** Destroys every live client (service shutdown). */
	shutdown(): Promise<void>;
}
