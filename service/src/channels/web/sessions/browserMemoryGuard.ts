import type { BrowserUsage } from '../driver';
import type { WebSessionStatus } from './webSession';

/** A limit set too low must not make a session restart in a loop: once restarted for memory, it is left this long. */
export const MEMORY_RESTART_SPACING_MS = 15 * 60_000;

/**
 * A session over the limit while a send is in flight is left to finish it (a restart would fail the send), but not
 * for longer than this: a session that is never idle must still be restarted before the machine runs out of memory.
 */
export const MEMORY_RESTART_WAIT_FOR_SENDS_MS = 60_000;

const MB = 1024 * 1024;

export interface MeasuredSession {
	id: string;
	status: WebSessionStatus;
	browser: BrowserUsage | undefined;
	/** Sends through the API in flight on the session right now. */
	sending: number;
}

/**
 * Picks the WORKING sessions whose browser holds more memory than WEB_BROWSER_MEMORY_LIMIT_MB: WhatsApp Web's page
 * grows with the chats it has loaded, and a restart (the login kept) starts it small again, before the container's
 * memory limit kills every session at once.
 */
export class BrowserMemoryGuard {
	private readonly restartedAt = new Map<string, number>();
	/** Over the limit but busy sending: since when the restart has waited. */
	private readonly waitingSince = new Map<string, number>();

	constructor(
		private readonly limitBytes: number,
		private readonly now: () => number = () => Date.now(),
	) {}

	/**
	 * Sessions to restart now, each at most once per MEMORY_RESTART_SPACING_MS. One with a send in flight waits for a
	 * later round, up to MEMORY_RESTART_WAIT_FOR_SENDS_MS.
	 */
	overLimit(running: readonly MeasuredSession[]): Array<{ id: string; memoryBytes: number; waitedForSends: boolean }> {
		const now = this.now();
		for (const [id, at] of this.restartedAt) if (now - at >= MEMORY_RESTART_SPACING_MS) this.restartedAt.delete(id);
		const over = running.filter((session) => session.status === 'WORKING' && session.browser && session.browser.memoryBytes > this.limitBytes && !this.restartedAt.has(session.id));
		// A session back under the limit (or gone) waits for nothing any more.
		for (const id of this.waitingSince.keys()) if (!over.some((session) => session.id === id)) this.waitingSince.delete(id);
		const due = over.filter((session) => {
			if (session.sending === 0) return true;
			const since = this.waitingSince.get(session.id) ?? now;
			this.waitingSince.set(session.id, since);
			return now - since >= MEMORY_RESTART_WAIT_FOR_SENDS_MS;
		});
		// Once restarted a session leaves `over`, and its wait is forgotten with the next round.
		for (const session of due) this.restartedAt.set(session.id, now);
		return due.map((session) => ({ id: session.id, memoryBytes: session.browser?.memoryBytes ?? 0, waitedForSends: session.sending > 0 }));
	}

	/**
	 * A restart picked by overLimit found a send begun meanwhile (the pick and the restart are apart by a lock): the
	 * session waits for a later round again, its wait counted from when it first had to.
	 */
	postpone(id: string): void {
		this.restartedAt.delete(id);
		this.waitingSince.set(id, this.waitingSince.get(id) ?? this.now());
	}

	/** The status reason a restart for memory carries, so the session's events say why it went away for a moment. */
	reason(memoryBytes: number): string {
		return `Restarting: its browser held ${Math.round(memoryBytes / MB)} MB, over WEB_BROWSER_MEMORY_LIMIT_MB (${Math.round(this.limitBytes / MB)} MB); the login is kept`;
	}
}
