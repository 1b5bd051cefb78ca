import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../../service/src/shared/moduleThread';
import { SharedWriteLock } from '../../../service/src/storage/sharedWriteLock';

const THREAD = path.resolve(__dirname, '../../support/writeLockThread.ts');

function intakeSide(lock: SharedArrayBuffer, counter: SharedArrayBuffer, mode: 'count' | 'hold', iterations = 0): { thread: Worker; said: (word: string) => Promise<void> } {
	const thread = startModuleThread(THREAD, { lock, counter, mode, iterations });
	const words: string[] = [];
	const listeners: Array<() => void> = [];
	thread.on('message', (word: string) => {
		words.push(word);
		listeners.splice(0).forEach((listener) => listener());
	});
	const said = (word: string) =>
		new Promise<void>((resolve, reject) => {
			const check = () => (words.includes(word) ? resolve() : listeners.push(check));
			thread.once('error', reject);
			check();
		});
	return { thread, said };
}

/** Lets the other thread's counting loop start (see writeLockThread.ts). */
function go(counter: SharedArrayBuffer): void {
	Atomics.store(new Int32Array(counter), 1, 1);
	Atomics.notify(new Int32Array(counter), 1);
}

describe('SharedWriteLock: two threads take turns writing one SQLite file', () => {
	test('no increment is lost when both threads read, yield and write a shared counter under the lock', async () => {
		const buffer = SharedWriteLock.newBuffer();
		const counter = new SharedArrayBuffer(8);
		const values = new Int32Array(counter);
		const main = new SharedWriteLock(buffer, 'main');
		const other = intakeSide(buffer, counter, 'count', 300);
		await other.said('ready');
		go(counter);
		for (let i = 0; i < 300; i++) {
			await main.acquire();
			const value = Atomics.load(values, 0);
			await new Promise((resolve) => setImmediate(resolve));
			Atomics.store(values, 0, value + 1);
			main.release();
		}
		await other.said('done');
		await other.thread.terminate();
		expect(Atomics.load(values, 0)).toBe(600);
		expect(main.heldBy).toBeUndefined();
	});

	test('a side that keeps writing lets the waiting side in between: the other thread finishes long before it', async () => {
		const buffer = SharedWriteLock.newBuffer();
		const counter = new SharedArrayBuffer(8);
		const main = new SharedWriteLock(buffer, 'main');
		const other = intakeSide(buffer, counter, 'count', 200);
		await other.said('ready');
		go(counter);
		// Read in shared memory: an uncontended acquire never yields to the event loop, where messages arrive.
		const otherDone = () => Atomics.load(new Int32Array(counter), 0) === 200;
		let mainTurns = 0;
		// Turns this side took in a row while the other side was waiting for one.
		let streak = 0;
		let longestStreak = 0;
		// Acquire again right after each release: without the turn rule this side would take every turn.
		while (mainTurns < 100_000 && !otherDone()) {
			await main.acquire();
			mainTurns++;
			streak = main.isWaiting('intake') ? streak + 1 : 0;
			longestStreak = Math.max(longestStreak, streak);
			main.release();
		}
		await other.thread.terminate();
		expect(otherDone()).toBe(true);
		// With the turn rule a streak ends within one turn (TURN_MS); without it, it ran 50 and more here.
		expect(longestStreak).toBeLessThan(10);
	});

	test('when the other thread dies holding the lock, forgetOtherSide frees it', async () => {
		const buffer = SharedWriteLock.newBuffer();
		const main = new SharedWriteLock(buffer, 'main');
		const other = intakeSide(buffer, new SharedArrayBuffer(8), 'hold');
		await other.said('holding');
		await other.thread.terminate();
		expect(main.heldBy).toBe('intake');
		let acquired = false;
		const acquiring = main.acquire().then(() => (acquired = true));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(acquired).toBe(false);
		main.forgetOtherSide();
		await acquiring;
		expect(main.heldBy).toBe('main');
		main.release();
	});
});
