/**
 * Group commit: callers submit units of work and each gets its own answer, but units that arrive while a
 * transaction is running are committed together in the next one. Durable writes cost one fsync per batch instead
 * of one per request, and a busy server batches more by itself (the queue grows while a commit is in progress).
 *
 * One batch is in flight at a time per committer, which also keeps this process's writes in arrival order.
 */
export class GroupCommitter<U, R> {
	private queue: Array<{ unit: U; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
	private draining = false;

	constructor(
		private readonly work: (units: U[]) => Promise<R[]>,
		private readonly maxBatch: number,
	) {}

	submit(unit: U): Promise<R> {
		return new Promise<R>((resolve, reject) => {
			this.queue.push({ unit, resolve, reject });
			if (!this.draining) {
				this.draining = true;
				// Let the requests already read from the sockets join the first batch too.
				setImmediate(() => void this.drain());
			}
		});
	}

	get pending(): number {
		return this.queue.length;
	}

	private async drain(): Promise<void> {
		try {
			while (this.queue.length > 0) {
				const batch = this.queue.splice(0, this.maxBatch);
				try {
					const results = await this.work(batch.map((entry) => entry.unit));
					batch.forEach((entry, index) => entry.resolve(results[index] as R));
				} catch (error) {
					if (batch.length === 1) {
						(batch[0] as (typeof batch)[number]).reject(error);
						continue;
					}
					// One bad unit must not fail its neighbours: run each alone so only the culprit sees the error.
					for (const entry of batch) {
						try {
							const [result] = await this.work([entry.unit]);
							entry.resolve(result as R);
						} catch (own) {
							entry.reject(own);
						}
					}
				}
			}
		} finally {
			this.draining = false;
		}
	}
}
