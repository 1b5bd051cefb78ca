import { Worker } from 'node:worker_threads';

/**
 * Copies the SQLite WAL into the database file from a worker thread, with its own connection.
 *
 * better-sqlite3 runs on the main thread, and SQLite's automatic checkpoint runs inside the commit that crosses the
 * threshold: that commit also copies ~1,000 pages and fsyncs the WAL and the database file, stalling every
 * request for ~10 ms (36 of 1,100 commits in an 8 s webhook run, 4.5% of the main thread). Here a PASSIVE checkpoint
 * (it never blocks writers and waits for nobody) runs every `intervalMs` off the main thread. The main connection
 * keeps a larger automatic threshold as a backstop: under constant writes a background checkpoint rarely catches the
 * very last frame, and only a checkpoint by the writer lets the WAL start over; by then nearly everything is already
 * copied, so that one is cheap. Durability is untouched: a commit resolves once the WAL is fsynced (WalFlusher).
 *
 * Small and often beats large and rare: the checkpoint's fsync of the database file delays the writer's fsync of
 * the WAL on the same disk. At 2,800 webhooks/s, every 100 ms left 71 of 9,692 commits over 10 ms (request p99
 * 31-44 ms); every 10 ms, 2 of 9,526 (p99 9-21 ms), at the same throughput. While the WAL stands still the wait
 * doubles up to `longestMs`, so an idle service wakes the worker a few times a second, not a hundred.
 */
export class WalCheckpointer {
	private readonly worker: Worker;
	private readonly exited: Promise<void>;

	constructor(file: string, shortestMs = 10, longestMs = 320) {
		this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, shortestMs, longestMs, driver: require.resolve('better-sqlite3') } });
		this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
		// A failing checkpointer must not take the service down: the writer's own automatic checkpoint still runs.
		this.worker.on('error', () => undefined);
		this.worker.unref();
	}

	/**
	 * Lets a checkpoint in progress finish and closes the worker's connection (the writer's close then checkpoints the
	 * rest). Safe to call again, or after the worker died.
	 */
	async stop(): Promise<void> {
		this.worker.postMessage('stop');
		await this.exited;
	}
}

/** The checkpointer's next wait: the shortest while the WAL grows, doubling up to the longest while it stands still. */
export function nextCheckpointDelay(previousMs: number, walGrew: boolean, shortestMs: number, longestMs: number): number {
	return walGrew ? shortestMs : Math.min(longestMs, previousMs * 2);
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const nextCheckpointDelay = ${nextCheckpointDelay.toString()};
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
let delay = workerData.shortestMs;
let lastFrames = -1;
let timer;
const round = () => {
	let grew = false;
	try {
		// [{ busy, log, checkpointed }]: log is the WAL's frame count, which changes whenever the writer commits.
		const [result] = db.pragma('wal_checkpoint(PASSIVE)');
		grew = result.log !== lastFrames;
		lastFrames = result.log;
	} catch {
		// Busy or locked: the next round tries again soon.
		grew = true;
	}
	delay = nextCheckpointDelay(delay, grew, workerData.shortestMs, workerData.longestMs);
	timer = setTimeout(round, delay);
};
timer = setTimeout(round, delay);
parentPort.once('message', () => {
	clearTimeout(timer);
	db.close();
	parentPort.close();
});
`;
