/**
 * Recently read credentials by their hash, so a busy caller does not cost a database read per request (at thousands
 * of sends a second that read was the largest single statement). Whatever can take rights away (revoking a key,
 * suspending or deleting its tenant) calls invalidate() once written, which empties it at once in this process;
 * another replica's change is seen here within the TTL. Unknown credentials are never kept: a caller trying random
 * keys still costs a read each and cannot fill the cache.
 */
export class CredentialCache<T> {
	private readonly entries = new Map<string, { value: T; until: number }>();
	/** Moves on every invalidation, so a read that started before one is not cached after it. */
	private generation = 0;

	constructor(
		private readonly ttlMs: number,
		private readonly limit = 10_000,
	) {}

	async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
		const hit = this.entries.get(key);
		if (hit && hit.until > Date.now()) return hit.value;
		const generation = this.generation;
		const value = await load();
		if (value === undefined) {
			this.entries.delete(key);
		} else if (generation === this.generation) {
			if (this.entries.size >= this.limit) this.entries.clear();
			this.entries.set(key, { value, until: Date.now() + this.ttlMs });
		}
		return value;
	}

	invalidate(): void {
		this.generation++;
		this.entries.clear();
	}
}
