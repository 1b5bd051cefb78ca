/**
 * Starts queued work one item at a time, a fixed gap apart: a restarted service resuming 100 sessions must not
 * launch 100 Chromiums at once (WAHA's advice: about 5 s apart). The first item starts at once; the gap is
 * counted from the moment the previous start has launched (its promise resolved), not from when it was asked.
 */
export class StaggeredStarts<T> {
	private readonly queue: Array<{ item: T; start: () => Promise<unknown> }> = [];
	private busy = false;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private closed = false;

	constructor(private readonly gapMs: number) {}

	enqueue(item: T, start: () => Promise<unknown>): void {
		if (this.closed) return;
		this.queue.push({ item, start });
		this.pump();
	}

	/** Drops an item that no longer needs starting (stopped or lost while waiting). */
	remove(item: T): void {
		const index = this.queue.findIndex((entry) => entry.item === item);
		if (index >= 0) this.queue.splice(index, 1);
	}

	close(): void {
		this.closed = true;
		clearTimeout(this.timer);
		this.queue.length = 0;
	}

	private pump(): void {
		if (this.busy || this.closed) return;
		const next = this.queue.shift();
		if (!next) return;
		this.busy = true;
		void next
			.start()
			.catch(() => undefined)
			.finally(() => {
				if (this.closed) return;
				this.timer = setTimeout(() => {
					this.busy = false;
					this.pump();
				}, this.gapMs);
			});
	}
}
