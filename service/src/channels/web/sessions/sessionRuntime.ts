import type { TenantScope } from '../../../auth/tenantScope';
import { systemScope } from '../../../auth/tenantScope';
import type { Logger } from '../../../logging/logger';
import { AppError } from '../../../shared/errors';
import { isWebDriverError, type WebClient, type WebClientEventName, type WebClientEvents, type WebDriver } from '../driver';
import type { AccountRef } from '../../messages';
import type { ArchivesRepository } from '../storage/archivesRepository';
import type { StatusChange, SessionStatusWriter } from '../storage/sessionStatusWriter';
import type { WebSettings } from '../webSettings';
import type { InboundRecorder } from './inboundRecorder';
import { endingOfAuthFailure, endingOfCrash, endingOfDisconnect, endingOfDriverError, restartDelayMs, STORED_LOGIN_REJECTED, type Ending } from './sessionEndings';
import { sessionKeyOf } from './sessionKey';
import type { WebSession, WebSessionStatus } from './webSession';
import { answerCalls } from './callAnswering';

export interface RuntimeDeps {
	driver: WebDriver;
	settings: WebSettings;
	logger: Logger;
	writer: SessionStatusWriter;
	archives: ArchivesRepository;
	workerId: string;
	/** The runtime is done (stopped, failed for good, shut down, abandoned): drop it. */
	onFinished(runtime: SessionRuntime): void;
	/** A status write was refused: the lease is gone (another replica has the session, or it was deleted). */
	onLeaseLost(runtime: SessionRuntime): void;
}

/** One client's life: the runtime makes a new one for every start or restart. */
interface Attempt {
	readonly client: WebClient;
	/** Started from a stored login: a QR code now means that login is dead. */
	readonly restored: boolean;
	ended: boolean;
	readySeen: boolean;
	qrCount: number;
	loginMethod: 'qr' | 'pairing';
	pairingTimer?: ReturnType<typeof setTimeout>;
}

/**
 * A session this process runs: it starts clients, maps their events to the five statuses (each change stored
 * with its event), restarts after crashes with backoff, and bounds QR and pairing-code logins. The driver
 * pitfalls it absorbs: ready/authenticated repeating, RemoteAuth's missing auth_failure, the dead last QR,
 * endless pairing codes, and one live client per session key.
 */
export class SessionRuntime {
	status: WebSessionStatus;
	reason: string | null;
	me: { id: string; pushName: string | null } | null;
	readonly scope: TenantScope;
	readonly sessionKey: string;
	private attempt: Attempt | undefined;
	private failures = 0;
	private restartTimer: ReturnType<typeof setTimeout> | undefined;
	private writes: Promise<unknown> = Promise.resolve();
	private closed: Promise<void> | undefined;
	private finished = false;
	private pairingPhone: string | null;
	private pairingCode: string | undefined;

	constructor(
		private session: WebSession,
		readonly recorder: InboundRecorder,
		private readonly deps: RuntimeDeps,
	) {
		this.scope = systemScope(session.tenantId, 'web-session');
		this.sessionKey = sessionKeyOf(session.tenantId, session.id);
		this.status = session.status;
		this.reason = session.reason;
		this.me = session.me;
		this.pairingPhone = session.pairingPhone;
	}

	/** Takes the row's current options (settings, pairing number): they apply from the next client on. */
	configure(session: WebSession): void {
		this.session = session;
		this.pairingPhone = session.pairingPhone;
	}

	get settings(): WebSession['settings'] {
		return this.session.settings;
	}

	get tenantId(): string {
		return this.session.tenantId;
	}

	get id(): string {
		return this.session.id;
	}

	get name(): string {
		return this.session.name;
	}

	get account(): AccountRef {
		return { channel: 'web', id: this.session.name, ...(this.me ? { address: this.me.id } : {}) };
	}

	/** On its way out (stopping, logging out, failed for good): the manager waits for it before starting anew. */
	get closing(): boolean {
		return this.closed !== undefined;
	}

	/** Resolves once the runtime has ended and its lease is released (or kept, when abandoned). */
	whenClosed(): Promise<void> {
		return this.closed ?? Promise.resolve();
	}

	/** The client, when the session can send and read; otherwise 409 naming the status. */
	workingClient(): WebClient {
		const attempt = this.attempt;
		if (this.status !== 'WORKING' || !attempt || attempt.ended || this.closing) throw notWorking(this.name, this.status, this.reason);
		return attempt.client;
	}

	/** Marks the session as about to start (STARTING, should run) without launching yet: resumes wait in line. */
	async prepare(reason: string): Promise<void> {
		await this.write({ status: 'STARTING', reason, desired: 'running', qr: null, pairingCode: null });
	}

