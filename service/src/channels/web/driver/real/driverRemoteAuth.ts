import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import unzipper from 'unzipper';
import { RemoteAuth, type Client as LibraryClient } from 'whatsapp-web.js';
import type { DriverLogger } from '../driverLogger';
import { WebDriverError } from '../webDriverError';
import type { RemoteAuthStore } from './archiveStoreAdapter';

/**
 * The parts of RemoteAuth (src/authStrategies/RemoteAuth.js) we build on. index.d.ts declares the
 * strategy hooks as properties, which TypeScript will not let a subclass override with methods, so we
 * describe the JS class as it really is.
 */
interface RemoteAuthInternals {
	client: LibraryClient;
	store: RemoteAuthStore;
	sessionName: string;
	userDataDir: string;
	backupSyncIntervalMs: number;
	backupSync?: ReturnType<typeof setInterval>;
	setup(client: LibraryClient): void;
	beforeBrowserInitialized(): Promise<void>;
	afterBrowserInitialized(): Promise<void>;
	afterAuthReady(): Promise<void>;
	disconnect(): Promise<void>;
	destroy(): Promise<void>;
	logout(): Promise<void>;
	storeRemoteSession(options?: { emit?: boolean }): Promise<void>;
	unCompressSession(compressedSessionPath: string): Promise<void>;
}

type RemoteAuthConstructor = new (options: {
	store: RemoteAuthStore;
	clientId: string;
	dataPath: string;
	backupSyncIntervalMs: number;
	rmMaxRetries?: number;
}) => RemoteAuthInternals;

const RemoteAuthBase = RemoteAuth as unknown as RemoteAuthConstructor;

/** States after which the phone no longer has this device linked: only then is the stored login useless. */
const UNLINKED_STATES = new Set(['UNPAIRED', 'UNPAIRED_IDLE']);

export interface DriverRemoteAuthOptions {
	readonly store: RemoteAuthStore;
	readonly clientId: string;
	readonly dataPath: string;
	readonly backupSyncIntervalMs: number;
	/** Wait after the first `ready` before the first backup; the library hard-codes 60 s. */
	readonly firstBackupDelayMs: number;
	readonly logger: DriverLogger;
	/** Called once, as soon as the library has a browser and page (before navigation). */
	readonly onBrowser: (client: LibraryClient) => void;
}

/**
 * RemoteAuth with the fixes the session manager needs:
 * - reports the browser the moment it exists, so crashes and PIDs are tracked from launch;
 * - the first backup delay and the periodic backup stop on destroy (the library's 60 s sleep cannot
 *   be cancelled and starts the backup interval after destroy has already cleared it: a leak);
 * - repeated `ready` does not stack backup intervals, and backups never overlap (shared temp dir);
 * - the stored login is deleted only on logout or a real unlink (UNPAIRED*), not on CONFLICT,
 *   TOS_BLOCK, DEPRECATED_VERSION... where the library would delete it and force a new QR scan;
 * - a restore finishes writing the profile before Chromium starts (the library resolves on the
 *   unzip stream's 'finish', which comes before the files are written);
 * - hooks the library calls without awaiting never reject (they would be unhandled rejections).
 */
export class DriverRemoteAuth extends RemoteAuthBase {
	private closing = false;
	private forgetStoredLogin = false;
	private lastState: string | null = null;
	private browserReported = false;
	private readyOnce = false;
	private firstBackupTimer: ReturnType<typeof setTimeout> | undefined;
	private cancelFirstBackup: (() => void) | undefined;
	private saveChain: Promise<void> = Promise.resolve();

	constructor(private readonly options: DriverRemoteAuthOptions) {
		super({
			store: options.store,
			clientId: options.clientId,
			dataPath: options.dataPath,
			backupSyncIntervalMs: options.backupSyncIntervalMs,
		});
		// RemoteAuth sets these only in beforeBrowserInitialized; logout/disconnect may come without a start.
		this.sessionName = `RemoteAuth-${options.clientId}`;
		this.userDataDir = path.join(path.resolve(options.dataPath), this.sessionName);
	}

