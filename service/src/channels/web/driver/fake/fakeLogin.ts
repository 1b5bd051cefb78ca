import type { WebClientOptions, WebClientPhase } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { QR_RETRIES_EXHAUSTED, type WebClientEventName, type WebClientEvents } from '../webEvents';
import { fakeOwnNumber, fakePairingCode, fakeQr } from './fakeIds';
import { decodeArchive, encodeArchive, type FakeClientSettings, type FakeSessionArchive, type ScriptedStart } from './fakeSettings';

/** What the login needs of its client: the phase it is in, its events, and a way to end it. */
export interface FakeLoginLink {
	readonly sessionKey: string;
	readonly phase: WebClientPhase;
	emit<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void;
	fire<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void;
	close(): void;
	warn(error: unknown, message: string): void;
}

/**
 * How a fake session starts and logs in: the simulated boot (and scripted failures), QR codes and pairing codes
 * rotating until the phone links, and the first backup of the login to the SessionArchiveStore, like RemoteAuth.
 */
export class FakeLogin {
	/** The account's number; a restored login brings its own. */
	user: string;
	private isAuthenticated = false;
	private restored = false;
	private mode: 'qr' | 'pairing' = 'qr';
	private qr: string | undefined;
	private code: string | undefined;
	private qrCount = 0;
	private rotationTimer: ReturnType<typeof setInterval> | undefined;
	private backupTimer: ReturnType<typeof setTimeout> | undefined;
	private pending = false;
	private wakeStart: (() => void) | undefined;

	constructor(
		private readonly options: WebClientOptions,
		private readonly settings: FakeClientSettings,
		private readonly link: FakeLoginLink,
	) {
		this.user = fakeOwnNumber(options.sessionKey);
	}

	get loginMode(): 'qr' | 'pairing' {
		return this.mode;
	}

	get currentQr(): string | undefined {
		return this.link.phase === 'started' && this.mode === 'qr' && !this.isAuthenticated ? this.qr : undefined;
	}

	get currentCode(): string | undefined {
		return this.link.phase === 'started' && this.mode === 'pairing' && !this.isAuthenticated ? this.code : undefined;
	}

	get authenticated(): boolean {
		return this.isAuthenticated;
	}

	/** A first backup is due and not yet done. */
	get backupPending(): boolean {
		return this.pending;
	}

	/** Boots WhatsApp Web: the start delay, a scripted start if any, then the stored login (null when none). */
	async boot(scripted: ScriptedStart | undefined): Promise<FakeSessionArchive | null> {
		await this.sleep(this.settings.startDelayMs);
		this.throwIfClosed();
		if (scripted) await this.runScriptedStart(scripted);
		const archive = (await this.settings.store.exists(this.link.sessionKey)) ? await this.settings.store.load(this.link.sessionKey) : null;
		this.throwIfClosed();
		return decodeArchive(archive);
	}

	/** A stored login is back: no QR; its number is the account's. */
	restore(login: FakeSessionArchive): void {
		this.user = login.user;
		this.restored = true;
	}

	/** No stored login: offer a pairing code when the client asked for one, a QR otherwise. */
	offer(): void {
		if (this.options.pairing) this.startPairing(this.options.pairing.intervalMs);
		else this.startQr();
	}

	requestPairingCode(phoneNumber: string, options: { showNotification?: boolean; intervalMs?: number }): string {
		if (phoneNumber.replace(/\D/g, '').length < 6) throw new WebDriverError('invalid_argument', 'phone number must be digits with country code');
		if (this.link.phase !== 'started' || this.isAuthenticated) {
			throw new WebDriverError(this.link.phase === 'closed' ? 'closed' : 'not_ready', 'pairing codes are for a started, unauthenticated client');
		}
		this.startPairing(options.intervalMs);
		return this.code as string;
	}

	/** The phone linked: codes stop, `authenticated` goes out. False when already authenticated. */
	authenticate(): boolean {
		if (this.isAuthenticated) return false;
		this.stopRotation();
		this.isAuthenticated = true;
		if (this.settings.emitLoadingScreen) this.link.emit('loading_screen', 100, 'WhatsApp');
		this.link.emit('authenticated', undefined);
		return true;
	}

	/** After the first ready of a new login: the backup RemoteAuth makes a while later. */
	scheduleBackup(): void {
		if (this.restored) return;
		this.pending = true;
		this.backupTimer = setTimeout(() => void this.saveArchive(true), this.settings.firstBackupDelayMs);
	}

	async saveArchive(emit: boolean): Promise<void> {
		clearTimeout(this.backupTimer);
		this.backupTimer = undefined;
		if (!this.pending) return;
		this.pending = false;
		try {
			await this.settings.store.save(this.link.sessionKey, encodeArchive(this.user));
			if (emit) this.link.fire('remote_session_saved');
		} catch (error) {
			this.link.warn(error, 'fake: saving the login failed');
		}
	}

	/** The client closed: no more codes, no backup, and a start still waiting gives up. */
	stop(): void {
		this.stopRotation();
		clearTimeout(this.backupTimer);
		this.backupTimer = undefined;
		this.wakeStart?.();
		this.wakeStart = undefined;
	}

	private throwIfClosed(): void {
		if (this.link.phase === 'closed') throw new WebDriverError('destroyed', 'client destroyed during start');
	}

	private async runScriptedStart(script: ScriptedStart): Promise<void> {
		if (script.kind === 'hang') {
			await this.sleep(this.settings.startTimeoutMs);
			this.throwIfClosed();
			this.link.close();
			throw new WebDriverError('start_timeout', `WhatsApp Web did not start within ${this.settings.startTimeoutMs} ms`);
		}
		if (script.kind === 'auth_failure') {
			const message = script.message ?? 'Unable to log in. Are the session details valid?';
			this.link.emit('auth_failure', message);
			this.link.close();
			throw new WebDriverError('auth_restore_failed', `authentication failed: ${message}`);
		}
		this.link.close();
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
		if (this.link.phase === 'started') {
			this.rotationTimer = setInterval(() => this.emitQr(), this.settings.qrIntervalMs);
		}
	}

	/** Library order: emit the QR, then count it; past qrMaxRetries, disconnected and destroy. */
	private emitQr(): void {
		this.qr = fakeQr();
		this.link.emit('qr', this.qr);
		const max = this.options.qrMaxRetries ?? 0;
		if (max > 0 && ++this.qrCount > max && this.link.phase === 'started') {
			this.link.emit('disconnected', QR_RETRIES_EXHAUSTED);
			this.link.close();
		}
	}

	private startPairing(intervalMs?: number): void {
		this.stopRotation();
		this.mode = 'pairing';
		const issue = (): void => {
			this.code = fakePairingCode();
			this.link.emit('code', this.code);
		};
		issue();
		this.rotationTimer = setInterval(issue, intervalMs ?? this.settings.pairingCodeIntervalMs);
	}

	private stopRotation(): void {
		clearInterval(this.rotationTimer);
		this.rotationTimer = undefined;
	}
}
