import { Client as LibraryClient, type AuthStrategy } from 'whatsapp-web.js';
import type { WebClientOptions } from '../webClient';
import { ArchiveStoreAdapter } from './archiveStoreAdapter';
import { chromiumArgs } from './chromiumArgs';
import { DriverRemoteAuth } from './driverRemoteAuth';
import type { RealClientSettings } from './realClientSettings';
import type { SessionPaths } from './sessionPaths';
import type { ResolvedWebVersion } from './webVersionResolver';

/**
 * A whatsapp-web.js Client for one session: RemoteAuth over our SessionArchiveStore, system Chromium over a pipe,
 * the session's proxy and login mode. `onBrowser` runs once Chromium is up.
 */
export function createLibraryClient(spec: {
	readonly options: WebClientOptions;
	readonly settings: RealClientSettings;
	readonly paths: SessionPaths;
	readonly version: ResolvedWebVersion;
	readonly onBrowser: (client: LibraryClient) => void;
}): { library: LibraryClient; auth: DriverRemoteAuth } {
	const { settings, options, paths, version } = spec;
	const auth = new DriverRemoteAuth({
		store: new ArchiveStoreAdapter(settings.store, options.sessionKey, paths),
		clientId: paths.clientId,
		dataPath: paths.root,
		backupSyncIntervalMs: settings.backupSyncIntervalMs,
		firstBackupDelayMs: settings.firstBackupDelayMs,
		logger: settings.logger,
		onBrowser: spec.onBrowser,
	});
	const library = new LibraryClient({
		authStrategy: auth as unknown as AuthStrategy,
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
	return { library, auth };
}
