/**
 * The simulator's notion of "now". Time-based rules (24 h customer-service window, media URL expiry,
 * token expiry, rate-limit refills) all read this clock so tests can jump forward instead of waiting.
 * Timers that pace webhook delivery use real time: they model network latency, not business time.
 */
export interface Clock {
	now(): number;
}

export class SimulatorClock implements Clock {
	private offsetMs = 0;

	constructor(private readonly source: () => number = Date.now) {}

	now(): number {
		return this.source() + this.offsetMs;
	}

	/** Moves simulated time forward; real time keeps flowing underneath. */
	advance(ms: number): number {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock can only move forward by a finite amount');
		this.offsetMs += ms;
		return this.now();
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}
}

/** A clock that only moves when told to: deterministic rate-limit tests. */
export function manualClock(startMs = Date.UTC(2025, 5, 1)): SimulatorClock {
	return new SimulatorClock(() => startMs);
}
