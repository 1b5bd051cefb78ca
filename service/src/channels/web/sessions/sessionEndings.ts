import { QR_RETRIES_EXHAUSTED, type BrowserCrashInfo, type DisconnectReason, type WebDriverError } from '../driver';

/**
 * How a client's life ended, and what the session does about it:
 * - `stopped`: nobody finished logging in in time (STOPPED, stays stopped);
 * - `failed`: something a person must look at (FAILED, stays stopped until started again);
 * - `retry`: worth another try (FAILED for now, restarted with backoff up to the attempt limit);
 * - `quiet`: we ended it ourselves (stop, restart, shutdown): nothing to report.
 */
export type Ending =
	| { readonly kind: 'stopped'; readonly reason: string }
	| { readonly kind: 'failed'; readonly reason: string; readonly forgetLogin?: boolean }
	| { readonly kind: 'retry'; readonly reason: string }
	| { readonly kind: 'quiet' };

const UNLINKED = new Set<string>(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

export function endingOfDisconnect(reason: DisconnectReason, qrMaxRotations: number): Ending {
	if (reason === QR_RETRIES_EXHAUSTED) {
		return { kind: 'stopped', reason: `No one scanned the QR code (${qrMaxRotations} codes were shown). Start the session to get new ones.` };
	}
	if (UNLINKED.has(reason)) {
		return { kind: 'failed', reason: `Logged out from the phone (${reason}): the linked device was removed. Start the session and scan a new QR code to link it again.`, forgetLogin: true };
	}
	switch (reason) {
		case 'CONFLICT':
			return { kind: 'failed', reason: 'This account was opened in another WhatsApp Web (CONFLICT). Start the session to take it back, or set settings.takeoverOnConflict.' };
		case 'TOS_BLOCK':
		case 'SMB_TOS_BLOCK':
			return { kind: 'failed', reason: `WhatsApp blocked this account (${reason}).` };
		case 'DEPRECATED_VERSION':
			return { kind: 'failed', reason: 'WhatsApp refused this WhatsApp Web build as outdated (DEPRECATED_VERSION): set WEB_VERSION to a newer build, or upgrade the service.' };
		case 'PROXYBLOCK':
			return { kind: 'failed', reason: "WhatsApp blocked this session's network address (PROXYBLOCK): change settings.proxyServer or the egress address." };
		default:
			return { kind: 'retry', reason: `WhatsApp Web disconnected (${reason})` };
	}
}

export function endingOfAuthFailure(message: string): Ending {
	return { kind: 'failed', reason: `WhatsApp rejected the stored login (${message}). Start the session to scan a new QR code.`, forgetLogin: true };
}

/** RemoteAuth never says auth_failure: a stored login that no longer works shows up as a QR code instead. */
export const STORED_LOGIN_REJECTED: Ending = {
	kind: 'failed',
	reason: 'The stored login is no longer valid (WhatsApp asked for a new QR code; the device was probably unlinked). Start the session to scan a new one.',
	forgetLogin: true,
};

export function endingOfCrash(info: BrowserCrashInfo): Ending {
	const what = info.reason === 'browser_disconnected' ? 'Chromium exited' : info.reason === 'page_closed' ? 'the WhatsApp Web tab closed' : 'the WhatsApp Web tab crashed';
	return { kind: 'retry', reason: `Browser crashed: ${what} (${info.message})` };
}

export function endingOfDriverError(error: WebDriverError, settings: { fallbackHint: boolean }): Ending {
	switch (error.code) {
		case 'destroyed':
		case 'closed':
			return { kind: 'quiet' };
		case 'web_version_unavailable':
			return { kind: 'failed', reason: `${error.message}${settings.fallbackHint ? ' (WEB_VERSION_FALLBACK=fail; set it to live to run the current build instead)' : ''}` };
		case 'auth_restore_failed':
			return { kind: 'failed', reason: `The stored login could not be restored (${error.message}). Log the session out and scan a new QR code.` };
		case 'browser_launch_failed':
			return { kind: 'retry', reason: `${error.message} (check WEB_CHROMIUM_PATH)` };
		case 'web_unreachable':
			return { kind: 'retry', reason: `WhatsApp Web is unreachable: ${error.message}` };
		default:
			return { kind: 'retry', reason: error.message };
	}
}

/** Delay before restart attempt `attempt` (1-based): base x 2^(n-1), capped, with ±20% jitter so sessions spread out. */
export function restartDelayMs(attempt: number, baseMs: number, maxMs: number): number {
	const nominal = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(nominal * (0.8 + Math.random() * 0.4));
}
