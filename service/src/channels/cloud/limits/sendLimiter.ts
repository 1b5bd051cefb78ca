import { rateLimited } from '../../../shared/errors';
import { isRefusal, PacedSlots, type SlotLimits } from './pacedSlots';
import type { ThroughputSchedule } from './sharedThroughput';

/**
 * Keeps this process under Meta's two send limits, so Meta never has to refuse us:
 *  - throughput per phone number (its throughput_per_second, 80 by default; Meta answers 130429 beyond it);
 *  - the pair limit per (number, recipient): a burst of 45, then one message per 6 s (131056).
 * Every caller of a number shares its schedule. A caller that would wait longer than `maxWaitMs`, or find
 * `queueLimit` callers already waiting, is refused with 429 and a Retry-After instead.
 */
export const META_PAIR_LIMIT = { burst: 45, perSecond: 1 / 6 };

/**
 * Meta's buckets see our messages after network jitter; keeping a slot in hand (and a quarter of a second's
 * throughput as our only burst) means a message that arrives a little early still finds a token.
 */
const PAIR_BURST = META_PAIR_LIMIT.burst - 1;
const THROUGHPUT_BURST_SECONDS = 0.25;

export interface SendLimiterOptions extends SlotLimits {
	pair?: { burst: number; perSecond: number } | false;
	now?: () => number;
	/** The numbers' throughput schedule when replicas share it (SharedThroughput); this process's own by default. */
	throughput?: ThroughputSchedule;
}

export class SendLimiter {
	private readonly numbers: ThroughputSchedule;
	/** Kept per process even with replicas: a key per recipient, and Meta's pair refusals (131056) are retried. */
	private readonly pairs: PacedSlots;

	constructor(private readonly options: SendLimiterOptions) {
		this.numbers = options.throughput ?? new PacedSlots(options.now);
		this.pairs = new PacedSlots(options.now);
	}

	/** Resolves when this send may leave; throws 429 when the wait would be too long or the queue is full. */
	async acquire(phoneNumberId: string, throughputPerSecond: number, recipient: string): Promise<void> {
		const pair = this.options.pair === undefined ? { burst: PAIR_BURST, perSecond: META_PAIR_LIMIT.perSecond } : this.options.pair;
		// The pair wait comes first: a message waiting for its recipient must not hold a slot of the number's throughput.
		if (pair) await this.take(this.pairs, `${phoneNumberId}|${recipient}`, pair.perSecond, pair.burst, 'pair', { phoneNumberId, recipient });
		const burst = Math.max(1, Math.floor(throughputPerSecond * THROUGHPUT_BURST_SECONDS));
		await this.take(this.numbers, phoneNumberId, throughputPerSecond, burst, 'throughput', { phoneNumberId });
	}

	private async take(slots: ThroughputSchedule, key: string, perSecond: number, burst: number, limit: 'pair' | 'throughput', details: Record<string, unknown>): Promise<void> {
		const reserved = slots.reserve(key, perSecond, burst, this.options);
		// A local schedule answers at once: no await, so this caller counts as waiting before the next one asks.
		const outcome = reserved instanceof Promise ? await reserved : reserved;
		if (isRefusal(outcome)) {
			const seconds = outcome.retryAfterMs / 1000;
			const what = limit === 'pair' ? 'messages to this recipient (pair limit: one per 6 s after a burst)' : `sends of this number (${perSecond}/s)`;
			const why = outcome.reason === 'queue_full' ? 'too many sends are already waiting' : `the wait would exceed ${this.options.maxWaitMs} ms`;
			throw rateLimited(`Too many ${what}: ${why}; retry in ${Math.ceil(seconds)} s`, seconds, { limit, reason: outcome.reason, retryable: true, ...details });
		}
		if (outcome.waitMs <= 0) return;
		slots.enter(key);
		try {
			await new Promise((resolve) => setTimeout(resolve, outcome.waitMs));
		} finally {
			slots.leave(key);
		}
	}

	/** For metrics and tests: callers currently waiting for a number. */
	waiting(phoneNumberId: string): number {
		return this.numbers.waiting(phoneNumberId);
	}
}
