import type { WebMedia, WebMessage, WebMessageSnapshot } from '../messageSnapshot';
import type { OutgoingContent, SendOptions } from '../outgoingContent';
import type {
	BrowserUsage,
	ChatActivity,
	ChatChanges,
	WebChatSummary,
	WebClient,
	WebClientOptions,
	WebClientPhase,
	WebContactId,
	OwnProfileChanges,
	WebContactInfo,
	WebLabel,
	WebOwnProfile,
} from '../webClient';
import { WebClientEmitter } from '../webClientEmitter';
import { WebDriverError, type WebDriverErrorCode } from '../webDriverError';
import type { WAState, WebAck, WebClientEventName, WebClientEvents } from '../webEvents';
import { FakeAccount } from './fakeAccount';
import type { StoredMessage } from './fakeChatMemory';
import { FakeCalls } from './fakeCalls';
import { FakeChannels, type FakeChannelsLink } from './fakeChannels';
import { FakeChats, type FakeChatsLink } from './fakeChats';
import { FakeGroups, type FakeGroupsLink } from './fakeGroups';
import { FakeLabels } from './fakeLabels';
import { FakeLogin, type FakeLoginLink } from './fakeLogin';
import { FakeMessageActions, quoteOf, type FakeMessageActionsLink } from './fakeMessageActions';
import { FakePins } from './fakePins';
import type { MessageDraft } from './fakeMessages';
import { FakePhone, type FakePhoneLink } from './fakePhone';
import type { FakeClientSettings, ScriptedStart } from './fakeSettings';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A WhatsApp Web session without a browser: same events, argument shapes and order as the library
 * (qr... -> authenticated -> ready; message_create before message; acks 1 -> 2 -> 3), login kept in the
 * SessionArchiveStore like RemoteAuth, and a `phone` to play the other side. Idle, it holds no timers.
 * Each concern lives beside it (login, chats, message actions, account, groups, pins, channels, calls, labels);
 * the client holds the phase and hands every call to the part it concerns.
 */
export class FakeWebClient extends WebClientEmitter implements WebClient, FakePhoneLink {
	readonly sessionKey: string;
	private currentPhase: WebClientPhase = 'created';
	private phoneSide: FakePhone | undefined;
	private groupsSide: FakeGroups | undefined;
	private pinsSide: FakePins | undefined;
	/** The account's labels (a test may make it a personal account: businessAccount = false). */
	readonly labels = new FakeLabels();
	/** WhatsApp channels: this account's, and public ones others run (seeded by tests). */
	readonly channels: FakeChannels;
	/** Calls: the phone rings through `calls.ring`, the session declines with rejectCall. */
	readonly calls = new FakeCalls(
		() => this.requireReady(),
		(call) => this.fire('call', call),
	);
	private readonly account: FakeAccount;
	private readonly login: FakeLogin;
	private readonly chats: FakeChats;
	private readonly actions: FakeMessageActions;

	constructor(
		private readonly options: WebClientOptions,
		private readonly settings: FakeClientSettings,
		private readonly scripted: ScriptedStart | undefined,
		private readonly onClosed: (client: FakeWebClient) => void,
	) {
		super(settings.logger);
		this.sessionKey = options.sessionKey;
		this.account = new FakeAccount(settings.isOnWhatsApp);
		const inside = this.inside();
		this.channels = new FakeChannels(inside);
		this.login = new FakeLogin(options, settings, inside);
		this.chats = new FakeChats(settings.maxMessagesPerChat, inside);
		this.actions = new FakeMessageActions(this.chats, settings, inside);
	}

	/** What the client's parts may do to it (emit, close, the ready check) that the session manager may not. */
	private inside(): FakeLoginLink & FakeChatsLink & FakeMessageActionsLink & FakeChannelsLink & FakeGroupsLink {
		const client = this;
		return {
			sessionKey: this.sessionKey,
			get phase() {
				return client.currentPhase;
			},
			get ownId() {
				return client.ownId;
			},
			get phone() {
				return client.phone;
			},
			requireReady: () => this.requireReady(),
			emit: (event, ...args) => this.emit(event, ...args),
			fire: (event, ...args) => this.fire(event, ...args),
			close: () => this.close(),
			warn: (error, message) => this.logger.warn({ err: error, sessionKey: this.sessionKey }, message),
			isOnWhatsApp: (user) => this.settings.isOnWhatsApp(user),
			isBlocked: (chatId) => this.account.isBlocked(chatId),
			postRefusal: (chatId) => this.channels.postRefusal(chatId),
			subjectOf: (chatId) => this.groupsSide?.subjectOf(chatId),
			openChat: (chatId) => this.chats.open(chatId),
			notify: (spec) => void this.phone.groupNotification(spec),
		};
	}