	/**
	 * Starts a client now (also cutting short a pending restart). Idempotent while one is alive. Resolves once the
	 * client is launching; how the start ends is told by the statuses.
	 */
	async start(reason = 'Starting WhatsApp Web'): Promise<void> {
		if (this.closing || (this.attempt && !this.attempt.ended)) return;
		this.cancelRestart();
		this.failures = 0;
		await this.prepare(reason);
		await this.launch();
	}

	stop(): Promise<void> {
		return this.close(() => this.endQuietly(), { status: 'STOPPED', reason: null, desired: 'stopped', qr: null, pairingCode: null });
	}

	async restart(reason = 'Restarting'): Promise<void> {
		if (this.closing) return;
		await this.endQuietly();
		this.failures = 0;
		await this.write({ status: 'STARTING', reason, desired: 'running', qr: null, pairingCode: null });
		void this.launch();
	}

	/** Unlinks the device (when linked), forgets the stored login and stops. */
	logout(): Promise<void> {
		const unlink = async () => {
			const attempt = this.attempt;
			if (attempt && !attempt.ended) {
				attempt.ended = true;
				clearTimeout(attempt.pairingTimer);
				await attempt.client.logout().catch((error: unknown) => this.deps.logger.warn({ err: error, session: this.name }, 'WhatsApp Web logout failed; the stored login is deleted anyway'));
			}
			await this.deps.archives.delete(this.scope, this.id);
			this.me = null;
		};
		return this.close(unlink, { status: 'STOPPED', reason: 'Logged out: the stored login was deleted. Start the session to link a device again.', desired: 'stopped', qr: null, pairingCode: null, me: null });
	}

	/** The service is stopping: close the browser (the login is backed up) and let whoever starts next resume it. */
	shutdown(): Promise<void> {
		return this.close(() => this.endQuietly(), { status: 'STOPPED', reason: 'The service stopped; the session resumes when the service starts again.', qr: null, pairingCode: null });
	}

	/** Another replica owns the session now (or it was deleted): close our browser without touching its row. */
	abandon(options: { unlink: boolean }): Promise<void> {
		const closeBrowser = async () => {
			const attempt = this.attempt;
			if (attempt && !attempt.ended) {
				attempt.ended = true;
				clearTimeout(attempt.pairingTimer);
				await (options.unlink ? attempt.client.logout() : attempt.client.destroy()).catch(() => undefined);
			}
		};
		return this.close(closeBrowser, null);
	}

	/**
	 * The one way out: decided at once (so nothing starts the session meanwhile), then the browser closes, the
	 * last status is stored, and the manager drops the runtime (freeing the lease unless another replica has it).
	 */
	private close(prelude: () => Promise<void>, last: StatusChange | null): Promise<void> {
		if (this.closed) return this.closed;
		this.cancelRestart();
		this.closed = (async () => {
			await prelude();
			// The last status frees the lease in the same write: whoever reads it ended can start it at once.
			if (last) await this.write({ ...last, releaseLease: true });
			this.finish();
		})();
		return this.closed;
	}

	/** Switches a session waiting for a QR scan to a pairing code for this number. */
	async requestPairingCode(phoneNumber: string): Promise<string> {
		const attempt = this.attempt;
		if (!attempt || attempt.ended || this.status !== 'SCAN_QR') throw notWorking(this.name, this.status, this.reason, 'SCAN_QR');
		const digits = phoneNumber.replace(/\D/g, '');
		// Asking again for the same number answers the code on offer instead of replacing it.
		if (attempt.loginMethod === 'pairing' && this.pairingPhone === digits && this.pairingCode) return this.pairingCode;
		const code = await attempt.client.requestPairingCode(digits);
		if (attempt.ended) throw notWorking(this.name, this.status, this.reason, 'SCAN_QR');
		this.pairingPhone = digits;
		this.onCode(attempt, code);
		// Answer once the switch is stored, so the session reads as a pairing login from then on.
		await this.writes;
		return code;
	}

