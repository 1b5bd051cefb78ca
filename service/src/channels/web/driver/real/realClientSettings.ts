import type { DriverLogger } from '../driverLogger';
import type { SessionArchiveStore } from '../sessionArchiveStore';
import type { WebVersionResolver } from './webVersionResolver';

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