	get phase(): WebClientPhase {
		return this.currentPhase;
	}

	/** The other side of this session: the user's phone. */
	get phone(): FakePhone {
		this.phoneSide ??= new FakePhone(this);
		return this.phoneSide;
	}

	/** Group management; the groups live with this session (the fake has no shared WhatsApp). */
	get groups(): FakeGroups {
		this.groupsSide ??= new FakeGroups(this.inside());
		return this.groupsSide;
	}

	/** Messages pinned in chats; a group's own rule (admins only once restricted) comes from the groups. */
	get pins(): FakePins {
		this.pinsSide ??= new FakePins({
			message: (messageId) => this.chats.message(messageId),
			find: (messageId) => this.chats.find(messageId),
			hasChat: (chatId) => {
				this.requireReady();
				return this.chats.hasChat(chatId);
			},
			mayPinIn: (chatId) => this.groupsSide?.mayEditInfo(chatId) ?? true,
			toMessage: (stored) => this.toMessage(stored),
		});
		return this.pinsSide;
	}

	// ---- lifecycle -------------------------------------------------------------------------------

	async initialize(): Promise<void> {
		if (this.currentPhase !== 'created') {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'invalid_argument', 'initialize() runs once per client');
		}
		this.currentPhase = 'starting';
		const login = await this.login.boot(this.scripted);
		this.currentPhase = 'started';
		if (login) {
			// Restored: no QR; authenticated/ready follow asynchronously, as after the library's inject().
			this.login.restore(login);
			setImmediate(() => void this.completeLogin());
		} else {
			this.login.offer();
		}
	}

	async destroy(): Promise<void> {
		// Like the real driver: a ready session not yet backed up is saved on the way out.
		if (this.currentPhase === 'ready' && this.login.backupPending) await this.login.saveArchive(false);
		this.close();
	}

	async logout(): Promise<void> {
		this.close();
		await this.settings.store.delete(this.sessionKey);
	}

	async getState(): Promise<WAState | null> {
		switch (this.currentPhase) {
			case 'starting':
				return 'OPENING';
			case 'started':
				return this.login.authenticated ? 'CONNECTED' : 'UNPAIRED';
			case 'ready':
				return 'CONNECTED';
			default:
				return null;
		}
	}

	async requestPairingCode(phoneNumber: string, options: { showNotification?: boolean; intervalMs?: number } = {}): Promise<string> {
		return this.login.requestPairingCode(phoneNumber, options);
	}

	async getOwnProfile(): Promise<WebOwnProfile | null> {
		if (this.currentPhase !== 'ready') return null;
		return { id: this.ownId, user: this.login.user, pushname: this.account.profile.displayName ?? `Fake ${this.sessionKey}`, platform: 'android' };
	}

	async updateOwnProfile(changes: OwnProfileChanges): Promise<void> {
		this.requireReady();
		this.account.updateProfile(changes);
	}

	/** The account's About and whether it has a picture, as last set (for tests). */
	get profile(): { readonly displayName?: string; readonly about?: string; readonly hasPicture?: boolean } {
		return this.account.profile;
	}

	browserPids(): readonly number[] {
		return [];
	}

	/** What the driver reports for this client's browser; tests set it to see the figures travel. */
	browser: BrowserUsage = { processes: 0, memoryBytes: 0 };

	// ---- operations ------------------------------------------------------------------------------

	sendMessage(chatId: string, content: OutgoingContent, options?: SendOptions): Promise<WebMessage> {
		return this.actions.sendMessage(chatId, content, options);
	}

	react(messageId: string, emoji: string): Promise<void> {
		return this.actions.react(messageId, emoji);
	}

	markSeen(chatId: string): Promise<boolean> {
		return this.chats.markSeen(chatId);
	}

	setChatActivity(chatId: string, activity: ChatActivity): Promise<void> {
		return this.chats.setChatActivity(chatId, activity);
	}

	listChats(): Promise<WebChatSummary[]> {
		return this.chats.listChats();
	}

	updateChat(chatId: string, changes: ChatChanges): Promise<WebChatSummary> {
		return this.chats.updateChat(chatId, changes);
	}

	getChatMessages(chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]> {
		return this.chats.getChatMessages(chatId, options);
	}

	async getNumberId(number: string): Promise<WebContactId | null> {
		const user = number.replace(/@c\.us$/, '').replace(/\D/g, '');
		if (user.length < 6) throw new WebDriverError('invalid_argument', `not a phone number: ${number}`);
		this.requireReady();
		return this.settings.isOnWhatsApp(user) ? { server: 'c.us', user, _serialized: `${user}@c.us` } : null;
	}

	downloadMedia(messageId: string): Promise<WebMedia | undefined> {
		return this.chats.downloadMedia(messageId);
	}

	editMessage(messageId: string, text: string): Promise<WebMessage> {
		return this.actions.editMessage(messageId, text);
	}

	starMessage(messageId: string, starred: boolean): Promise<WebMessage> {
		return this.actions.starMessage(messageId, starred);
	}

	forwardMessage(messageId: string, chatId: string): Promise<void> {
		return this.actions.forwardMessage(messageId, chatId);
	}

	deleteMessage(messageId: string, forEveryone: boolean): Promise<void> {
		return this.actions.deleteMessage(messageId, forEveryone);
	}

	async rejectCall(callId: string): Promise<void> {
		return this.calls.rejectCall(callId);
	}

	async setBlocked(userId: string, blocked: boolean): Promise<void> {
		this.requireReady();
		this.account.setBlocked(userId, blocked);
	}

	async setPresence(state: 'available' | 'unavailable'): Promise<void> {
		this.requireReady();
		this.account.presence = state;
	}

	/** What the account last told WhatsApp about its presence (for tests). */
	get presence(): 'available' | 'unavailable' | undefined {
		return this.account.presence;
	}

	async listLabels(): Promise<WebLabel[]> {
		this.requireReady();
		return this.labels.list();
	}

	async chatLabels(chatId: string): Promise<WebLabel[]> {
		this.chats.requireChat(chatId);
		return this.labels.ofChat(chatId);
	}

	async setChatLabels(chatId: string, labelIds: readonly string[]): Promise<WebLabel[]> {
		this.chats.requireChat(chatId);
		return this.labels.set(chatId, labelIds);
	}

	async getContactInfo(userId: string): Promise<WebContactInfo> {
		this.requireReady();
		return this.account.contactInfo(userId);
	}

	async blockedContacts(): Promise<string[]> {
		this.requireReady();
		return this.account.blocked();
	}

	/** Whether WhatsApp would deliver this person's message here (blocked people's never arrive). */
	isBlocked(userId: string): boolean {
		return this.account.isBlocked(userId);
	}

	// ---- FakePhoneLink: what the phone may do to this session ------------------------------------

	get ownId(): string {
		return `${this.login.user}@c.us`;
	}

	get loginMode(): 'qr' | 'pairing' {
		return this.login.loginMode;
	}

	get currentQr(): string | undefined {
		return this.login.currentQr;
	}

	get currentCode(): string | undefined {
		return this.login.currentCode;
	}

	get authenticated(): boolean {
		return this.login.authenticated;
	}

	/** authenticated -> (a turn later) ready, then the first backup; as the library does after a scan. */
	async completeLogin(): Promise<void> {
		if (this.currentPhase !== 'started' || !this.login.authenticate()) return;
		await nextTurn();
		if (this.currentPhase !== 'started') return;
		this.currentPhase = 'ready';
		this.emit('ready');
		this.login.scheduleBackup();
	}

	deliver(draft: MessageDraft): WebMessage {
		return this.actions.deliver(draft);
	}

	stored(messageId: string): StoredMessage | undefined {
		return this.chats.find(messageId);
	}

	replace(messageId: string, snapshot: WebMessageSnapshot): void {
		this.chats.replace(messageId, snapshot);
	}

	fire<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void {
		if (this.currentPhase === 'closed') return;
		this.emit(event, ...args);
	}

	toMessage(stored: StoredMessage): WebMessage {
		return this.chats.toMessage(stored);
	}

	applyAck(messageId: string, ack: WebAck): void {
		this.actions.applyAck(messageId, ack);
	}

	/** Ends the session from the outside (phone logout, unlink, crash...). Events must be emitted before. */
	endSession(options: { forgetLogin: boolean }): void {
		this.close();
		if (options.forgetLogin) {
			void this.settings.store.delete(this.sessionKey).catch((error: unknown) =>
				this.logger.warn({ err: error, sessionKey: this.sessionKey }, 'fake: deleting the stored login failed'),
			);
		}
	}

	failNextSend(code: WebDriverErrorCode): void {
		this.actions.failNextSend(code);
	}

	chatActivity(chatId: string): ChatActivity | undefined {
		return this.chats.chatActivity(chatId);
	}

	get takeoverOnConflict(): boolean {
		return this.options.takeoverOnConflict === true;
	}

	quoteOf(snapshot: WebMessageSnapshot): { stanzaId: string; participant: string } {
		return quoteOf(snapshot);
	}

	// ---- internals -------------------------------------------------------------------------------

	private requireReady(): void {
		if (this.currentPhase !== 'ready') {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'not_ready', `session ${this.sessionKey} is not ready`);
		}
	}

	private close(): void {
		if (this.currentPhase === 'closed') return;
		this.currentPhase = 'closed';
		this.login.stop();
		this.actions.stop();
		this.onClosed(this);
	}
}
