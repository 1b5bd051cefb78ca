/**
 * Items added during one turn of the event loop, handed over together at its end: one message between threads per
 * turn instead of one per item.
 */
export class TurnBatch<T> {
	private items: T[] = [];
	private scheduled = false;

	constructor(private readonly flush: (items: T[]) => void) {}

	add(item: T): void {
		this.items.push(item);
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			const items = this.items;
			this.items = [];
			if (items.length > 0) this.flush(items);
		});
	}
}
