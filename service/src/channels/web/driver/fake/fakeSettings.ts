import type { DriverLogger } from '../driverLogger';
import type { SessionArchiveStore } from '../sessionArchiveStore';
import type { WebDriverErrorCode } from '../webDriverError';

/** Knobs of the fake, shared by every client of one FakeWebDriver (defaults applied by the driver). */
export interface FakeClientSettings {
	readonly store: SessionArchiveStore;
	/** How often a new QR replaces the old one (WhatsApp: about 20 s). */
	readonly qrIntervalMs: number;
	/** How often a new pairing code is issued (library default 180 s). */
	readonly pairingCodeIntervalMs: number;
	/** Simulated browser + WhatsApp Web boot time before the first qr/authenticated. */
	readonly startDelayMs: number;
	/** What a scripted hanging start waits before failing with start_timeout (the real driver's bound). */
	readonly startTimeoutMs: number;
	/** Gap between ack steps of our sends. */
	readonly ackDelayMs: number;
	/** Sends progress 1 -> 2 -> 3 on their own; off to drive acks from the phone. */
	readonly autoAck: boolean;
	/** Delay from the first ready to the archive save + remote_session_saved (real: 60 s). */
	readonly firstBackupDelayMs: number;
	readonly maxMessagesPerChat: number;
	/** Emit loading_screen(100, 'WhatsApp') before authenticated (1.34.x with RemoteAuth often does not). */
	readonly emitLoadingScreen: boolean;
	/** Whether a phone number (digits) has WhatsApp. */
	readonly isOnWhatsApp: (user: string) => boolean;
	readonly logger: DriverLogger;
}

/** How the next initialize() of a session goes, when a test wants something other than success. */
export type ScriptedStart =
	| { readonly kind: 'fail'; readonly code: WebDriverErrorCode; readonly message?: string }
	/** Never comes up; initialize() rejects with start_timeout after startTimeoutMs. */
	| { readonly kind: 'hang' }
	/** The restored login is rejected: auth_failure, then initialize() rejects with auth_restore_failed. */
	| { readonly kind: 'auth_failure'; readonly message?: string };

/** The archive a fake session saves: proves a login happened and keeps the account's number. */
export interface FakeSessionArchive {
	readonly format: 'fake-wwebjs-session';
	readonly version: 1;
	readonly user: string;
}

export function encodeArchive(user: string): Buffer {
	const archive: FakeSessionArchive = { format: 'fake-wwebjs-session', version: 1, user };
	return Buffer.from(JSON.stringify(archive));
}

/** Anything unreadable counts as no login, as with RemoteAuth: WhatsApp Web just asks for a QR again. */
export function decodeArchive(zip: Buffer | null): FakeSessionArchive | null {
	if (!zip) return null;
	try {
		const parsed = JSON.parse(zip.toString('utf8')) as Partial<FakeSessionArchive>;
		return parsed.format === 'fake-wwebjs-session' && typeof parsed.user === 'string' ? (parsed as FakeSessionArchive) : null;
	} catch {
		return null;
	}
}
