import { withMediaDownloader, type WebMedia, type WebMessage, type WebMessageSnapshot } from '../messageSnapshot';
import type { OutgoingContent, SendOptions } from '../outgoingContent';
import { validateOutgoing } from '../validateOutgoing';
import type {
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
import { QR_RETRIES_EXHAUSTED, WebAck, type WAState, type WebClientEventName, type WebClientEvents } from '../webEvents';
import { FakeAccount } from './fakeAccount';
import { FakeChatMemory, type StoredMessage } from './fakeChatMemory';
import { FakeCalls } from './fakeCalls';
import { FakeChannels, type FakeChannelsLink } from './fakeChannels';
import { FakeGroups } from './fakeGroups';
import { FakeLabels } from './fakeLabels';
import { FakePins } from './fakePins';
import { fakeOwnNumber, fakePairingCode, fakeQr, userOf, webMessageKeyId } from './fakeIds';
import { buildSnapshot, outgoingDraft, type MessageDraft } from './fakeMessages';
import { FakePhone, type FakePhoneLink } from './fakePhone';
import { decodeArchive, encodeArchive, type FakeClientSettings, type ScriptedStart } from './fakeSettings';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What WhatsApp lets you edit after sending, and for how long. */
const EDITABLE_TYPES = new Set(['chat', 'image', 'video', 'document']);
const EDIT_WINDOW_SECONDS = 15 * 60;
/** What WhatsApp forwards (polls, revoked messages and the like are not). */
const FORWARDABLE_TYPES = new Set(['chat', 'image', 'video', 'audio', 'ptt', 'document', 'sticker', 'location', 'vcard', 'multi_vcard']);

/**
 * A WhatsApp Web session without a browser: same events, argument shapes and order as the library
 * (qr... -> authenticated -> ready; message_create before message; acks 1 -> 2 -> 3), login kept in the
 * SessionArchiveStore like RemoteAuth, and a `phone` to play the other side. Idle, it holds no timers.
 */
export class FakeWebClient extends WebClientEmitter implements WebClient, FakePhoneLink {
	readonly sessionKey: string;
	private currentPhase: WebClientPhase = 'created';
	private user: string;
	private isAuthenticated = false;
	private restored = false;
	private mode: 'qr' | 'pairing' = 'qr';
	private qr: string | undefined;
	private code: string | undefined;
	private qrCount = 0;
	private rotationTimer: ReturnType<typeof setInterval> | undefined;
	private backupTimer: ReturnType<typeof setTimeout> | undefined;
	private backupPending = false;
	private ackTimers: Set<ReturnType<typeof setTimeout>> | undefined;
	private memory: FakeChatMemory | undefined;
	private activities: Map<string, ChatActivity> | undefined;
	private nextSendFailure: WebDriverErrorCode | undefined;
	private wakeStart: (() => void) | undefined;
	private phoneSide: FakePhone | undefined;
	private groupsSide: FakeGroups | undefined;
	private pinsSide: FakePins | undefined;
	/** The account's labels (a test may make it a personal account: businessAccount = false). */
	readonly labels = new FakeLabels();
	/** WhatsApp channels: this account's, and public ones others run (seeded by tests). */
	readonly channels = new FakeChannels(this.channelsLink());
	/** Calls: the phone rings through `calls.ring`, the session declines with rejectCall. */
	readonly calls = new FakeCalls(
		() => this.requireReady(),
		(call) => this.fire('call', call),
	);
	private readonly account: FakeAccount;

	constructor(
		private readonly options: WebClientOptions,
		private readonly settings: FakeClientSettings,
		private readonly scripted: ScriptedStart | undefined,
		private readonly onClosed: (client: FakeWebClient) => void,
	) {
		super(settings.logger);
		this.sessionKey = options.sessionKey;
		this.account = new FakeAccount(settings.isOnWhatsApp);
		this.user = fakeOwnNumber(options.sessionKey);
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
		const client = this;
		this.groupsSide ??= new FakeGroups({
			get ownId() {
				return client.ownId;
			},
			requireReady: () => this.requireReady(),
			isOnWhatsApp: (user) => this.settings.isOnWhatsApp(user),
			openChat: (chatId) => void this.chats().open(chatId),
			notify: (spec) => void this.phone.groupNotification(spec),
		});
		return this.groupsSide;
	}

	private channelsLink(): FakeChannelsLink {
		const client = this;
		return {
			get ownId() {
				return client.ownId;
			},
			requireReady: () => this.requireReady(),
			isOnWhatsApp: (user) => this.settings.isOnWhatsApp(user),
		};
	}

	/** Messages pinned in chats; a group's own rule (admins only once restricted) comes from the groups. */
	get pins(): FakePins {
		this.pinsSide ??= new FakePins({
			message: (messageId) => this.storedMessage(messageId),
			find: (messageId) => this.memory?.get(messageId),
			hasChat: (chatId) => {
				this.requireReady();
				return this.chats().hasChat(chatId);
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
		await this.sleep(this.settings.startDelayMs);
		this.throwIfClosed();
		if (this.scripted) await this.runScriptedStart(this.scripted);
		const archive = (await this.settings.store.exists(this.sessionKey)) ? await this.settings.store.load(this.sessionKey) : null;
		this.throwIfClosed();
		const login = decodeArchive(archive);
		this.currentPhase = 'started';
		if (login) {
			// Restored: no QR; authenticated/ready follow asynchronously, as after the library's inject().
			this.user = login.user;
			this.restored = true;
			setImmediate(() => void this.completeLogin());
		} else if (this.options.pairing) {
			this.startPairing(this.options.pairing.intervalMs);
		} else {
			this.startQr();
		}
	}

	async destroy(): Promise<void> {
		// Like the real driver: a ready session not yet backed up is saved on the way out.
		if (this.currentPhase === 'ready' && this.backupPending) await this.saveArchive(false);
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
				return this.isAuthenticated ? 'CONNECTED' : 'UNPAIRED';
			case 'ready':
				return 'CONNECTED';
			default:
				return null;
		}
	}

	async requestPairingCode(phoneNumber: string, options: { showNotification?: boolean; intervalMs?: number } = {}): Promise<string> {
		if (phoneNumber.replace(/\D/g, '').length < 6) throw new WebDriverError('invalid_argument', 'phone number must be digits with country code');
		if (this.currentPhase !== 'started' || this.isAuthenticated) {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'not_ready', 'pairing codes are for a started, unauthenticated client');
		}
		this.startPairing(options.intervalMs);
		return this.code as string;
	}

	async getOwnProfile(): Promise<WebOwnProfile | null> {
		if (this.currentPhase !== 'ready') return null;
		return { id: this.ownId, user: this.user, pushname: this.account.profile.displayName ?? `Fake ${this.sessionKey}`, platform: 'android' };
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

	// ---- operations ------------------------------------------------------------------------------

	async sendMessage(chatId: string, content: OutgoingContent, options: SendOptions = {}): Promise<WebMessage> {
		validateOutgoing(chatId, content, options);
		this.requireReady();
		if (this.nextSendFailure) {
			const code = this.nextSendFailure;
			this.nextSendFailure = undefined;
			throw new WebDriverError(code, `scripted send failure to ${chatId}`);
		}
		if (chatId.endsWith('@c.us') && !this.settings.isOnWhatsApp(userOf(chatId))) {
			throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId} (or cannot send this there)`);
		}
		if (this.account.isBlocked(chatId)) throw new WebDriverError('not_allowed', `${chatId} is blocked: unblock them to send`);
		const refusal = this.channels.postRefusal(chatId);
		if (refusal) throw refusal;
		// The library sends without the quote when it cannot find it (ignoreQuoteErrors).
		const quotedMessage = options.quotedMessageId ? this.chats().get(options.quotedMessageId) : undefined;
		const draft = outgoingDraft(content, {
			chatId,
			keyId: webMessageKeyId(),
			quoted: quotedMessage ? this.quoteOf(quotedMessage.snapshot) : undefined,
			mentionedIds: options.mentions,
		});
		const stored = this.store(draft);
		if (options.sendSeen !== false) this.chats().markSeen(chatId);
		this.emit('message_create', this.toMessage(stored));
		if (this.settings.autoAck) this.scheduleAcks(stored.snapshot.id._serialized);
		return this.toMessage(stored);
	}

	async react(messageId: string, emoji: string): Promise<void> {
		this.requireReady();
		const target = this.chats().get(messageId);
		if (!target) return; // the library resolves silently for unknown messages
		this.phone.emitReaction(target, { senderId: this.ownId, fromMe: true, emoji });
	}

	async markSeen(chatId: string): Promise<boolean> {
		this.requireReady();
		this.chats().markSeen(chatId);
		return true;
	}

	async setChatActivity(chatId: string, activity: ChatActivity): Promise<void> {
		this.requireReady();
		this.activities ??= new Map();
		this.activities.set(chatId, activity);
	}

	async listChats(): Promise<WebChatSummary[]> {
		this.requireReady();
		return this.chats().summaries((chatId) => this.groupsSide?.subjectOf(chatId));
	}

	async updateChat(chatId: string, changes: ChatChanges): Promise<WebChatSummary> {
		this.requireReady();
		this.chats().changeChat(chatId, changes, Date.now() / 1000);
		return (await this.listChats()).find((chat) => chat.id === chatId) as WebChatSummary;
	}

	async getChatMessages(chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]> {
		if (!Number.isInteger(options.limit) || options.limit < 1) throw new WebDriverError('invalid_argument', 'limit must be a positive integer');
		this.requireReady();
		if (chatId.endsWith('@c.us') && !this.settings.isOnWhatsApp(userOf(chatId))) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
		return this.chats()
			.messages(chatId, options.limit, options.fromMe)
			.map((stored) => this.toMessage(stored));
	}

	async getNumberId(number: string): Promise<WebContactId | null> {
		const user = number.replace(/@c\.us$/, '').replace(/\D/g, '');
		if (user.length < 6) throw new WebDriverError('invalid_argument', `not a phone number: ${number}`);
		this.requireReady();
		return this.settings.isOnWhatsApp(user) ? { server: 'c.us', user, _serialized: `${user}@c.us` } : null;
	}

	async downloadMedia(messageId: string): Promise<WebMedia | undefined> {
		this.requireReady();
		return this.mediaOf(messageId);
	}

	async editMessage(messageId: string, text: string): Promise<WebMessage> {
		const stored = this.storedMessage(messageId);
		const { fromMe, type, timestamp } = stored.snapshot;
		if (!fromMe) throw new WebDriverError('not_allowed', 'only your own messages can be edited');
		if (!EDITABLE_TYPES.has(type)) throw new WebDriverError('not_allowed', `a ${type} message has no text to edit`);
		if (Date.now() / 1000 - timestamp > EDIT_WINDOW_SECONDS) throw new WebDriverError('not_allowed', 'WhatsApp allows edits for 15 minutes after sending');
		// WhatsApp Web reports our own edit back (message_edit), as the phone's edits.
		return this.phone.edit(messageId, text);
	}

	async starMessage(messageId: string, starred: boolean): Promise<WebMessage> {
		const stored = this.storedMessage(messageId);
		const { isStarred: _previous, ...rest } = stored.snapshot;
		stored.snapshot = starred ? { ...rest, isStarred: true } : rest;
		return this.toMessage(stored);
	}

	async forwardMessage(messageId: string, chatId: string): Promise<void> {
		const stored = this.storedMessage(messageId);
		if (chatId.endsWith('@c.us') && !this.settings.isOnWhatsApp(userOf(chatId))) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId}`);
		const { type, body, location, vCards, isGif, duration } = stored.snapshot;
		if (!FORWARDABLE_TYPES.has(type)) throw new WebDriverError('not_allowed', `a ${type} message cannot be forwarded`);
		const copy = this.store({
			fromMe: true,
			chatId,
			keyId: webMessageKeyId(),
			type,
			text: body,
			...(stored.media ? { media: stored.media } : {}),
			...(location ? { location } : {}),
			vCards,
			...(isGif ? { isGif } : {}),
			...(duration !== undefined ? { duration } : {}),
			isForwarded: true,
		});
		this.emit('message_create', this.toMessage(copy));
		if (this.settings.autoAck) this.scheduleAcks(copy.snapshot.id._serialized);
	}

	async deleteMessage(messageId: string, forEveryone: boolean): Promise<void> {
		const stored = this.storedMessage(messageId);
		if (!forEveryone) {
			this.chats().remove(messageId);
			return;
		}
		if (!stored.snapshot.fromMe) throw new WebDriverError('not_allowed', "only your own messages can be deleted for everyone (someone else's only for you)");
		this.phone.revoke(messageId);
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
		this.requireChat(chatId);
		return this.labels.ofChat(chatId);
	}

	async setChatLabels(chatId: string, labelIds: readonly string[]): Promise<WebLabel[]> {
		this.requireChat(chatId);
		return this.labels.set(chatId, labelIds);
	}


	/** A chat this session holds (labels go on chats WhatsApp Web lists). */
	private requireChat(chatId: string): void {
		this.requireReady();
		if (!this.chats().hasChat(chatId)) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
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
		return `${this.user}@c.us`;
	}

	get loginMode(): 'qr' | 'pairing' {
		return this.mode;
	}

	get currentQr(): string | undefined {
		return this.currentPhase === 'started' && this.mode === 'qr' && !this.isAuthenticated ? this.qr : undefined;
	}

	get currentCode(): string | undefined {
		return this.currentPhase === 'started' && this.mode === 'pairing' && !this.isAuthenticated ? this.code : undefined;
	}

	get authenticated(): boolean {
		return this.isAuthenticated;
	}

	/** authenticated -> (a turn later) ready, then the first backup; as the library does after a scan. */
	async completeLogin(): Promise<void> {
		if (this.currentPhase !== 'started' || this.isAuthenticated) return;
		this.stopRotation();
		this.isAuthenticated = true;
		if (this.settings.emitLoadingScreen) this.emit('loading_screen', 100, 'WhatsApp');
		this.emit('authenticated', undefined);
		await nextTurn();
		if (this.currentPhase !== 'started') return;
		this.currentPhase = 'ready';
		this.emit('ready');
		if (!this.restored) this.scheduleBackup();
	}

	deliver(draft: MessageDraft): WebMessage {
		const stored = this.store(draft);
		this.emit('message_create', this.toMessage(stored));
		// The library emits `message` only for messages not sent by us (id.fromMe false).
		if (!stored.snapshot.fromMe) this.emit('message', this.toMessage(stored));
		return this.toMessage(stored);
	}

	stored(messageId: string): StoredMessage | undefined {
		return this.memory?.get(messageId);
	}

	replace(messageId: string, snapshot: WebMessageSnapshot): void {
		this.memory?.update(messageId, snapshot);
	}

	fire<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void {
		if (this.currentPhase === 'closed') return;
		this.emit(event, ...args);
	}

	toMessage(stored: StoredMessage): WebMessage {
		const id = stored.snapshot.id._serialized;
		return withMediaDownloader(stored.snapshot, async () => this.mediaOf(id));
	}

	applyAck(messageId: string, ack: WebAck): void {
		const stored = this.memory?.get(messageId);
		if (!stored || this.currentPhase === 'closed') return;
		// Acks only move forward, except the error ack.
		if (ack !== WebAck.ERROR && ack <= stored.snapshot.ack) return;
		stored.snapshot = { ...stored.snapshot, ack };
		this.emit('message_ack', this.toMessage(stored), ack);
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
		this.nextSendFailure = code;
	}

	chatActivity(chatId: string): ChatActivity | undefined {
		return this.activities?.get(chatId);
	}

	get takeoverOnConflict(): boolean {
		return this.options.takeoverOnConflict === true;
	}

	// ---- internals -------------------------------------------------------------------------------

	private chats(): FakeChatMemory {
		this.memory ??= new FakeChatMemory(this.settings.maxMessagesPerChat);
		return this.memory;
	}

	private store(draft: MessageDraft): StoredMessage {
		const stored: StoredMessage = { snapshot: buildSnapshot(this.ownId, draft), ...(draft.media ? { media: draft.media } : {}) };
		this.chats().add(draft.chatId, stored);
		return stored;
	}

	/** A message this session holds, for changes to it (the library's getMessageById, then its methods). */
	private storedMessage(messageId: string): StoredMessage {
		this.requireReady();
		const stored = this.chats().get(messageId);
		if (!stored) throw new WebDriverError('message_not_found', `no message ${messageId}`);
		return stored;
	}

	private mediaOf(messageId: string): WebMedia | undefined {
		const stored = this.memory?.get(messageId);
		return stored?.snapshot.hasMedia ? stored.media : undefined;
	}

	quoteOf(snapshot: WebMessageSnapshot): { stanzaId: string; participant: string } {
		return { stanzaId: snapshot.id.id, participant: snapshot.author ?? snapshot.from };
	}

	private requireReady(): void {
		if (this.currentPhase !== 'ready') {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'not_ready', `session ${this.sessionKey} is not ready`);
		}
	}

	private throwIfClosed(): void {
		if (this.currentPhase === 'closed') throw new WebDriverError('destroyed', 'client destroyed during start');
	}

	private async runScriptedStart(script: ScriptedStart): Promise<void> {
		if (script.kind === 'hang') {
			await this.sleep(this.settings.startTimeoutMs);
			this.throwIfClosed();
			this.close();
			throw new WebDriverError('start_timeout', `WhatsApp Web did not start within ${this.settings.startTimeoutMs} ms`);
		}
		if (script.kind === 'auth_failure') {
			const message = script.message ?? 'Unable to log in. Are the session details valid?';
			this.emit('auth_failure', message);
			this.close();
			throw new WebDriverError('auth_restore_failed', `authentication failed: ${message}`);
		}
		this.close();
		throw new WebDriverError(script.code, script.message ?? `scripted start failure (${script.code})`);
	}

	/** A wait that destroy() cuts short. */
	private sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(finish, ms);
			function finish(): void {
				clearTimeout(timer);
				resolve();
			}
			this.wakeStart = finish;
		});
	}

	private startQr(): void {
		this.mode = 'qr';
		this.emitQr();
		if (this.currentPhase === 'started') {
			this.rotationTimer = setInterval(() => this.emitQr(), this.settings.qrIntervalMs);
		}
	}

	/** Library order: emit the QR, then count it; past qrMaxRetries, disconnected and destroy. */
	private emitQr(): void {
		this.qr = fakeQr();
		this.emit('qr', this.qr);
		const max = this.options.qrMaxRetries ?? 0;
		if (max > 0 && ++this.qrCount > max && this.currentPhase === 'started') {
			this.emit('disconnected', QR_RETRIES_EXHAUSTED);
			this.close();
		}
	}

	private startPairing(intervalMs?: number): void {
		this.stopRotation();
		this.mode = 'pairing';
		const issue = (): void => {
			this.code = fakePairingCode();
			this.emit('code', this.code);
		};
		issue();
		this.rotationTimer = setInterval(issue, intervalMs ?? this.settings.pairingCodeIntervalMs);
	}

	private stopRotation(): void {
		clearInterval(this.rotationTimer);
		this.rotationTimer = undefined;
	}

	private scheduleBackup(): void {
		this.backupPending = true;
		this.backupTimer = setTimeout(() => void this.saveArchive(true), this.settings.firstBackupDelayMs);
	}

	private async saveArchive(emit: boolean): Promise<void> {
		clearTimeout(this.backupTimer);
		this.backupTimer = undefined;
		if (!this.backupPending) return;
		this.backupPending = false;
		try {
			await this.settings.store.save(this.sessionKey, encodeArchive(this.user));
			if (emit) this.fire('remote_session_saved');
		} catch (error) {
			this.logger.warn({ err: error, sessionKey: this.sessionKey }, 'fake: saving the login failed');
		}
	}

	private scheduleAcks(messageId: string): void {
		const steps = [WebAck.SERVER, WebAck.DEVICE, WebAck.READ];
		const timers = (this.ackTimers ??= new Set());
		const step = (index: number): void => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				this.applyAck(messageId, steps[index] as WebAck);
				if (index + 1 < steps.length && this.currentPhase === 'ready') step(index + 1);
			}, this.settings.ackDelayMs);
			timers.add(timer);
		};
		step(0);
	}

	private close(): void {
		if (this.currentPhase === 'closed') return;
		this.currentPhase = 'closed';
		this.stopRotation();
		clearTimeout(this.backupTimer);
		this.backupTimer = undefined;
		this.ackTimers?.forEach((timer) => clearTimeout(timer));
		this.ackTimers = undefined;
		this.wakeStart?.();
		this.wakeStart = undefined;
		this.onClosed(this);
	}
}
