import type { Logger } from '../../../logging/logger';

/**
 * Logs a rejection at most once per interval per key, with how many were suppressed, so a flood of forged
 * webhooks cannot flood the log while the operator still learns that (and why) requests are being refused.
 */
export class RateLimitedLog {
	private readonly last = new Map<string, { at: number; suppressed: number }>();

	constructor(
		private readonly logger: Logger,
		private readonly intervalMs = 10_000,
	) {}

	warn(key: string, fields: Record<string, unknown>, message: string): void {
		const now = Date.now();
		const entry = this.last.get(key);
		if (entry && now - entry.at < this.intervalMs) {
			entry.suppressed++;
			return;
		}
		if (this.last.size > 10_000) this.last.clear();
		this.last.set(key, { at: now, suppressed: 0 });
		this.logger.warn({ ...fields, ...(entry?.suppressed ? { suppressedSinceLast: entry.suppressed } : {}) }, message);
	}
}
