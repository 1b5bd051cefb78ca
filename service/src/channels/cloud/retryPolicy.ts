import type { CloudSettings } from '../../config/config';
import { GraphCallError } from './graph/metaError';
import { graphErrorToAppError, isAutoRetryable, type MappingContext } from './graph/errorMapping';

/**
 * When a Graph call is tried again. Pair-limit refusals (131056) wait 4^n seconds as Meta advises; throughput
 * refusals, Meta's 5xx and timeouts wait 2^n (a send only when it cannot have reached Meta whole); both scaled by CLOUD_RETRY_BASE_MS and capped by CLOUD_RETRY_MAX_MS
 * so tests can run the whole schedule in milliseconds.
 */
export class RetryPolicy {
	constructor(private readonly settings: Pick<CloudSettings, 'sendMaxAttempts' | 'retryBaseMs' | 'retryMaxMs'>) {}

	get maxAttempts(): number {
		return this.settings.sendMaxAttempts;
	}

	/** Delay before attempt `attempt + 1`, after `attempt` (1-based) failed with `error`. */
	delayMs(attempt: number, error: GraphCallError): number {
		const growth = error.code === 131056 ? 4 : 2;
		const delay = this.settings.retryBaseMs * growth ** (attempt - 1);
		// A little jitter so callers refused together do not come back together.
		return Math.min(this.settings.retryMaxMs, delay) * (0.9 + Math.random() * 0.2);
	}

	/**
	 * Runs `call` (which waits for its own turn under the limiter) until it succeeds, fails for good, or runs out of
	 * attempts; the last failure becomes an AppError carrying Meta's code and the number of attempts.
	 */
	async run<T>(call: (attempt: number) => Promise<T>, mapping: Omit<MappingContext, 'attempts' | 'retryAfterSeconds'> = {}, onRetry?: (error: GraphCallError, attempt: number, delayMs: number) => void): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await call(attempt);
			} catch (error) {
				if (!(error instanceof GraphCallError)) throw error;
				const delayMs = this.delayMs(attempt, error);
				if (!isAutoRetryable(error, mapping.atMostOnce) || attempt >= this.maxAttempts) {
					throw graphErrorToAppError(error, { ...mapping, attempts: attempt, retryAfterSeconds: delayMs / 1000 });
				}
				onRetry?.(error, attempt, delayMs);
				await new Promise((resolve) => setTimeout(resolve, delayMs));
			}
		}
	}
}
