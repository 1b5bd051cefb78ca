/**
 * A token bucket run as a schedule (GCRA): each caller reserves the next free slot and learns how long to wait,
 * so waiting callers leave in arrival order at exactly the configured rate, with no polling. `burst` slots may
 * go at once after a quiet spell.
 */
export interface SlotGrant {
	/** Milliseconds to wait before the slot is yours (0: go now). */
	waitMs: number;
}

export interface SlotRefusal {
	/** When trying again could succeed. */
	retryAfterMs: number;
	reason: 'wait_too_long' | 'queue_full';
}

interface Lane {
	/** Theoretical arrival time of the next caller, in clock ms. */
	nextAt: number;
	/** Callers granted a slot that has not come yet. */
	waiting: number;
}

export interface SlotLimits {
	maxWaitMs: number;
	queueLimit: number;
}

export class PacedSlots {
	private readonly lanes = new Map<string, Lane>();
	private reservations = 0;

	constructor(private readonly now: () => number = () => performance.now()) {}

	reserve(key: string, perSecond: number, burst: number, limits: SlotLimits): SlotGrant | SlotRefusal {
		const now = this.now();
		const interval = 1000 / perSecond;
		const tolerance = (Math.max(1, burst) - 1) * interval;
		const lane = this.lanes.get(key) ?? { nextAt: now, waiting: 0 };
		const theoretical = Math.max(lane.nextAt, now);
		const waitMs = Math.max(0, theoretical - tolerance - now);
		if (waitMs > 0 && lane.waiting >= limits.queueLimit) return { retryAfterMs: waitMs, reason: 'queue_full' };
		if (waitMs > limits.maxWaitMs) return { retryAfterMs: waitMs, reason: 'wait_too_long' };
		lane.nextAt = theoretical + interval;
		this.lanes.set(key, lane);
		if (++this.reservations % 4096 === 0) this.forgetIdle(now);
		return { waitMs };
	}

	/** Call around a wait so the queue bound counts it. */
	enter(key: string): void {
		const lane = this.lanes.get(key);
		if (lane) lane.waiting++;
	}

	leave(key: string): void {
		const lane = this.lanes.get(key);
		if (lane) lane.waiting--;
	}

	waiting(key: string): number {
		return this.lanes.get(key)?.waiting ?? 0;
	}

	/** Lanes whose schedule is in the past behave exactly like new ones, so they can go (pair lanes are many). */
	private forgetIdle(now: number): void {
		for (const [key, lane] of this.lanes) if (lane.nextAt <= now && lane.waiting === 0) this.lanes.delete(key);
	}

	get size(): number {
		return this.lanes.size;
	}
}

export function isRefusal(outcome: SlotGrant | SlotRefusal): outcome is SlotRefusal {
	return 'retryAfterMs' in outcome;
}
