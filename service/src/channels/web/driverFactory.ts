import type { Logger } from '../../logging/logger';
import { FakeWebDriver, type SessionArchiveStore, type WebDriver } from './driver';
import type { WebSettings } from './webSettings';

/** The driver and what only the real one has: Chromium left over by a previous process, reaped before resuming. */
export interface DriverChoice {
	readonly driver: WebDriver;
	reapOrphans(): Promise<number[]>;
}

/**
 * The fake for the Web sandbox: realistic ack delays, WhatsApp's QR rotation, logins kept in the database like
 * real ones. The real driver is loaded only when chosen, so sandbox-only deployments never load puppeteer.
 */
export async function chooseDriver(settings: WebSettings, store: SessionArchiveStore, logger: Logger): Promise<DriverChoice> {
	if (settings.driver === 'fake') {
		return { driver: new FakeWebDriver({ store, logger, ackDelayMs: 300, qrIntervalMs: 20_000 }), reapOrphans: async () => [] };
	}
	const { RealWebDriver } = await import('./driver/real');
	const driver = new RealWebDriver({
		store,
		dataPath: settings.dataPath,
		executablePath: settings.chromiumPath,
		extraChromiumArgs: settings.extraChromiumArgs,
		...(settings.webVersion ? { webVersion: settings.webVersion } : {}),
		webVersionCacheDir: settings.webVersionCacheDir,
		...(settings.webVersionRemoteUrl ? { webVersionRemoteUrl: settings.webVersionRemoteUrl } : {}),
		onMissingWebVersion: settings.webVersionFallback,
		startTimeoutMs: settings.startTimeoutMs,
		logger,
	});
	return { driver, reapOrphans: () => driver.reapOrphans() };
}
