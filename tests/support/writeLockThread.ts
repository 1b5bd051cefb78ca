import { parentPort, workerData } from 'node:worker_threads';
import { SharedWriteLock } from '../../service/src/storage/sharedWriteLock';

/**
 * The intake side of a SharedWriteLock, in a thread of its own (tests/service/storage/sharedWriteLock.test.ts):
 * `count` runs read-wait-write increments (once the main thread says go) of a shared counter under the lock; `hold` takes the lock and dies holding it.
 */
interface Job {
	lock: SharedArrayBuffer;
	counter: SharedArrayBuffer;
	mode: 'count' | 'hold';
	iterations: number;
}

async function run(job: Job): Promise<void> {
	const lock = new SharedWriteLock(job.lock, 'intake');
	const counter = new Int32Array(job.counter);
	if (job.mode === 'hold') {
		await lock.acquire();
		parentPort?.postMessage('holding');
		return;
	}
	parentPort?.postMessage('ready');
	// Start together with the main thread: it stores 1 in the counter's second slot.
	const keepAlive = setInterval(() => undefined, 60_000);
	await Atomics.waitAsync(counter, 1, 0).value;
	clearInterval(keepAlive);
	for (let i = 0; i < job.iterations; i++) {
		await lock.acquire();
		const value = Atomics.load(counter, 0);
		await new Promise((resolve) => setImmediate(resolve));
		Atomics.store(counter, 0, value + 1);
		lock.release();
	}
	parentPort?.postMessage('done');
}

void run(workerData as Job);
