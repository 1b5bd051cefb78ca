/**
 * A classic token bucket over the simulator clock. Capacity and rate are passed on every call so a
 * reconfigured limit applies at once without rebuilding buckets.
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;

	constructor(capacity: number, now: number) {
		this.tokens = capacity;
		this.updatedAt = now;
	}

	tryTake(now: number, capacity: number, perSecond: number): boolean {
		this.refill(now, capacity, perSecond);
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}

	/** True when the bucket has refilled completely, so forgetting it changes nothing. */
	isFull(now: number, capacity: number, perSecond: number): boolean {
		this.refill(now, capacity, perSecond);
		return this.tokens >= capacity;
	}

	private refill(now: number, capacity: number, perSecond: number): void {
		const elapsed = Math.max(0, now - this.updatedAt);
		this.tokens = Math.min(capacity, this.tokens + (elapsed / 1000) * perSecond);
		this.updatedAt = now;
	}
}

/** Many buckets under string keys, forgetting idle full ones so the map stays small under many recipients. */
export class BucketMap {
	private readonly buckets = new Map<string, TokenBucket>();

	constructor(private readonly maxKeys = 100_000) {}

	tryTake(key: string, now: number, capacity: number, perSecond: number): boolean {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			if (this.buckets.size >= this.maxKeys) this.prune(now, capacity, perSecond);
			bucket = new TokenBucket(capacity, now);
			this.buckets.set(key, bucket);
		}
		return bucket.tryTake(now, capacity, perSecond);
	}

	clear(): void {
		this.buckets.clear();
	}

	private prune(now: number, capacity: number, perSecond: number): void {
		for (const [key, bucket] of this.buckets) if (bucket.isFull(now, capacity, perSecond)) this.buckets.delete(key);
	}
}
