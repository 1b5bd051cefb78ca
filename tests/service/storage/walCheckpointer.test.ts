import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openStorage } from '../../../service/src/storage/database';
import { checkpointRound, nextCheckpointDelay, type CheckpointRoundParts } from '../../../service/src/storage/walCheckpointer';
import { migrateToLatest } from '../../../service/src/storage/migrations';
import { createTestDatabase } from '../../support/databases';

describe('SQLite WAL checkpoints', () => {
	test('with background checkpoints, committed pages reach the database file without the writer checkpointing', async () => {
		const database = await createTestDatabase('sqlite');
		const file = (database.settings as { path: string }).path;
		const storage = openStorage(database.settings, { backgroundCheckpoints: true });
		try {
			await migrateToLatest(storage.db as never, storage.dialect);
			// The writer's own threshold is far above what this writes, so only the worker can move these pages.
			expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storage.db)).rows[0]?.wal_autocheckpoint).toBeGreaterThan(1000);
			const before = fs.statSync(file).size;
			const now = new Date().toISOString();
			for (let batch = 0; batch < 5; batch++) {
				await storage.db.transaction().execute(async (tx) => {
					await tx.insertInto('system_settings').values(Array.from({ length: 50 }, (_, n) => ({ key: `k${batch}-${n}`, value: 'x'.repeat(2000), updated_at: now }))).execute();
				});
			}
			const deadline = Date.now() + 5000;
			while (fs.statSync(file).size < before + 400_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
			expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before + 400_000);
		} finally {
			await storage.close();
			await database.drop();
		}
	});

	test('the checkpointer comes back at once while the WAL grows, and backs off to the longest wait while it stands still', () => {
		let delay = 10;
		const idle: number[] = [];
		for (let round = 0; round < 7; round++) idle.push((delay = nextCheckpointDelay(delay, false, 10, 320)));
		expect(idle).toEqual([20, 40, 80, 160, 320, 320, 320]);
		expect(nextCheckpointDelay(320, true, 10, 320)).toBe(10);
	});

	test('without them (short-lived tools), SQLite keeps its own default threshold', async () => {
		const database = await createTestDatabase('sqlite');
		const storage = openStorage(database.settings);
		try {
			expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storage.db)).rows[0]?.wal_autocheckpoint).toBe(1000);
		} finally {
			await storage.close();
			await database.drop();
		}
	});

	test('closing twice is harmless (a test cuts a replica off, then stops it)', async () => {
		const database = await createTestDatabase('sqlite');
		const storage = openStorage(database.settings, { backgroundCheckpoints: true });
		await storage.ping();
		await storage.close();
		await expect(Promise.race([storage.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('hung'), 2000))])).resolves.toBe('closed');
		await database.drop();
	});

	describe('a round, against real SQLite connections', () => {
		let dir: string;
		let file: string;
		let writer: Database.Database;
		let copier: Database.Database;
		let reader: Database.Database;
		let insert: Database.Statement;
		let calls: string[];
		let parts: CheckpointRoundParts;
		/** The WAL header's checkpoint sequence number: it goes up each time a writer starts the WAL over. */
		const walStarts = () => {
			const header = Buffer.alloc(16);
			const fd = fs.openSync(`${file}-wal`, 'r');
			fs.readSync(fd, header, 0, 16, 0);
			fs.closeSync(fd);
			return header.readUInt32BE(12);
		};

		beforeEach(() => {
			dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-ckpt-'));
			file = path.join(dir, 'round.db');
			writer = new Database(file);
			writer.pragma('journal_mode = WAL');
			// Only the rounds checkpoint here.
			writer.pragma('wal_autocheckpoint = 0');
			writer.exec('create table t (x text)');
			insert = writer.prepare('insert into t values (?)');
			copier = new Database(file);
			copier.pragma('synchronous = OFF');
			reader = new Database(file);
			const snapshot = reader.prepare('select count(*) from sqlite_schema');
			calls = [];
			parts = {
				pin: () => {
					calls.push('pin');
					reader.exec('begin');
					snapshot.get();
					return () => {
						calls.push('unpin');
						reader.exec('commit');
					};
				},
				checkpoint: () => {
					calls.push('checkpoint');
					return (copier.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>)[0] as { busy: number; log: number; checkpointed: number };
				},
				syncWal: () => calls.push('syncWal'),
				syncDatabase: () => calls.push('syncDatabase'),
			};
		});
		afterEach(() => {
			for (const connection of [reader, copier, writer]) connection.close();
			fs.rmSync(dir, { recursive: true, force: true });
		});

		test('the WAL is synced before the copy, and the database file after a copy that completes the WAL', () => {
			for (let n = 0; n < 20; n++) insert.run('x'.repeat(500));
			const result = checkpointRound(parts);
			expect(result.checkpointed).toBe(result.log);
			expect(calls).toEqual(['pin', 'syncWal', 'checkpoint', 'syncDatabase', 'unpin']);
		});

		test('a partial copy (a reader holds an older snapshot) syncs what it copied; a round that copied nothing syncs nothing', () => {
			insert.run('before');
			const old = new Database(file);
			old.exec('begin');
			old.prepare('select count(*) from t').get();
			insert.run('after');
			const partial = checkpointRound(parts);
			expect(partial.checkpointed).toBeGreaterThan(0);
			expect(partial.checkpointed).toBeLessThan(partial.log);
			expect(calls).toEqual(['pin', 'syncWal', 'checkpoint', 'syncDatabase', 'unpin']);
			// The old reader still holds the rest back: nothing more to copy, nothing to sync.
			calls = [];
			expect(checkpointRound(parts, partial)).toMatchObject({ checkpointed: partial.checkpointed });
			expect(calls).toEqual(['pin', 'syncWal', 'checkpoint', 'unpin']);
			old.exec('commit');
			old.close();
			calls = [];
			expect(checkpointRound(parts, partial).checkpointed).toBe(partial.log);
			expect(calls).toContain('syncDatabase');
		});

		test('frames committed after the pin are not copied: the WAL sync that preceded the copy may not cover them', () => {
			insert.run('seen by the pin');
			const syncWal = parts.syncWal;
			parts.syncWal = () => {
				syncWal();
				// Committed after the pin took its snapshot, before the copy.
				insert.run('after the pin');
			};
			const result = checkpointRound(parts);
			expect(result.checkpointed).toBeLessThan(result.log);
		});

		test('no writer starts the WAL over before the database file is synced, and one does once the round is over', () => {
			for (let n = 0; n < 5; n++) insert.run('first');
			const before = walStarts();
			let duringSync = -1;
			parts.syncDatabase = () => {
				calls.push('syncDatabase');
				// Everything is copied, but the pin still reads: this commit appends instead of starting the WAL over.
				insert.run('while syncing');
				duringSync = walStarts();
			};
			checkpointRound(parts);
			expect(calls).toContain('syncDatabase');
			expect(duringSync).toBe(before);
			// The next round copies that commit too; with the pin gone, the next write starts the WAL over.
			parts.syncDatabase = () => calls.push('syncDatabase');
			expect(checkpointRound(parts)).toMatchObject({ busy: 0 });
			insert.run('after the round');
			expect(walStarts()).toBe(before + 1);
		});
	});
});
