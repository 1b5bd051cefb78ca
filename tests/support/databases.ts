import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openStorage, type DatabaseSettings, type Storage } from '../../service/src/storage/database';
import { migrateToLatest } from '../../service/src/storage/migrations';

export type TestDialect = 'sqlite' | 'mysql';

/** SQLite always; MariaDB/MySQL too when MYSQL_URL is set (CI sets it and must fail, not skip, if it is unreachable). */
export function testDialects(): TestDialect[] {
	return process.env.MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];
}

export interface TestDatabase {
	settings: DatabaseSettings;
	/** A MYSQL_URL-style URL for child processes, or the SQLite path. */
	location: string;
	drop(): Promise<void>;
}

/** A fresh, empty database per call: a temp SQLite file, or a new MariaDB database on MYSQL_URL's server. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
	if (dialect === 'sqlite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-test-'));
		const file = path.join(dir, 'test.db');
		return { settings: { dialect: 'sqlite', path: file }, location: file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
	}
	const base = new URL(process.env.MYSQL_URL as string);
	const name = `wa_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
	const admin = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
	await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
	await admin.end();
	const url = new URL(base.toString());
	url.pathname = `/${name}`;
	return {
		// The product's default pool (MYSQL_POOL_SIZE): a smaller one starves sooner than any deployment would.
		settings: { dialect: 'mysql', url: url.toString(), poolSize: 10 },
		location: url.toString(),
		async drop() {
			const connection = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
			await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
			await connection.end();
		},
	};
}

/**
 * A fresh, migrated database for one describe block, opened before its tests and dropped after them. Read
 * `storage` inside tests (it is set once beforeAll has run).
 */
export function migratedStorage(dialect: TestDialect): { readonly storage: Storage } {
	let database: TestDatabase | undefined;
	let storage: Storage | undefined;
	beforeAll(async () => {
		database = await createTestDatabase(dialect);
		storage = openStorage(database.settings);
		await migrateToLatest(storage.db as never, storage.dialect);
	});
	afterAll(async () => {
		await storage?.close();
		await database?.drop();
	});
	return {
		get storage(): Storage {
			if (!storage) throw new Error('migratedStorage: read storage inside a test, after beforeAll');
			return storage;
		},
	};
}
