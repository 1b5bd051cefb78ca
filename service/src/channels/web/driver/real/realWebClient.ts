import type { Client as LibraryClient } from 'whatsapp-web.js';
import type { WebMedia, WebMessage } from '../messageSnapshot';
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
import { WebDriverError } from '../webDriverError';
import type { BrowserCrashInfo, DisconnectReason, WAState } from '../webEvents';
import { sessionProcesses } from './chromiumReaper';
import type { ProcessEntry } from './processTable';
import { classifyStartError } from './classifyStartError';
import type { DriverRemoteAuth } from './driverRemoteAuth';
import { takeOverNavigation, watchBrowser } from './realBrowserWatch';
import { RealCalls } from './realCalls';
import { RealChannels } from './realChannels';
import { libraryChatMessages, listLibraryChats, setLibraryChatActivity, updateLibraryChat } from './realChats';
import type { RealClientSettings } from './realClientSettings';
import { libraryBlockedContacts, libraryContactInfo, setLibraryBlocked, setLibraryPresence, updateLibraryOwnProfile } from './realContacts';
import { RealGroups } from './realGroups';
import { libraryChatLabels, listLibraryLabels, setLibraryChatLabels } from './realLabels';
import { createLibraryClient } from './realLibraryClient';
import { forwardLibraryEvents } from './realLibraryEvents';
import { deleteLibraryMessage, editLibraryMessage, forwardLibraryMessage, libraryMessageMedia, sendLibraryMessage, starLibraryMessage } from './realMessages';
import { RealPins } from './realPins';
import { runTeardown, type TeardownPlan } from './realTeardown';
import { sessionPathsFor, type SessionPaths } from './sessionPaths';
import { toContactId } from './toChatSummary';
import type { ResolvedWebVersion } from './webVersionResolver';

export type { RealClientSettings } from './realClientSettings';

/** States in which the phone has unlinked us: the stored login is dead. */
const UNLINKED: ReadonlySet<string> = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

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
		return this.browserProcesses().map((entry) => entry.pid);
	}

	/** This client's Chromium processes, found in `processes` (a process table read once for several clients). */
	browserProcesses(processes?: readonly ProcessEntry[]): ProcessEntry[] {
		if (this.currentPhase === 'closed' || this.browserPid === null) return [];
		return sessionProcesses(this.paths.root, this.browserPid, processes);
	}

	async sendMessage(chatId: string, content: OutgoingContent, options: SendOptions = {}): Promise<WebMessage> {
		validateOutgoing(chatId, content, options);
		return sendLibraryMessage(this.requireReady(), chatId, content, options);
	}

	async react(messageId: string, emoji: string): Promise<void> {
		// The library resolves silently when the message is unknown; nothing more to learn here.
		await this.requireReady().sendReaction(messageId, emoji);
	}

	async markSeen(chatId: string): Promise<boolean> {
		return this.requireReady().sendSeen(chatId);
	}

	async setChatActivity(chatId: string, activity: ChatActivity): Promise<void> {
		return setLibraryChatActivity(this.requireReady(), chatId, activity);
	}

	async listChats(): Promise<WebChatSummary[]> {
		return listLibraryChats(this.requireReady());
	}

	async updateChat(chatId: string, changes: ChatChanges): Promise<WebChatSummary> {
		return updateLibraryChat(this.requireReady(), chatId, changes);
	}

	async getChatMessages(chatId: string, options: { limit: number; fromMe?: boolean }): Promise<WebMessage[]> {
		if (!Number.isInteger(options.limit) || options.limit < 1) throw new WebDriverError('invalid_argument', 'limit must be a positive integer');
		return libraryChatMessages(this.requireReady(), chatId, options);
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
		return setLibraryPresence(this.requireReady(), state);
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
		const { library, auth } = createLibraryClient({
			options: this.options,
			settings: this.settings,
			paths: this.paths,
			version,
			onBrowser: (client) => this.onBrowser(client),
		});
		this.auth = auth;
		this.forwardLibraryEvents(library);
		return library;
	}

	/** Runs once the library has launched Chromium: from here on we know the PID and watch for crashes. */
	private onBrowser(client: LibraryClient): void {
		this.browserPid = client.pupBrowser?.process()?.pid ?? null;
		this.logger.debug({ sessionKey: this.sessionKey, pid: this.browserPid }, 'Chromium launched');
		if (this.closing) {
			// destroy() raced the launch; close now, teardown reaps what remains.
			void client.pupBrowser?.close().catch(() => undefined);
			return;
		}
		watchBrowser(client, (reason, message) => this.onCrash(reason, message));
	}

	private onCrash(reason: BrowserCrashInfo['reason'], message: string): void {
		if (this.closing) return;
		this.emit('browser_crashed', { reason, pid: this.browserPid, message });
		void this.teardown({ reason: new WebDriverError('browser_crashed', `browser went away: ${message}`), backup: false });
	}

	/** Logout from the phone ends the client like every other disconnect; see takeOverNavigation. */
	private takeOverNavigation(library: LibraryClient): void {
		const client = this;
		takeOverNavigation(library, {
			get closing() {
				return client.closing !== undefined;
			},
			loggedOut: () => {
				this.emit('disconnected', 'LOGOUT');
				void this.teardown({ reason: new WebDriverError('destroyed', 'logged out from the phone'), backup: false, forgetLogin: true });
			},
			reinjectFailed: (error) => {
				this.emit('driver_error', new WebDriverError('initialize_failed', `re-injection after navigation failed: ${String(error)}`, { cause: error }));
				void this.teardown({ reason: new WebDriverError('initialize_failed', 're-injection failed'), backup: false });
			},
		});
	}

	private forwardLibraryEvents(library: LibraryClient): void {
		const client = this;
		forwardLibraryEvents(library, {
			sessionKey: this.sessionKey,
			logger: this.logger,
			get closing() {
				return client.closing !== undefined;
			},
			calls: this.calls,
			emit: (event, ...args) => this.emit(event, ...args),
			loginOffered: () => {
				this.offeredLogin = true;
			},
			authenticated: () => {
				if (this.currentPhase !== 'ready') this.armReadyTimer();
			},
			authFailed: (message) => {
				void this.teardown({ reason: new WebDriverError('auth_restore_failed', `authentication failed: ${message}`), backup: false });
			},
			ready: () => {
				this.clearReadyTimer();
				this.currentPhase = 'ready';
			},
			disconnected: (reason: DisconnectReason) => {
				void this.teardown({
					reason: new WebDriverError('destroyed', `disconnected: ${reason}`),
					backup: false,
					forgetLogin: UNLINKED.has(reason),
				});
			},
		});
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
		const client = this;
		const closing = {
			sessionKey: this.sessionKey,
			settings: this.settings,
			paths: this.paths,
			logger: this.logger,
			library: this.library,
			get auth() {
				return client.auth;
			},
			get browserPid() {
				return client.browserPid;
			},
			get libraryInit() {
				return client.libraryInit;
			},
		};
		this.closing = runTeardown(closing, plan).finally(() => this.onClosed(this));
		return this.closing;
	}
}
