import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../../service/src/storage/database';

describe('the SQLite connection settings', () => {
	let dir: string;
	let storage: Storage;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-sqlite-settings-'));
		storage = openStorage({ dialect: 'sqlite', path: path.join(dir, 'service.db') });
	});
	afterAll(async () => {
		await storage.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(storage.db)).rows[0] as Record<string, unknown>;

	test('an acknowledged write survives a crash: WAL, synced at checkpoints by SQLite and at commits by the WalFlusher (durableCommits.test)', async () => {
		expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
		expect(await pragma('synchronous')).toEqual({ synchronous: 1 });
	});

	test('foreign keys are enforced, so deleting a tenant cascades to its rows', async () => {
		expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
	});

	test('statement journals stay in memory: a multi-row write never spills to a temp file (2 = MEMORY)', async () => {
		expect(await pragma('temp_store')).toEqual({ temp_store: 2 });
	});
});
