import path from 'node:path';
import { silentLogger, type DriverLogger } from '../driverLogger';
import type { SessionArchiveStore } from '../sessionArchiveStore';
import type { BrowserUsage, WebClient, WebClientOptions, WebDriver } from '../webClient';
import { WebDriverError } from '../webDriverError';
import { orphanedProcesses, reapSession } from './chromiumReaper';
import { listProcesses, memoryOf } from './processTable';
import { RealWebClient, type RealClientSettings } from './realWebClient';
import { WebVersionResolver, type MissingWebVersionPolicy } from './webVersionResolver';

/** The whatsapp-web.js 1.34.7 default build; pin deliberately, upgrade with the library. */
export const DEFAULT_WEB_VERSION = '2.3000.1017054665';

export interface RealWebDriverConfig {
	/** Where logins survive restarts. */
	readonly store: SessionArchiveStore;
	/** Base directory; each session gets `<dataPath>/<clientId>/`. */
	readonly dataPath: string;
	/** System Chromium; never downloaded. Default /usr/bin/chromium. */
	readonly executablePath?: string;
	readonly headless?: boolean;
	/** Appended to CONTAINER_CHROMIUM_ARGS. */
	readonly extraChromiumArgs?: readonly string[];
	/** Pinned WhatsApp Web build. */
	readonly webVersion?: string;
	/** `<version>.html` cache, shared by all sessions. Default `<dataPath>/.wwebjs_cache`. */
	readonly webVersionCacheDir?: string;
	/** Archive to fetch a missing pinned build from (`{version}` placeholder). Off by default. */
	readonly webVersionRemoteUrl?: string;
	/** When the pinned build is unavailable: run the live one (default) or fail the start. */
	readonly onMissingWebVersion?: MissingWebVersionPolicy;
	/** Bound on initialize(), browser launch included. Default 60 s. */
	readonly startTimeoutMs?: number;
	/** Library wait for WhatsApp Web to boot once the page loaded. Default 30 s. */
	readonly authTimeoutMs?: number;
	/** Bound from login (or a restored start) to `ready`; 0 disables. Default 180 s. */
	readonly readyTimeoutMs?: number;
	/** Periodic backup of the login to the store; RemoteAuth refuses less than 60 s. Default 5 min. */
	readonly backupSyncIntervalMs?: number;
	/** First backup after the first `ready` (library: 60 s). */
	readonly firstBackupDelayMs?: number;
	/** Wait for a graceful browser close before SIGKILL. Default 10 s. */
	readonly closeTimeoutMs?: number;
	/** CDP call timeout (puppeteer default is 180 s). Default 120 s. */
	readonly protocolTimeoutMs?: number;
	readonly userAgent?: string;
	/** Zip the profile into the store on destroy() of a client that was ready. Default true. */
	readonly backupOnDestroy?: boolean;
	/** Delete `<dataPath>/<clientId>` after close (it is rebuilt from the store). Default true. */
	readonly removeLocalDataOnDestroy?: boolean;
	readonly logger?: DriverLogger;
}

/** WebDriver over whatsapp-web.js with RemoteAuth and system Chromium. */
export class RealWebDriver implements WebDriver {
	readonly kind = 'real' as const;
	private readonly clients = new Set<RealWebClient>();
	private readonly settings: RealClientSettings;

	constructor(config: RealWebDriverConfig) {
		const logger = config.logger ?? silentLogger;
		const dataPath = path.resolve(config.dataPath);
		const backupSyncIntervalMs = config.backupSyncIntervalMs ?? 300_000;
		if (backupSyncIntervalMs < 60_000) throw new WebDriverError('invalid_argument', 'backupSyncIntervalMs must be at least 60000');
		this.settings = {
			store: config.store,
			dataPath,
			executablePath: config.executablePath ?? '/usr/bin/chromium',
			headless: config.headless ?? true,
			extraChromiumArgs: config.extraChromiumArgs ?? [],
			userAgent: config.userAgent,
			authTimeoutMs: config.authTimeoutMs ?? 30_000,
			startTimeoutMs: config.startTimeoutMs ?? 60_000,
			readyTimeoutMs: config.readyTimeoutMs ?? 180_000,
			backupSyncIntervalMs,
			firstBackupDelayMs: config.firstBackupDelayMs ?? 60_000,
			closeTimeoutMs: config.closeTimeoutMs ?? 10_000,
			protocolTimeoutMs: config.protocolTimeoutMs ?? 120_000,
			backupOnDestroy: config.backupOnDestroy ?? true,
			removeLocalDataOnDestroy: config.removeLocalDataOnDestroy ?? true,
			webVersions: new WebVersionResolver(
				{
					version: config.webVersion ?? DEFAULT_WEB_VERSION,
					cacheDir: path.resolve(config.webVersionCacheDir ?? path.join(dataPath, '.wwebjs_cache')),
					remoteUrl: config.webVersionRemoteUrl,
					fetchTimeoutMs: 10_000,
					onMissing: config.onMissingWebVersion ?? 'live',
				},
				logger,
			),
			logger,
		};
	}

	createClient(options: WebClientOptions): WebClient {
		// Two browsers on one profile corrupt it and make WhatsApp report CONFLICT.
		if ([...this.clients].some((client) => client.sessionKey === options.sessionKey)) {
			throw new WebDriverError('invalid_argument', `session ${options.sessionKey} already has a live client`);
		}
		const client = new RealWebClient(options, this.settings, (closed) => this.clients.delete(closed));
		this.clients.add(client);
		return client;
	}

	liveClients(): readonly WebClient[] {
		return [...this.clients];
	}

	/**
	 * One read of the process table for every live client, then each process's memory, off the event loop and one
	 * file at a time: libuv's four threads also run the WAL's fsyncs, which must not queue behind a few hundred reads.
	 */
	async measureBrowsers(): Promise<Map<string, BrowserUsage>> {
		const measured = new Map<string, BrowserUsage>();
		if (this.clients.size === 0) return measured;
		const processes = listProcesses();
		for (const client of [...this.clients]) {
			const own = client.browserProcesses(processes);
			let memoryBytes = 0;
			for (const entry of own) memoryBytes += await memoryOf(entry.pid);
			measured.set(client.sessionKey, { processes: own.length, memoryBytes });
		}
		return measured;
	}

	async shutdown(): Promise<void> {
		await Promise.allSettled([...this.clients].map((client) => client.destroy()));
	}

	/**
	 * Kills Chromium processes under dataPath that no live client owns: what a crashed or SIGKILLed
	 * service left behind. Call once at service start, before resuming sessions. Returns the PIDs killed.
	 */
	async reapOrphans(): Promise<number[]> {
		const keep = [...this.clients].map((client) => client.sessionRoot);
		const orphans = orphanedProcesses(this.settings.dataPath, keep);
		const roots = new Set<string>();
		for (const orphan of orphans) {
			const match = orphan.cmdline.slice(orphan.cmdline.indexOf(this.settings.dataPath + path.sep) + this.settings.dataPath.length + 1);
			const clientId = match.split(/[/\s]/, 1)[0];
			if (clientId) roots.add(path.join(this.settings.dataPath, clientId));
		}
		const killed: number[] = [];
		for (const root of roots) killed.push(...(await reapSession(root, null)).killed);
		if (killed.length > 0) this.settings.logger.warn({ pids: killed }, 'killed orphaned Chromium processes');
		return killed;
	}
}
