import fs from 'node:fs';
import { sql } from 'kysely';
import { openStorage } from '../../../service/src/storage/database';
import { nextCheckpointDelay } from '../../../service/src/storage/walCheckpointer';
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
});
