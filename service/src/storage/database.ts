import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, sql, type SqliteDatabase as KyselySqliteDatabase, type Transaction } from 'kysely';
import { createPool } from 'mysql2';
import type { Database } from './schema';
import { PipeliningMysqlDialect } from './pipelining';
import { PREPARED_PER_CONNECTION, preparedInsertsOn } from './binaryStatements';
import { SharedWriteLock } from './sharedWriteLock';
import { DurableSqliteDialect } from './sqliteDriver';
import { WalCheckpointer } from './walCheckpointer';
import { WalFlusher } from './walFlusher';

export type Dialect = 'sqlite' | 'mysql';

export type DatabaseSettings =
	| { readonly dialect: 'sqlite'; readonly path: string }
	/** pipelining: see PipeliningMysqlDialect (on unless turned off). */
	| { readonly dialect: 'mysql'; readonly url: string; readonly poolSize: number; readonly pipelining?: boolean };

/** Either the whole database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Storage {
	readonly db: Kysely<Database>;
	readonly dialect: Dialect;
	/** A SQLite file: what another thread needs to write it too (see SharedWriteLock). */
	readonly sqliteFile?: { readonly path: string; readonly writeLock: SharedArrayBuffer };
	ping(): Promise<void>;
	close(): Promise<void>;
}

/**
 * Opens the database. SQLite runs in WAL mode, each commit fsynced before it resolves (see DurableSqliteDialect), so
 * an acknowledged write survives a crash or a power cut; MySQL uses a pool with UTC session time and utf8mb4.
 */
export function openStorage(settings: DatabaseSettings, options: { backgroundCheckpoints?: boolean; joinWriteLock?: SharedArrayBuffer } = {}): Storage {
	if (settings.dialect === 'mysql') {
		const db = new Kysely<Database>({ dialect: mysqlDialect(settings.url, settings.poolSize, settings.pipelining ?? true) });
		return storageOver(db, 'mysql');
	}
	if (settings.path === ':memory:') return storageOver(new Kysely<Database>({ dialect: sqliteDialect(settings.path, { backstopCheckpoints: false }) }), 'sqlite');
	// joinWriteLock: this is the second writer of a file the main thread has open (the webhook intake's thread).
	const writeLock = options.joinWriteLock ? new SharedWriteLock(options.joinWriteLock, 'intake') : new SharedWriteLock(SharedWriteLock.newBuffer(), 'main');
	const background = options.backgroundCheckpoints === true;
	const db = new Kysely<Database>({ dialect: sqliteDialect(settings.path, { backstopCheckpoints: background || options.joinWriteLock !== undefined, writeLock }) });
	// After the writer opened the file (and made it WAL): the checkpointer's connections and its WAL descriptor expect both.
	const checkpointer = background && !options.joinWriteLock ? new WalCheckpointer(settings.path) : undefined;
	return storageOver(db, 'sqlite', { path: settings.path, writeLock: writeLock.buffer }, () => checkpointer?.stop());
}

function storageOver(db: Kysely<Database>, dialect: Dialect, sqliteFile?: Storage['sqliteFile'], beforeClose?: () => Promise<void> | undefined): Storage {
	return {
		db,
		dialect,
		sqliteFile,
		async ping() {
			await sql`select 1`.execute(db);
		},
		async close() {
			await beforeClose?.();
			await db.destroy();
		},
	};
}

/**
 * WAL pages after which the writer checkpoints itself (SQLite's default is 1,000). With a background checkpointer
 * this is only the backstop that lets the WAL start over (see WalCheckpointer); by then little is left to copy.
 */
const BACKSTOP_CHECKPOINT_PAGES = 8000;

function sqliteDialect(file: string, options: { backstopCheckpoints: boolean; writeLock?: SharedWriteLock }): SqliteDialect {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const database = new SqliteDatabase(file);
	database.pragma('journal_mode = WAL');
	// Commits write the WAL; the WalFlusher then fsyncs it off the main thread before a commit resolves (NORMAL still
	// fsyncs checkpoints, which keeps the file consistent through a power cut).
	database.pragma(file === ':memory:' ? 'synchronous = FULL' : 'synchronous = NORMAL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	// Multi-row writes inside a transaction keep a statement journal (the pages' prior content, so one failing
	// statement can be undone alone). Past 64 KB SQLite spills it to a temp file: two writes per webhook on a busy
	// intake, about a quarter of its file writes. In memory it is only a copy.
	database.pragma('temp_store = MEMORY');
	if (options.backstopCheckpoints) database.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
	if (file === ':memory:') return new SqliteDialect({ database: withStatementCache(database) });
	return new DurableSqliteDialect(withStatementCache(database), new WalFlusher(`${file}-wal`), options.writeLock);
}

/** Distinct statement texts kept prepared; multi-row inserts and IN lists of every size each count as one. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every statement afresh, and preparing costs more than running most of ours (about
 * a tenth of the CPU of a busy process). The database it is given reuses prepared statements by SQL text, least
 * recently used out first. A statement still being iterated (a streamed select) is busy: that caller gets a fresh one.
 */
export function withStatementCache(database: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
	const cache = new Map<string, SqliteDatabase.Statement>();
	return {
		close: () => database.close(),
		prepare(text: string) {
			const cached = cache.get(text);
			if (cached) {
				if (cached.busy) return database.prepare(text);
				// Map order is insertion order: moving the entry to the end keeps the least recently used first.
				cache.delete(text);
				cache.set(text, cached);
				return cached;
			}
			const statement = database.prepare(text);
			if (cache.size >= size) cache.delete(cache.keys().next().value as string);
			cache.set(text, statement);
			return statement;
		},
	};
}

function mysqlDialect(url: string, poolSize: number, pipelining: boolean): MysqlDialect {
	const pool = preparedInsertsOn(createPool({
		uri: url,
		connectionLimit: poolSize,
		timezone: 'Z',
		charset: 'utf8mb4',
		supportBigNumbers: true,
		dateStrings: true,
		// For PipeliningMysqlDialect: BEGIN and deferred writes travel with the next statement.
		multipleStatements: pipelining,
		maxPreparedStatements: PREPARED_PER_CONNECTION,
	}));
	return pipelining ? new PipeliningMysqlDialect({ pool }) : new MysqlDialect({ pool });
}
