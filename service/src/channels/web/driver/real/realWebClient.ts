import { promises as fs } from 'node:fs';
import { Client as LibraryClient, type AuthStrategy, type Call, type GroupNotification, type Message, type PollVote, type Reaction } from 'whatsapp-web.js';
import type { DriverLogger } from '../driverLogger';
import type { WebMedia, WebMessage } from '../messageSnapshot';
import type { OutgoingContent, SendOptions } from '../outgoingContent';
import type { SessionArchiveStore } from '../sessionArchiveStore';
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
import { WebDriverError } from '../webDriverError';
import { WEB_GROUP_EVENTS, type BrowserCrashInfo, type DisconnectReason, type WAState, type WebAck } from '../webEvents';
import { ArchiveStoreAdapter } from './archiveStoreAdapter';
import { chromiumArgs } from './chromiumArgs';
import { reapSession, sessionProcesses } from './chromiumReaper';
import { updateLibraryChat } from './realChats';
import { libraryBlockedContacts, libraryContactInfo, setLibraryBlocked, updateLibraryOwnProfile } from './realContacts';
import { RealGroups } from './realGroups';
import { RealPins } from './realPins';
import { libraryCall } from './libraryCall';
import { RealCalls } from './realCalls';
import { RealChannels } from './realChannels';
import { deleteLibraryMessage, editLibraryMessage, forwardLibraryMessage, libraryMessageMedia, starLibraryMessage } from './realMessages';
import { libraryChatLabels, listLibraryLabels, setLibraryChatLabels } from './realLabels';
import { classifyStartError } from './classifyStartError';
import { DriverRemoteAuth } from './driverRemoteAuth';
import { sessionPathsFor, type SessionPaths } from './sessionPaths';
import { settleWithin } from './settle';
import { toChatSummary, toContactId } from './toChatSummary';
import { toLibraryMessage } from './toLibraryContent';
import { toWebGroupNotification, toWebMessage, toWebPollVote, toWebReaction } from './toSnapshot';
import type { ResolvedWebVersion, WebVersionResolver } from './webVersionResolver';

/** Driver-wide settings every client of a RealWebDriver shares (defaults already applied). */
export interface RealClientSettings {
	readonly store: SessionArchiveStore;
	readonly dataPath: string;
	readonly executablePath: string;
	readonly headless: boolean;
	readonly extraChromiumArgs: readonly string[];
	readonly userAgent: string | undefined;
	readonly authTimeoutMs: number;
	readonly startTimeoutMs: number;
	readonly readyTimeoutMs: number;
	readonly backupSyncIntervalMs: number;
	readonly firstBackupDelayMs: number;
	readonly closeTimeoutMs: number;
	readonly protocolTimeoutMs: number;
	readonly backupOnDestroy: boolean;
	readonly removeLocalDataOnDestroy: boolean;
	readonly webVersions: WebVersionResolver;
	readonly logger: DriverLogger;
}

interface TeardownPlan {
	/** What a pending initialize() rejects with. */
	readonly reason: WebDriverError;
	/** Zip the profile into the store after the browser closed. */
	readonly backup: boolean;
	/** Delete the stored login and the local profile (logout, unlink). */
	readonly forgetLogin?: boolean;
	/** Ask WhatsApp to unlink this device first (Client.logout). */
	readonly unlinkDevice?: boolean;
}

/** States in which the phone has unlinked us: the stored login is dead. */
const UNLINKED: ReadonlySet<string> = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

/** The library's group notification events; each carries one GroupNotification and keeps its name on the seam. */

/** The library's private members we rely on (see Client.js); kept in one place so an upgrade shows what broke. */
interface LibraryInternals {
	lastLoggedOut?: boolean;
	inject(): Promise<void>;
}

/**
 * One whatsapp-web.js Client with RemoteAuth over our SessionArchiveStore, system Chromium and
 * guaranteed cleanup: whatever ends the client (destroy, logout, library disconnect, crash, start
 * failure) goes through teardown(), which closes the browser, then SIGKILLs anything of the
 * session still alive and waits until it is gone.
 */
