import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { openStorage, withStatementCache } from '../../../service/src/storage/database';
import { DurableSqliteDialect, withoutFlush } from '../../../service/src/storage/sqliteDriver';
import { WalFlusher } from '../../../service/src/storage/walFlusher';

interface Table {
	notes: { id: number; text: string };
}

/** A disk flush the test finishes by hand, so it can look at what has resolved in between. */
class ManualSync {
	calls: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
	readonly sync = () => new Promise<void>((resolve, reject) => this.calls.push({ resolve, reject }));
	async started(count: number): Promise<void> {
		for (let i = 0; i < 200 && this.calls.length < count; i++) await new Promise((resolve) => setImmediate(resolve));
		expect(this.calls.length).toBe(count);
	}
}

const settled = async (promise: Promise<unknown>) => {
	let done = false;
	void promise.then(
		() => (done = true),
		() => (done = true),
	);
	for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
	return done;
};

describe('durable SQLite commits with the fsync off the main thread', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-durable-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	const open = (sync: ManualSync) => {
		const file = path.join(dir, 'notes.db');
		const database = new SqliteDatabase(file);
		database.pragma('journal_mode = WAL');
		database.pragma('synchronous = NORMAL');
		database.exec('create table notes (id integer primary key, text text not null)');
		const db = new Kysely<Table>({ dialect: new DurableSqliteDialect(withStatementCache(database), new WalFlusher(`${file}-wal`, sync.sync)) });
		const reader = new SqliteDatabase(file, { readonly: true });
		const stored = () => (reader.prepare('select id from notes order by id').all() as Array<{ id: number }>).map((row) => row.id);
		return { db, stored, close: () => (reader.close(), db.destroy()) };
	};

	/** Runs `work` on a fresh notes database whose flushes the test finishes by hand; whatever is still pending is released at the end. */
	const withNotes = async (work: (notes: ReturnType<typeof open> & { sync: ManualSync }) => Promise<void>) => {
		const sync = new ManualSync();
		const notes = open(sync);
		try {
			await work({ ...notes, sync });
		} finally {
			for (const call of sync.calls) call.resolve();
			await notes.close();
		}
	};

	test('a transaction resolves only after a flush that began after its COMMIT, and the next transaction runs meanwhile', async () => {
		await withNotes(async ({ db, stored, sync }) => {
			const first = db.transaction().execute((tx) => tx.insertInto('notes').values({ id: 1, text: 'a' }).execute());
			await sync.started(1);
			// Committed (another connection sees it), not yet flushed: not acknowledged.
			expect(stored()).toEqual([1]);
			expect(await settled(first)).toBe(false);

			// The connection is free: a second transaction writes and commits while the first one's flush runs...
			const second = db.transaction().execute((tx) => tx.insertInto('notes').values({ id: 2, text: 'b' }).execute());
			for (let i = 0; i < 50 && stored().length < 2; i++) await new Promise((resolve) => setImmediate(resolve));
			expect(stored()).toEqual([1, 2]);
			// ...but that flush may have started before its commit: it waits for the next one, which starts only then.
			expect(sync.calls.length).toBe(1);
			sync.calls[0]?.resolve();
			expect(await settled(first)).toBe(true);
			expect(await settled(second)).toBe(false);
			await sync.started(2);
			sync.calls[1]?.resolve();
			await second;
		});
	});

	test('a write outside a transaction waits for its flush too; a read does not flush', async () => {
		await withNotes(async ({ db, sync }) => {
			const write = db.insertInto('notes').values({ id: 1, text: 'a' }).execute();
			await sync.started(1);
			expect(await settled(write)).toBe(false);
			sync.calls[0]?.resolve();
			await write;
			expect(await db.selectFrom('notes').select('id').execute()).toEqual([{ id: 1 }]);
			expect(sync.calls.length).toBe(1);
		});
	});

	test('a failed flush fails its transaction and rolls back nobody else (the connection may already be the next one’s)', async () => {
		await withNotes(async ({ db, stored, sync }) => {
			const first = db.transaction().execute((tx) => tx.insertInto('notes').values({ id: 1, text: 'a' }).execute());
			await sync.started(1);
			let release!: () => void;
			const holding = new Promise<void>((resolve) => (release = resolve));
			// The second transaction is open on the connection when the first one's flush fails.
			const second = db.transaction().execute(async (tx) => {
				await tx.insertInto('notes').values({ id: 2, text: 'b' }).execute();
				await holding;
				await tx.insertInto('notes').values({ id: 3, text: 'c' }).execute();
			});
			for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
			sync.calls[0]?.reject(new Error('EIO: disk gone'));
			await expect(first).rejects.toThrow('EIO: disk gone');
			release();
			await sync.started(2);
			sync.calls[1]?.resolve();
			await second;
			expect(stored()).toEqual([1, 2, 3]);
		});
	});

	test('bookkeeping commits (withoutFlush) resolve without waiting for a flush; the next durable commit covers them', async () => {
		await withNotes(async ({ db, stored, sync }) => {
			await withoutFlush(() => db.transaction().execute((tx) => tx.insertInto('notes').values({ id: 1, text: 'a' }).execute()));
			await withoutFlush(() => db.insertInto('notes').values({ id: 2, text: 'b' }).execute());
			expect(stored()).toEqual([1, 2]);
			expect(sync.calls.length).toBe(0);
			const durable = db.transaction().execute((tx) => tx.insertInto('notes').values({ id: 3, text: 'c' }).execute());
			await sync.started(1);
			sync.calls[0]?.resolve();
			await durable;
		});
	});

	test('holding the connection past a COMMIT (db.connection()) is refused, not silently written into the next transaction', async () => {
		await withNotes(async ({ db, stored, sync }) => {
			const misuse = db.connection().execute(async (connection) => {
				await connection.transaction().execute((tx) => tx.insertInto('notes').values({ id: 1, text: 'a' }).execute());
				await connection.insertInto('notes').values({ id: 2, text: 'b' }).execute();
			});
			await sync.started(1);
			sync.calls[0]?.resolve();
			await expect(misuse).rejects.toThrow('used after its transaction committed');
			expect(stored()).toEqual([1]);
		});
	});

	test('a flush covers what was committed before it: callers it already covers share it, later commits share one next flush', async () => {
		const sync = new ManualSync();
		const flusher = new WalFlusher('unused', sync.sync);
		await flusher.flush();
		expect(sync.calls.length).toBe(0);
		flusher.noteCommit();
		const first = flusher.flush();
		const coveredToo = flusher.flush();
		flusher.noteCommit();
		const later = [flusher.flush(), flusher.flush(), flusher.flush()];
		await sync.started(1);
		sync.calls[0]?.resolve();
		await Promise.all([first, coveredToo]);
		expect(await settled(Promise.all(later))).toBe(false);
		await sync.started(2);
		sync.calls[1]?.resolve();
		await Promise.all(later);
		await flusher.flush();
		expect(sync.calls.length).toBe(2);
	});

	test('the service’s SQLite storage fdatasyncs the WAL file before a commit resolves', async () => {
		const storage = openStorage({ dialect: 'sqlite', path: path.join(dir, 'service.db') });
		const synced: string[] = [];
		const spy = jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
			synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
			setTimeout(() => callback(null), 50);
		}) as typeof fs.fdatasync);
		try {
			expect((await sql.raw('pragma synchronous').execute(storage.db)).rows).toEqual([{ synchronous: 1 }]);
			await sql.raw('create table notes (id integer primary key)').execute(storage.db);
			const before = synced.length;
			const started = Date.now();
			await storage.db.transaction().execute((tx) => sql.raw('insert into notes (id) values (1)').execute(tx));
			expect(synced.length).toBe(before + 1);
			expect(synced.at(-1)).toBe(path.join(fs.realpathSync(dir), 'service.db-wal'));
			expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		} finally {
			spy.mockRestore();
			await storage.close();
		}
	});
});