	/** Creates and wires the next client, then lets it initialize in the background. */
	private async launch(reason = 'Restarting after a failure'): Promise<void> {
		const previous = this.attempt;
		// One live client per session key: the last one must be fully gone before the next starts.
		if (previous) await previous.client.destroy().catch(() => undefined);
		if (this.closing) return;
		let attempt: Attempt;
		try {
			const restored = await this.deps.archives.exists(this.scope, this.id);
			const pairing = restored ? null : this.pairingPhone;
			const settings = this.session.settings;
			const client = this.deps.driver.createClient({
				sessionKey: this.sessionKey,
				qrMaxRetries: this.deps.settings.qrMaxRotations,
				...(pairing ? { pairing: { phoneNumber: pairing } } : {}),
				...(settings.deviceName ? { deviceName: settings.deviceName } : {}),
				...(settings.browserName ? { browserName: settings.browserName } : {}),
				...(settings.takeoverOnConflict ? { takeoverOnConflict: true } : {}),
				...(settings.proxyServer ? { proxy: { server: settings.proxyServer } } : {}),
			});
			attempt = { client, restored, ended: false, readySeen: false, qrCount: 0, loginMethod: pairing ? 'pairing' : 'qr' };
			this.attempt = attempt;
			this.wire(attempt);
			this.recorder.attach(client);
			answerCalls(client, { settings: () => this.settings, recorder: this.recorder, logger: this.deps.logger, session: this.name });
			if (pairing) this.armPairingTimer(attempt);
			if (this.status !== 'STARTING') await this.write({ status: 'STARTING', reason, qr: null, pairingCode: null });
		} catch (error) {
			this.deps.logger.error({ err: error, session: this.name }, 'could not create a WhatsApp Web client');
			this.afterEnding({ kind: 'retry', reason: `Could not start: ${error instanceof Error ? error.message : String(error)}` });
			return;
		}
		void this.initialize(attempt);
	}

	/** Runs in the background: a start can take a minute, and how it ends arrives as events or as this rejection. */
	private async initialize(attempt: Attempt): Promise<void> {
		try {
			await attempt.client.initialize();
		} catch (error) {
			this.end(attempt, isWebDriverError(error) ? endingOfDriverError(error, { fallbackHint: this.deps.settings.webVersionFallback === 'fail' }) : { kind: 'retry', reason: String(error) });
		}
	}

	private wire(attempt: Attempt): void {
		const on = <E extends WebClientEventName>(event: E, handler: (...args: WebClientEvents[E]) => void) => {
			attempt.client.on(event, (...args) => {
				// Events of a client we already gave up on, or replaced, change nothing.
				if (this.attempt === attempt && !attempt.ended) handler(...args);
			});
		};
		on('qr', (qr) => this.onQr(attempt, qr));
		on('code', (code) => this.onCode(attempt, code));
		on('authenticated', () => {
			clearTimeout(attempt.pairingTimer);
			if (attempt.restored || attempt.readySeen) return;
			void this.write({ status: 'STARTING', reason: 'Linked; loading chats', qr: null, pairingCode: null });
		});
		on('ready', () => void this.onReady(attempt));
		on('disconnected', (reason) => this.end(attempt, endingOfDisconnect(reason, this.deps.settings.qrMaxRotations)));
		on('auth_failure', (message) => this.end(attempt, endingOfAuthFailure(message)));
		on('browser_crashed', (info) => this.end(attempt, endingOfCrash(info)));
		on('driver_error', (error) => this.end(attempt, endingOfDriverError(error, { fallbackHint: false })));
		on('remote_session_saved', () => this.deps.logger.info({ session: this.name, tenantId: this.session.tenantId }, 'WhatsApp Web login saved to the database'));
	}

	private onQr(attempt: Attempt, qr: string): void {
		if (attempt.restored) return this.end(attempt, STORED_LOGIN_REJECTED);
		attempt.qrCount += 1;
		// qrMaxRetries N yields N+1 QR events; the last is already dead (the library disconnects right after).
		if (attempt.qrCount > this.deps.settings.qrMaxRotations) return;
		void this.write({ status: 'SCAN_QR', reason: 'Waiting for the QR code to be scanned', qr: { value: qr, rotation: attempt.qrCount }, pairingCode: null, loginMethod: 'qr' });
	}

	private onCode(attempt: Attempt, code: string): void {
		if (attempt.restored) return this.end(attempt, STORED_LOGIN_REJECTED);
		attempt.loginMethod = 'pairing';
		// Pairing codes rotate forever; the bound is ours.
		if (!attempt.pairingTimer) this.armPairingTimer(attempt);
		this.pairingCode = code;
		void this.write({ status: 'SCAN_QR', reason: 'Waiting for the pairing code to be entered on the phone', qr: null, pairingCode: code, loginMethod: 'pairing' });
	}

	private async onReady(attempt: Attempt): Promise<void> {
		// `ready` repeats on every WhatsApp Web re-sync.
		if (attempt.readySeen) return;
		attempt.readySeen = true;
		clearTimeout(attempt.pairingTimer);
		this.failures = 0;
		const profile = await attempt.client.getOwnProfile().catch(() => null);
		if (this.attempt !== attempt || attempt.ended) return;
		if (profile) this.me = { id: profile.id, pushName: profile.pushname || null };
		await this.write({ status: 'WORKING', reason: null, qr: null, pairingCode: null, ...(profile && this.me ? { me: this.me } : {}) });
	}