export class RealWebClient extends WebClientEmitter implements WebClient {
	readonly sessionKey: string;
	private currentPhase: WebClientPhase = 'created';
	private readonly paths: SessionPaths;
	private library: LibraryClient | undefined;
	private auth: DriverRemoteAuth | undefined;
	private browserPid: number | null = null;
	private offeredLogin = false;
	private readyTimer: ReturnType<typeof setTimeout> | undefined;
	private libraryInit: Promise<void> | undefined;
	private closing: Promise<void> | undefined;
	private closingReason: WebDriverError | undefined;
	private rejectClosed: ((error: WebDriverError) => void) | undefined;
	private readonly closed: Promise<never>;

	constructor(
		private readonly options: WebClientOptions,
		private readonly settings: RealClientSettings,
		private readonly onClosed: (client: RealWebClient) => void,
	) {
		super(settings.logger);
		this.sessionKey = options.sessionKey;
		this.paths = sessionPathsFor(settings.dataPath, options.sessionKey);
		this.closed = new Promise<never>((_resolve, reject) => {
			this.rejectClosed = reject;
		});
		this.closed.catch(() => undefined);
	}

	get phase(): WebClientPhase {
		return this.currentPhase;
	}

	/** Session directory (profile, crash dumps); every Chromium process of this client mentions it. */
	get sessionRoot(): string {
		return this.paths.root;
	}

