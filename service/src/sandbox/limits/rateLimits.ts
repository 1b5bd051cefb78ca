import type { Clock } from '../clock';
import { graphErrors } from '../graph/errors';
import type { SimPhoneNumber } from '../state/registry';
import { BucketMap } from './tokenBucket';

/**
 * Meta's two send limits: the per-number throughput (80 messages/s by default, error 130429) and the
 * per-(number, user) pair limit (about one message per 6 s with bursts up to 45, error 131056).
 */
export interface PairRateLimitConfig {
	/** Messages that may go to one user at once before the rate applies. */
	burst: number;
	/** Sustained rate to one user, in messages per second (Meta: 1/6). */
	perSecond: number;
}

export const META_PAIR_RATE_LIMIT: PairRateLimitConfig = { burst: 45, perSecond: 1 / 6 };

export class RateLimits {
	private readonly throughput = new BucketMap(10_000);
	private readonly pairs = new BucketMap();

	constructor(
		private readonly clock: Clock,
		private readonly pairConfig: () => PairRateLimitConfig | false,
	) {}

	/** Throws the Graph error Meta would answer, or consumes one message from both budgets. */
	admit(number: SimPhoneNumber, recipient: string): void {
		const now = this.clock.now();
		const rate = number.throughputPerSecond;
		if (!this.throughput.tryTake(number.phoneNumberId, now, rate, rate)) throw graphErrors.throughputReached();
		const pair = this.pairConfig();
		if (pair && !this.pairs.tryTake(`${number.phoneNumberId}|${recipient}`, now, pair.burst, pair.perSecond)) {
			throw graphErrors.pairRateLimit();
		}
	}

	clear(): void {
		this.throughput.clear();
		this.pairs.clear();
	}
}
