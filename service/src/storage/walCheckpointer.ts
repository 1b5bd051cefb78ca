import { Worker } from 'node:worker_threads';

/**
 * Copies the SQLite WAL into the database file from a worker thread, with connections of its own.
 *
 * better-sqlite3 runs on the main thread, and SQLite's automatic checkpoint runs inside the commit that crosses the
 * threshold: that commit also copies ~1,000 pages and syncs the WAL and the database file, stalling every request for
 * ~10 ms (36 of 1,100 commits in an 8 s webhook run, 4.5% of the main thread). Here a PASSIVE checkpoint (it never
 * blocks writers and waits for nobody) runs every `intervalMs` off the main thread. The main connection keeps a larger
 * automatic threshold as a backstop: under constant writes a background checkpoint rarely catches the very last
 * frame, and only a checkpoint by the writer lets the WAL start over; by then nearly everything is already copied, so
 * that one is cheap.
 *
 * Small and often beats large and rare: the checkpoint's flushes delay the writer's flush of the WAL on the same disk.
 * At 2,800 webhooks/s, every 100 ms left 71 of 9,692 commits over 10 ms (request p99 31-44 ms); every 10 ms, 2 of
 * 9,526 (p99 9-21 ms), at the same throughput. While the WAL stands still the wait doubles up to `longestMs`, so an
 * idle service wakes the worker a few times a second, not a hundred.
 *
 * The round makes its own flushes (see checkpointRound): SQLite as better-sqlite3 builds it syncs with fsync(), which
 * also commits the file's timestamps to the filesystem journal, a hundred times a second here, and every commit's
 * fdatasync of the WAL queued behind them.
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
	 * Lets a checkpoint in progress finish and closes the worker's connections (the writer's close then checkpoints the
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

/** What a checkpoint round works with; the worker passes its connections and files, tests their own. */
export interface CheckpointRoundParts {
	/** Opens a read transaction on a connection of its own; the function returned ends it. */
	pin(): () => void;
	/** `PRAGMA wal_checkpoint(PASSIVE)` on a connection with synchronous = OFF: it copies frames and syncs nothing. */
	checkpoint(): { busy: number; log: number; checkpointed: number };
	/** fdatasync of the WAL file. */
	syncWal(): void;
	/** fdatasync of the database file. */
	syncDatabase(): void;
}

/**
 * One checkpoint round, with SQLite's two rules of a safe checkpoint kept by hand (with fdatasync, where SQLite would
 * fsync). `previous` is the last round's result:
 *
 * - Frames are copied into the database file only once they are on disk in the WAL: a page of a transaction the WAL
 *   lost in a power cut must not survive in the database file. A read transaction (the pin) opened first holds the
 *   checkpoint to the frames committed before it: one in the WAL's middle bounds what may be copied, one reading the
 *   database file alone keeps the copy from starting. So the WAL is synced after the pin and before the copy.
 * - The WAL starts over (its frames overwritten) only once every frame is copied. When this round copied the last
 *   one, the database file is synced before the pin ends: while the pin reads, no writer can start the WAL over.
 *
 * SQLite leaves partial copies unsynced (the copy that completes the WAL syncs the file for all). Here every round that
 * copied something syncs what it copied: many small flushes instead of one large one, which every commit's flush of
 * the WAL would wait behind (at 4,500 webhooks/s paced, syncing only on completion gave a request p99 of 11-20 ms,
 * syncing every copy 8-16 ms).
 */
export function checkpointRound(parts: CheckpointRoundParts, previous?: { log: number; checkpointed: number }): { log: number; checkpointed: number } {
	const unpin = parts.pin();
	try {
		parts.syncWal();
		const result = parts.checkpoint();
		const completed = result.log > 0 && result.checkpointed === result.log;
		const copied = result.checkpointed > 0 && result.checkpointed !== previous?.checkpointed;
		if (completed || copied) parts.syncDatabase();
		return result;
	} finally {
		unpin();
	}
}

const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const nextCheckpointDelay = ${nextCheckpointDelay.toString()};
const checkpointRound = ${checkpointRound.toString()};
const copier = new Database(workerData.file, { fileMustExist: true });
const reader = new Database(workerData.file, { fileMustExist: true });
const snapshot = reader.prepare('select count(*) from sqlite_schema');
const walFd = fs.openSync(workerData.file + '-wal', 'r');
const databaseFd = fs.openSync(workerData.file, 'r');
const parts = {
	pin() {
		// A read left open by a failed round would hold the WAL back for good.
		if (reader.inTransaction) reader.exec('rollback');
		reader.exec('begin');
		try {
			snapshot.get();
		} catch (error) {
			reader.exec('rollback');
			throw error;
		}
		return () => reader.exec('commit');
	},
	checkpoint() {
		// OFF for the round's copy only: should this connection ever close last, SQLite's checkpoint on close must sync.
		copier.pragma('synchronous = OFF');
		try {
			return copier.pragma('wal_checkpoint(PASSIVE)')[0];
		} finally {
			copier.pragma('synchronous = FULL');
		}
	},
	syncWal: () => fs.fdatasyncSync(walFd),
	syncDatabase: () => fs.fdatasyncSync(databaseFd),
};
let delay = workerData.shortestMs;
let last;
let timer;
const round = () => {
	let grew = false;
	try {
		// log is the WAL's frame count, which changes whenever the writer commits.
		const result = checkpointRound(parts, last);
		grew = result.log !== last?.log;
		last = result;
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
	copier.close();
	reader.close();
	fs.closeSync(walFd);
	fs.closeSync(databaseFd);
	parentPort.close();
});
`;