	override setup(client: LibraryClient): void {
		super.setup(client);
		// The library emits change_state just before it calls disconnect(); remember why.
		client.on('change_state', (state: string) => {
			this.lastState = state;
		});
	}

	override async beforeBrowserInitialized(): Promise<void> {
		if (this.closing) throw new WebDriverError('destroyed', 'client destroyed during start');
		try {
			await super.beforeBrowserInitialized();
		} catch (error) {
			throw new WebDriverError('auth_restore_failed', `could not restore the stored session: ${String(error)}`, {
				cause: error,
			});
		}
	}

	override async afterBrowserInitialized(): Promise<void> {
		await super.afterBrowserInitialized();
		if (this.browserReported) return;
		this.browserReported = true;
		this.options.onBrowser(this.client);
	}

	override async afterAuthReady(): Promise<void> {
		try {
			this.readyOnce = true;
			if (this.closing) return;
			if (!(await this.store.sessionExists({ session: this.sessionName }))) {
				await this.sleepUnlessClosed(this.options.firstBackupDelayMs);
				if (this.closing) return;
				await this.storeRemoteSession({ emit: true });
			}
			if (this.closing) return;
			clearInterval(this.backupSync);
			this.backupSync = setInterval(() => {
				this.storeRemoteSession().catch((error: unknown) =>
					this.options.logger.warn({ err: error, clientId: this.options.clientId }, 'periodic session backup failed'),
				);
			}, this.backupSyncIntervalMs);
		} catch (error) {
			this.options.logger.warn({ err: error, clientId: this.options.clientId }, 'session backup after ready failed');
		}
	}

	override async unCompressSession(compressedSessionPath: string): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			// unzipper's Extract emits 'close' only once every file is on disk.
			const extract = unzipper.Extract({ path: this.userDataDir, concurrency: 10 });
			extract.on('close', () => resolve());
			extract.on('error', reject);
			const input = createReadStream(compressedSessionPath);
			input.on('error', reject);
			input.pipe(extract);
		});
		await fs.unlink(compressedSessionPath);
	}

	override storeRemoteSession(options?: { emit?: boolean }): Promise<void> {
		const run = this.saveChain.then(() => super.storeRemoteSession(options));
		this.saveChain = run.catch(() => undefined);
		return run;
	}

	override async logout(): Promise<void> {
		this.forgetStoredLogin = true;
		await super.logout();
	}

	override async disconnect(): Promise<void> {
		if (this.forgetStoredLogin || (this.lastState !== null && UNLINKED_STATES.has(this.lastState))) {
			this.forgetStoredLogin = true;
			await super.disconnect();
			return;
		}
		this.stopBackups();
	}

	override async destroy(): Promise<void> {
		this.markClosing();
		await super.destroy();
	}

	/** Stop all backup activity now; called by the client before it closes the browser. */
	markClosing(): void {
		this.closing = true;
		this.stopBackups();
	}

	/** Whether the library (or we) decided the stored login must go. */
	get storedLoginForgotten(): boolean {
		return this.forgetStoredLogin;
	}

	/** One last backup after the browser closed (its files are then consistent); only if we ever got ready. */
	async finalBackup(): Promise<boolean> {
		if (!this.readyOnce || this.forgetStoredLogin) return false;
		await this.storeRemoteSession();
		return true;
	}

	private stopBackups(): void {
		clearInterval(this.backupSync);
		this.backupSync = undefined;
		clearTimeout(this.firstBackupTimer);
		this.cancelFirstBackup?.();
	}

	private sleepUnlessClosed(ms: number): Promise<void> {
		if (this.closing) return Promise.resolve();
		return new Promise((resolve) => {
			this.cancelFirstBackup = resolve;
			this.firstBackupTimer = setTimeout(resolve, ms);
		});
	}
}
