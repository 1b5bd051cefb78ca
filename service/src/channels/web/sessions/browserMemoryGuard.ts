import type { BrowserUsage } from '../driver';
import type { WebSessionStatus } from './webSession';

/** A limit set too low must not make a session restart in a loop: once restarted for memory, it is left this long. */
export const MEMORY_RESTART_SPACING_MS = 15 * 60_000;

const MB = 1024 * 1024;

/**
 * Picks the WORKING sessions whose browser holds more memory than WEB_BROWSER_MEMORY_LIMIT_MB: WhatsApp Web's page
 * grows with the chats it has loaded, and a restart (the login kept) starts it small again, before the container's
 * memory limit kills every session at once.
 */
export class BrowserMemoryGuard {
	private readonly restartedAt = new Map<string, number>();

	constructor(
		private readonly limitBytes: number,
		private readonly now: () => number = () => Date.now(),
	) {}

	/** Sessions to restart now, each at most once per MEMORY_RESTART_SPACING_MS. */
	overLimit(running: ReadonlyArray<{ id: string; status: WebSessionStatus; browser: BrowserUsage | undefined }>): Array<{ id: string; memoryBytes: number }> {
		const now = this.now();
		for (const [id, at] of this.restartedAt) if (now - at >= MEMORY_RESTART_SPACING_MS) this.restartedAt.delete(id);
		const over = running.filter((session) => session.status === 'WORKING' && session.browser && session.browser.memoryBytes > this.limitBytes && !this.restartedAt.has(session.id));
		for (const session of over) this.restartedAt.set(session.id, now);
		return over.map((session) => ({ id: session.id, memoryBytes: session.browser?.memoryBytes ?? 0 }));
	}

	/** The status reason a restart for memory carries, so the session's events say why it went away for a moment. */
	reason(memoryBytes: number): string {
		return `Restarting: its browser held ${Math.round(memoryBytes / MB)} MB, over WEB_BROWSER_MEMORY_LIMIT_MB (${Math.round(this.limitBytes / MB)} MB); the login is kept`;
	}
}
