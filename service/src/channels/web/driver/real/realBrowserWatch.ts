import type { Client as LibraryClient } from 'whatsapp-web.js';
import type { BrowserCrashInfo } from '../webEvents';

/** The library's private members we rely on (see Client.js); kept in one place so an upgrade shows what broke. */
interface LibraryInternals {
	lastLoggedOut?: boolean;
	inject(): Promise<void>;
}

/** Reports the browser going away: the connection to Chromium lost, the WhatsApp Web tab closed or crashed. */
export function watchBrowser(client: LibraryClient, onCrash: (reason: BrowserCrashInfo['reason'], message: string) => void): void {
	client.pupBrowser?.on('disconnected', () => onCrash('browser_disconnected', 'connection to Chromium lost'));
	client.pupPage?.on('close', () => onCrash('page_closed', 'WhatsApp Web tab closed'));
	client.pupPage?.on('error', (error: Error) => onCrash('page_crashed', error.message));
}

/** What the client does about navigations of the WhatsApp Web tab. */
export interface NavigationHooks {
	/** True once teardown started: navigations no longer matter. */
	readonly closing: boolean;
	/** The phone logged this device out. */
	loggedOut(): void;
	/** WhatsApp Web navigated and the library could not inject itself again. */
	reinjectFailed(error: unknown): void;
}

/**
 * Replaces the library's framenavigated handler. The library's one re-injects after every navigation
 * without catching (an unhandled rejection when the browser is closing) and, after a logout from the
 * phone, keeps the browser and shows a new QR. Ours ends the client on logout like every other
 * disconnect and reports re-injection failures.
 */
export function takeOverNavigation(library: LibraryClient, hooks: NavigationHooks): void {
	const page = library.pupPage;
	if (!page) return;
	const internals = library as unknown as LibraryInternals;
	page.removeAllListeners('framenavigated');
	page.on('framenavigated', (frame) => {
		if (hooks.closing || frame !== page.mainFrame()) return;
		if (frame.url().includes('post_logout=1') || internals.lastLoggedOut) {
			internals.lastLoggedOut = false;
			hooks.loggedOut();
			return;
		}
		internals.inject().catch((error: unknown) => {
			if (hooks.closing) return;
			hooks.reinjectFailed(error);
		});
	});
}