	async initialize(): Promise<void> {
		if (this.currentPhase !== 'created') {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'invalid_argument', 'initialize() runs once per client');
		}
		this.currentPhase = 'starting';
		const startedAt = Date.now();
		try {
			const version = await this.settings.webVersions.resolve();
			if (this.closing) throw new WebDriverError('destroyed', 'client destroyed during start');
			const library = this.createLibraryClient(version);
			this.library = library;
			const run = library.initialize();
			this.libraryInit = run.then(
				() => undefined,
				() => undefined,
			);
			await this.boundedStart(run);
			this.takeOverNavigation(library);
			if (this.currentPhase === 'starting') this.currentPhase = 'started';
			// A restored login shows no QR; it must reach ready on its own within the bound.
			if (!this.offeredLogin && this.phase !== 'ready') this.armReadyTimer();
			this.logger.info(
				{ sessionKey: this.sessionKey, ms: Date.now() - startedAt, webVersion: version.source },
				'WhatsApp Web started',
			);
		} catch (error) {
			const failure = this.closing ? (this.closingReason ?? classifyStartError(error)) : classifyStartError(error);
			this.logger.warn(
				{ sessionKey: this.sessionKey, ms: Date.now() - startedAt, code: failure.code, err: error },
				'WhatsApp Web start failed',
			);
			await this.teardown({ reason: failure, backup: false });
			throw failure;
		}
	}

	destroy(): Promise<void> {
		return this.teardown({ reason: new WebDriverError('destroyed', 'client destroyed during start'), backup: true });
	}

	logout(): Promise<void> {
		return this.teardown({
			reason: new WebDriverError('destroyed', 'client logged out during start'),
			backup: false,
			forgetLogin: true,
			unlinkDevice: this.currentPhase === 'ready',
		});
	}

	async getState(): Promise<WAState | null> {
		if (this.closing || !this.library?.pupPage) return null;
		try {
			return ((await this.library.getState()) as WAState | null) ?? null;
		} catch {
			return null;
		}
	}

	async requestPairingCode(phoneNumber: string, options: { showNotification?: boolean; intervalMs?: number } = {}): Promise<string> {
		const digits = phoneNumber.replace(/\D/g, '');
		if (digits.length < 6) throw new WebDriverError('invalid_argument', 'phone number must be digits with country code');
		if (this.currentPhase !== 'started' || !this.library) {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'not_ready', 'pairing codes are for a started, unauthenticated client');
		}
		this.offeredLogin = true;
		return this.library.requestPairingCode(digits, options.showNotification ?? true, options.intervalMs ?? 180_000);
	}

	async getOwnProfile(): Promise<WebOwnProfile | null> {
		const info = this.currentPhase === 'ready' ? this.library?.info : undefined;
		if (!info?.wid) return null;
		return { id: info.wid._serialized, user: info.wid.user, pushname: info.pushname ?? '', platform: info.platform ?? '' };
	}

	browserPids(): readonly number[] {
		if (this.currentPhase === 'closed' || this.browserPid === null) return [];
		return sessionProcesses(this.paths.root, this.browserPid).map((entry) => entry.pid);
	}

	async sendMessage(chatId: string, content: OutgoingContent, options: SendOptions = {}): Promise<WebMessage> {
		validateOutgoing(chatId, content, options);
		const library = this.requireReady();
		const message = toLibraryMessage(content, options);
		const sent: Message | null | undefined = await libraryCall(`sending to ${chatId}`, () => library.sendMessage(chatId, message.content, message.options));
		if (!sent) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId} (or cannot send this there)`);
		return toWebMessage(sent);
	}

	async react(messageId: string, emoji: string): Promise<void> {
		// The library resolves silently when the message is unknown; nothing more to learn here.
		await this.requireReady().sendReaction(messageId, emoji);
	}

	async markSeen(chatId: string): Promise<boolean> {
		return this.requireReady().sendSeen(chatId);
	}

	async setChatActivity(chatId: string, activity: ChatActivity): Promise<void> {
		const chat = await this.requireReady().getChatById(chatId);
		if (!chat) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
		if (activity === 'typing') await chat.sendStateTyping();
		else if (activity === 'recording') await chat.sendStateRecording();
		else await chat.clearState();
	}

	async listChats(): Promise<WebChatSummary[]> {
		return (await this.requireReady().getChats()).map(toChatSummary);
	}

	async updateChat(chatId: string, changes: ChatChanges): Promise<WebChatSummary> {
		return updateLibraryChat(this.requireReady(), chatId, changes);
	}

	async getChatMessages(chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]> {
		if (!Number.isInteger(options.limit) || options.limit < 1) throw new WebDriverError('invalid_argument', 'limit must be a positive integer');
		const chat = await this.requireReady().getChatById(chatId);
		if (!chat) throw new WebDriverError('chat_not_found', `no chat ${chatId}`);
		const messages = await chat.fetchMessages({ limit: options.limit, fromMe: options.fromMe });
		return messages.map(toWebMessage);
	}

	async getNumberId(number: string): Promise<WebContactId | null> {
		const user = number.replace(/@c\.us$/, '').replace(/\D/g, '');
		if (user.length < 6) throw new WebDriverError('invalid_argument', `not a phone number: ${number}`);
		const id = await this.requireReady().getNumberId(`${user}@c.us`);
		return id ? toContactId(id) : null;
	}

	async downloadMedia(messageId: string): Promise<WebMedia | undefined> {
		return libraryMessageMedia(this.requireReady(), messageId);
	}

	async editMessage(messageId: string, text: string): Promise<WebMessage> {
		return editLibraryMessage(this.requireReady(), messageId, text);
	}

	async starMessage(messageId: string, starred: boolean): Promise<WebMessage> {
		return starLibraryMessage(this.requireReady(), messageId, starred);
	}

	async deleteMessage(messageId: string, forEveryone: boolean): Promise<void> {
		return deleteLibraryMessage(this.requireReady(), messageId, forEveryone);
	}

	async forwardMessage(messageId: string, chatId: string): Promise<void> {
		return forwardLibraryMessage(this.requireReady(), messageId, chatId);
	}

	readonly groups = new RealGroups(() => this.requireReady());
	readonly pins = new RealPins(() => this.requireReady());
	readonly channels = new RealChannels(() => this.requireReady());
	private readonly calls = new RealCalls();

	async rejectCall(callId: string): Promise<void> {
		this.requireReady();
		return this.calls.rejectCall(callId);
	}

	async setBlocked(userId: string, blocked: boolean): Promise<void> {
		return setLibraryBlocked(this.requireReady(), userId, blocked);
	}

	async updateOwnProfile(changes: OwnProfileChanges): Promise<void> {
		return updateLibraryOwnProfile(this.requireReady(), changes);
	}

	async setPresence(state: 'available' | 'unavailable'): Promise<void> {
		const library = this.requireReady();
		await (state === 'available' ? library.sendPresenceAvailable() : library.sendPresenceUnavailable());
	}

	async listLabels(): Promise<WebLabel[]> {
		return listLibraryLabels(this.requireReady());
	}

	async chatLabels(chatId: string): Promise<WebLabel[]> {
		return libraryChatLabels(this.requireReady(), chatId);
	}

	async setChatLabels(chatId: string, labelIds: readonly string[]): Promise<WebLabel[]> {
		return setLibraryChatLabels(this.requireReady(), chatId, labelIds);
	}

	async getContactInfo(userId: string): Promise<WebContactInfo> {
		return libraryContactInfo(this.requireReady(), userId);
	}

	async blockedContacts(): Promise<string[]> {
		return libraryBlockedContacts(this.requireReady());
	}

	private requireReady(): LibraryClient {
		if (this.currentPhase !== 'ready' || !this.library || this.closing) {
			throw new WebDriverError(this.currentPhase === 'closed' ? 'closed' : 'not_ready', `session ${this.sessionKey} is not ready`);
		}
		return this.library;
	}

	private createLibraryClient(version: ResolvedWebVersion): LibraryClient {
		const { settings, options, paths } = this;
		this.auth = new DriverRemoteAuth({
			store: new ArchiveStoreAdapter(settings.store, options.sessionKey, paths),
			clientId: paths.clientId,
			dataPath: paths.root,
			backupSyncIntervalMs: settings.backupSyncIntervalMs,
			firstBackupDelayMs: settings.firstBackupDelayMs,
			logger: settings.logger,
			onBrowser: (client) => this.onBrowser(client),
		});
		const client = new LibraryClient({
			authStrategy: this.auth as unknown as AuthStrategy,
			puppeteer: {
				executablePath: settings.executablePath,
				headless: settings.headless,
				args: chromiumArgs({ extra: settings.extraChromiumArgs, proxyServer: options.proxy?.server }),
				// Over a pipe, Chromium exits by itself when Node dies; over a websocket it would be orphaned.
				pipe: true,
				defaultViewport: null,
				// The service owns shutdown; puppeteer's SIGINT handler would call process.exit().
				handleSIGINT: false,
				handleSIGTERM: false,
				handleSIGHUP: false,
				timeout: Math.min(30_000, settings.startTimeoutMs),
				protocolTimeout: settings.protocolTimeoutMs,
				// Crashpad handlers leave the browser's process group; this puts our path in their command line.
				env: { ...process.env, BREAKPAD_DUMP_LOCATION: paths.crashDumpDir },
			},
			webVersion: version.webVersion,
			webVersionCache: version.webVersionCache,
			authTimeoutMs: settings.authTimeoutMs,
			qrMaxRetries: options.qrMaxRetries ?? 0,
			takeoverOnConflict: options.takeoverOnConflict ?? false,
			deviceName: options.deviceName,
			browserName: options.browserName,
			...(settings.userAgent ? { userAgent: settings.userAgent } : {}),
			...(options.proxy?.username
				? { proxyAuthentication: { username: options.proxy.username, password: options.proxy.password ?? '' } }
				: {}),
			...(options.pairing
				? {
						pairWithPhoneNumber: {
							phoneNumber: options.pairing.phoneNumber.replace(/\D/g, ''),
							showNotification: options.pairing.showNotification ?? true,
							intervalMs: options.pairing.intervalMs ?? 180_000,
						},
					}
				: {}),
		});
		this.forwardLibraryEvents(client);
		return client;
	}

	/** Runs once the library has launched Chromium: from here on we know the PID and watch for crashes. */
	private onBrowser(client: LibraryClient): void {
		const browser = client.pupBrowser;
		const page = client.pupPage;
		this.browserPid = browser?.process()?.pid ?? null;
		this.logger.debug({ sessionKey: this.sessionKey, pid: this.browserPid }, 'Chromium launched');
		if (this.closing) {
			// destroy() raced the launch; close now, teardown reaps what remains.
			void browser?.close().catch(() => undefined);
			return;
		}
		browser?.on('disconnected', () => this.onCrash('browser_disconnected', 'connection to Chromium lost'));
		page?.on('close', () => this.onCrash('page_closed', 'WhatsApp Web tab closed'));
		page?.on('error', (error: Error) => this.onCrash('page_crashed', error.message));
	}

	private onCrash(reason: BrowserCrashInfo['reason'], message: string): void {
		if (this.closing) return;
		this.emit('browser_crashed', { reason, pid: this.browserPid, message });
		void this.teardown({ reason: new WebDriverError('browser_crashed', `browser went away: ${message}`), backup: false });
	}

	/**
	 * Replaces the library's framenavigated handler. The library's one re-injects after every navigation
	 * without catching (an unhandled rejection when the browser is closing) and, after a logout from the
	 * phone, keeps the browser and shows a new QR. Ours ends the client on logout like every other
	 * disconnect and reports re-injection failures.
	 */
	private takeOverNavigation(library: LibraryClient): void {
		const page = library.pupPage;
		if (!page) return;
		const internals = library as unknown as LibraryInternals;
		page.removeAllListeners('framenavigated');
		page.on('framenavigated', (frame) => {
			if (this.closing || frame !== page.mainFrame()) return;
			if (frame.url().includes('post_logout=1') || internals.lastLoggedOut) {
				internals.lastLoggedOut = false;
				this.emit('disconnected', 'LOGOUT');
				void this.teardown({ reason: new WebDriverError('destroyed', 'logged out from the phone'), backup: false, forgetLogin: true });
				return;
			}
			internals.inject().catch((error: unknown) => {
				if (this.closing) return;
				this.emit('driver_error', new WebDriverError('initialize_failed', `re-injection after navigation failed: ${String(error)}`, { cause: error }));
				void this.teardown({ reason: new WebDriverError('initialize_failed', 're-injection failed'), backup: false });
			});
		});
	}

	private forwardLibraryEvents(client: LibraryClient): void {
		// Events arriving after teardown started are dropped: a closed client emits nothing.
		const on = (event: string, handler: (...args: never[]) => void): void => {
			client.on(event, (...args: unknown[]) => {
				if (this.closing) return;
				try {
					(handler as (...values: unknown[]) => void)(...args);
				} catch (error) {
					this.logger.error({ err: error, event, sessionKey: this.sessionKey }, 'converting a library event failed');
				}
			});
		};
		on('qr', (qr: string) => {
			this.offeredLogin = true;
			this.emit('qr', qr);
		});
		on('code', (code: string) => {
			this.offeredLogin = true;
			this.emit('code', code);
		});
		on('authenticated', (payload: unknown) => {
			this.emit('authenticated', payload);
			if (this.currentPhase !== 'ready') this.armReadyTimer();
		});
		on('auth_failure', (message: unknown) => {
			this.emit('auth_failure', String(message));
			void this.teardown({ reason: new WebDriverError('auth_restore_failed', `authentication failed: ${String(message)}`), backup: false });
		});
		on('ready', () => {
			this.clearReadyTimer();
			this.currentPhase = 'ready';
			this.emit('ready');
		});
		on('loading_screen', (percent: number, message: string) => this.emit('loading_screen', Number(percent), String(message)));
		on('change_state', (state: WAState) => this.emit('change_state', state));
		on('disconnected', (reason: DisconnectReason) => {
			this.emit('disconnected', reason);
			void this.teardown({
				reason: new WebDriverError('destroyed', `disconnected: ${reason}`),
				backup: false,
				forgetLogin: UNLINKED.has(reason),
			});
		});
		on('message', (message: Message) => this.emit('message', toWebMessage(message)));
		on('message_create', (message: Message) => this.emit('message_create', toWebMessage(message)));
		on('message_ack', (message: Message, ack: number) => this.emit('message_ack', toWebMessage(message), ack as WebAck));
		on('message_revoke_everyone', (message: Message, revoked: Message | null | undefined) =>
			this.emit('message_revoke_everyone', toWebMessage(message), revoked ? toWebMessage(revoked) : undefined),
		);
		on('message_edit', (message: Message, newBody: unknown, prevBody: unknown) =>
			this.emit('message_edit', toWebMessage(message), String(newBody ?? ''), String(prevBody ?? '')),
		);
		on('message_reaction', (reaction: Reaction) => this.emit('message_reaction', toWebReaction(reaction)));
		on('vote_update', (vote: PollVote) => this.emit('vote_update', toWebPollVote(vote)));
		// Our own outgoing calls (placed from the phone) come through too; only incoming ones ring here.
		on('call', (call: Call) => {
			if (!call.fromMe) this.emit('call', this.calls.offered(call));
		});
		for (const event of WEB_GROUP_EVENTS) {
			on(event, (notification: GroupNotification) => this.emit(event, toWebGroupNotification(notification)));
		}
		on('remote_session_saved', () => this.emit('remote_session_saved'));
	}

	private async boundedStart(run: Promise<void>): Promise<void> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_resolve, reject) => {
			timer = setTimeout(
				() => reject(new WebDriverError('start_timeout', `WhatsApp Web did not start within ${this.settings.startTimeoutMs} ms`)),
				this.settings.startTimeoutMs,
			);
		});
		try {
			await Promise.race([run, timeout, this.closed]);
		} finally {
			clearTimeout(timer);
		}
		// The library reports an auth failure by event and then resolves initialize().
		if (this.closing) throw this.closingReason ?? new WebDriverError('destroyed', 'client closed during start');
	}

	private armReadyTimer(): void {
		this.clearReadyTimer();
		if (this.settings.readyTimeoutMs <= 0) return;
		this.readyTimer = setTimeout(() => {
			if (this.closing || this.currentPhase === 'ready') return;
			const error = new WebDriverError('ready_timeout', `no ready within ${this.settings.readyTimeoutMs} ms of login`);
			this.emit('driver_error', error);
			void this.teardown({ reason: error, backup: false });
		}, this.settings.readyTimeoutMs);
	}

	private clearReadyTimer(): void {
		clearTimeout(this.readyTimer);
		this.readyTimer = undefined;
	}

	/** The one way a client ends. Idempotent: later calls share the first teardown. */
	private teardown(plan: TeardownPlan): Promise<void> {
		if (this.closing) return this.closing;
		this.currentPhase = 'closed';
		this.closingReason = plan.reason;
		this.rejectClosed?.(plan.reason);
		this.clearReadyTimer();
		this.auth?.markClosing();
		this.closing = this.runTeardown(plan).finally(() => this.onClosed(this));
		return this.closing;
	}

	private async runTeardown(plan: TeardownPlan): Promise<void> {
		const { settings, paths, sessionKey } = this;
		const startedAt = Date.now();
		const library = this.library;
		if (plan.unlinkDevice && library) {
			if ((await settleWithin(library.logout(), settings.closeTimeoutMs)) === 'timeout') {
				this.logger.warn({ sessionKey }, 'library logout timed out; killing the browser');
			}
		}
		const browser = library?.pupBrowser;
		if (browser?.connected) await settleWithin(browser.close(), settings.closeTimeoutMs);
		// A start in flight may still launch a browser (onBrowser closes it); let it finish before reaping.
		if (this.libraryInit) await settleWithin(this.libraryInit, settings.closeTimeoutMs);
		const reaped = await reapSession(paths.root, this.browserPid);
		if (reaped.killed.length > 0) this.logger.warn({ sessionKey, pids: reaped.killed }, 'killed leftover Chromium processes');
		if (reaped.survivors.length > 0) this.logger.error({ sessionKey, pids: reaped.survivors }, 'Chromium processes survived SIGKILL');
		await this.settleStoredLogin(plan);
		library?.removeAllListeners();
		this.logger.info({ sessionKey, ms: Date.now() - startedAt, reason: plan.reason.message }, 'WhatsApp Web client closed');
	}

	/** After the browser is gone: back up, or forget, the login; then drop the local profile. */
	private async settleStoredLogin(plan: TeardownPlan): Promise<void> {
		const { settings, paths, sessionKey } = this;
		try {
			if (plan.forgetLogin || this.auth?.storedLoginForgotten) await settings.store.delete(sessionKey);
			else if (plan.backup && settings.backupOnDestroy && (await this.auth?.finalBackup())) {
				this.logger.debug({ sessionKey }, 'session backed up on close');
			}
		} catch (error) {
			this.logger.warn({ err: error, sessionKey }, 'saving or deleting the stored session on close failed');
		}
		// RemoteAuth rebuilds the profile from the store on every start, so the local copy is only a cache.
		if (settings.removeLocalDataOnDestroy || plan.forgetLogin) {
			await fs.rm(paths.root, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) => {
				this.logger.warn({ err: error, sessionKey }, 'removing the session directory failed');
			});
		}
	}
}