	private armPairingTimer(attempt: Attempt): void {
		const seconds = Math.round(this.deps.settings.pairingTimeoutMs / 1000);
		attempt.pairingTimer = setTimeout(
			() => this.end(attempt, { kind: 'stopped', reason: `The pairing code was not entered on the phone within ${seconds} s. Start the session to get a new code.` }),
			this.deps.settings.pairingTimeoutMs,
		);
	}

	/** The first ending of a client decides; it is closed (browser gone) whatever the ending says. */
	private end(attempt: Attempt, ending: Ending): void {
		if (attempt.ended) return;
		attempt.ended = true;
		clearTimeout(attempt.pairingTimer);
		const closed = attempt.client.destroy().catch((error: unknown) => this.deps.logger.warn({ err: error, session: this.name }, 'closing a WhatsApp Web client failed'));
		if (ending.kind === 'failed' && ending.forgetLogin) {
			void closed.then(() => this.deps.archives.delete(this.scope, this.id)).catch((error: unknown) => this.deps.logger.warn({ err: error, session: this.name }, 'deleting a dead login failed'));
		}
		this.afterEnding(ending);
	}

	private afterEnding(ending: Ending): void {
		const max = this.deps.settings.restartMaxAttempts;
		switch (ending.kind) {
			case 'quiet':
				return;
			case 'stopped':
				void this.close(async () => undefined, { status: 'STOPPED', reason: ending.reason, desired: 'stopped', qr: null, pairingCode: null });
				return;
			case 'failed':
				void this.close(async () => undefined, { status: 'FAILED', reason: ending.reason, desired: 'stopped', qr: null, pairingCode: null });
				return;
			case 'retry': {
				this.failures += 1;
				if (this.failures >= max) {
					const reason = `${ending.reason}. Gave up after ${this.failures} failed start${this.failures === 1 ? '' : 's'} in a row; start the session to try again.`;
					void this.close(async () => undefined, { status: 'FAILED', reason, desired: 'stopped', qr: null, pairingCode: null });
					return;
				}
				const delayMs = restartDelayMs(this.failures, this.deps.settings.restartBaseMs, this.deps.settings.restartMaxMs);
				void this.write({ status: 'FAILED', reason: `${ending.reason}. Restarting in ${Math.ceil(delayMs / 1000)} s (attempt ${this.failures + 1} of ${max}).`, qr: null, pairingCode: null });
				this.restartTimer = setTimeout(() => {
					this.restartTimer = undefined;
					void this.launch();
				}, delayMs);
			}
		}
	}

	private async endQuietly(): Promise<void> {
		this.cancelRestart();
		const attempt = this.attempt;
		if (!attempt || attempt.ended) return;
		attempt.ended = true;
		clearTimeout(attempt.pairingTimer);
		await attempt.client.destroy().catch((error: unknown) => this.deps.logger.warn({ err: error, session: this.name }, 'closing a WhatsApp Web client failed'));
	}

	private cancelRestart(): void {
		clearTimeout(this.restartTimer);
		this.restartTimer = undefined;
	}

	/** Status changes are written one after another, in the order they happened; the in-memory view is ahead. */
	private write(change: StatusChange): Promise<void> {
		if (this.finished) return this.writes.then(() => undefined);
		this.status = change.status;
		this.reason = change.reason;
		if (change.pairingCode === null) this.pairingCode = undefined;
		const next = this.writes.then(async () => {
			const written = await this.deps.writer.transition(this.scope, this.id, change, { owner: this.deps.workerId }).catch((error: unknown) => {
				this.deps.logger.error({ err: error, session: this.name, status: change.status }, 'storing a session status failed');
				return null;
			});
			if (written === undefined && !this.finished) this.deps.onLeaseLost(this);
		});
		this.writes = next;
		return next;
	}

	private finish(): void {
		if (this.finished) return;
		this.finished = true;
		this.cancelRestart();
		this.deps.onFinished(this);
	}
}

export function notWorking(name: string, status: WebSessionStatus, reason: string | null, needed: WebSessionStatus = 'WORKING'): AppError {
	const why = needed === 'WORKING' ? 'cannot send or read' : `is not waiting for a login (${needed})`;
	return new AppError(409, 'channel_not_ready', `Web session ${name} is ${status}${reason ? ` (${reason})` : ''} and ${why}`, { session: name, status, reason, neededStatus: needed });
}
