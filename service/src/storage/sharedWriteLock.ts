/** Which thread of the process holds the lock: the main thread, or the webhook intake's thread. */
export type WriteLockSide = 'main' | 'intake';

const FREE = 0;
const HOLDER: Record<WriteLockSide, number> = { main: 1, intake: 2 };
// Int32 slots of the shared buffer: who holds it, and how many acquirers of each side wait.
const STATE = 0;
const WAITING: Record<WriteLockSide, number> = { main: 1, intake: 2 };
const LAST_HOLDER = 3;
const SLOTS = 4;

/** After releasing, a side steps back this long at most while the other side waits, so neither starves the other. */
const TURN_MS = 5;

/**
 * One SQLite file written from two threads (the main thread and the webhook intake's thread), each with its own
 * connection: a lock in shared memory decides whose turn it is before SQLite's own write lock is asked for. Without
 * it the loser of a race would wait inside SQLite's busy handler, which sleeps (1 ms, then longer) and so blocks its
 * thread's event loop; a transaction that read first could even fail with SQLITE_BUSY_SNAPSHOT. Here the loser waits
 * on Atomics.waitAsync, its event loop free, and is woken at the release.
 */
export class SharedWriteLock {
	private readonly slots: Int32Array;
	private readonly me: number;
	private readonly other: WriteLockSide;

	constructor(
		readonly buffer: SharedArrayBuffer,
		private readonly side: WriteLockSide,
	) {
		this.slots = new Int32Array(buffer);
		this.me = HOLDER[side];
		this.other = side === 'main' ? 'intake' : 'main';
	}

	static newBuffer(): SharedArrayBuffer {
		return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
	}

	/** Resolves once this side holds the lock. One acquirer per side at a time (each side serializes its own). */
	async acquire(): Promise<void> {
		// Fairness: a side that just released waits one turn when the other side is waiting for it.
		if (Atomics.load(this.slots, LAST_HOLDER) === this.me && Atomics.load(this.slots, WAITING[this.other]) > 0) {
			await waitWhile(this.slots, LAST_HOLDER, this.me, TURN_MS);
		}
		while (Atomics.compareExchange(this.slots, STATE, FREE, this.me) !== FREE) {
			Atomics.add(this.slots, WAITING[this.side], 1);
			const holder = Atomics.load(this.slots, STATE);
			if (holder !== FREE) await waitWhile(this.slots, STATE, holder);
			Atomics.sub(this.slots, WAITING[this.side], 1);
		}
		Atomics.store(this.slots, LAST_HOLDER, this.me);
		Atomics.notify(this.slots, LAST_HOLDER);
	}

	release(): void {
		if (Atomics.compareExchange(this.slots, STATE, this.me, FREE) === this.me) Atomics.notify(this.slots, STATE);
	}

	/** The other side's thread is gone: whatever it held or waited for is let go, so this side never waits on it. */
	forgetOtherSide(): void {
		Atomics.store(this.slots, WAITING[this.other], 0);
		if (Atomics.compareExchange(this.slots, STATE, HOLDER[this.other], FREE) === HOLDER[this.other]) Atomics.notify(this.slots, STATE);
		Atomics.compareExchange(this.slots, LAST_HOLDER, HOLDER[this.other], FREE);
	}

	isWaiting(side: WriteLockSide): boolean {
		return Atomics.load(this.slots, WAITING[side]) > 0;
	}

	get heldBy(): WriteLockSide | undefined {
		const state = Atomics.load(this.slots, STATE);
		return state === HOLDER.main ? 'main' : state === HOLDER.intake ? 'intake' : undefined;
	}
}

/**
 * Atomics.waitAsync, with the thread kept alive meanwhile: a pending waitAsync alone does not hold Node's event loop
 * open, and a thread whose loop ends while it waits would exit with its work undone.
 */
async function waitWhile(slots: Int32Array, index: number, value: number, timeoutMs?: number): Promise<void> {
	const wait = Atomics.waitAsync(slots, index, value, timeoutMs);
	if (!wait.async) return;
	const keepAlive = setInterval(() => undefined, 60_000);
	try {
		await wait.value;
	} finally {
		clearInterval(keepAlive);
	}
}
