import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, SelectQueryNode, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult, type SqliteDatabase } from 'kysely';
import type { SharedWriteLock } from './sharedWriteLock';
import type { WalFlusher } from './walFlusher';

/**
 * Kysely's SQLite dialect with commits made durable by a WalFlusher (the connection runs synchronous = NORMAL: COMMIT
 * writes the WAL, the flusher fsyncs it off the main thread). A transaction's promise still resolves only once its
 * commit is on disk, and a write outside a transaction too, so callers keep "resolved = durable" as with FULL.
 *
 * The one connection is free for the next transaction as soon as COMMIT returns, while the previous one waits for its
 * fsync: the next batch of webhooks is written meanwhile and its fsync covers both.
 */
export class DurableSqliteDialect extends SqliteDialect {
	constructor(
		private readonly database: SqliteDatabase,
		private readonly flusher: WalFlusher,
		private readonly writeLock?: SharedWriteLock,
	) {
		super({ database });
	}

	override createDriver(): Driver {
		return new DurableSqliteDriver(new SqliteConnection(this.database, this.flusher), this.flusher, this.writeLock);
	}
}

const unflushed = new AsyncLocalStorage<true>();

/**
 * Runs `work` with its SQLite commits resolving before their fsync: for writes whose loss in a power cut costs only a
 * repeat (delivery bookkeeping). They still reach the disk with the next flush or checkpoint, the WAL being in order.
 */
export function withoutFlush<T>(work: () => Promise<T>): Promise<T> {
	return unflushed.run(true, work);
}

/** One acquisition of the single connection: released once, either early (after COMMIT) or by Kysely. */
class Lease implements DatabaseConnection {
	released = false;

	constructor(
		readonly connection: SqliteConnection,
		private readonly unlock: () => void,
	) {}

	release(): void {
		if (this.released) return;
		this.released = true;
		this.unlock();
	}

	executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		this.assertHeld();
		return this.connection.executeQuery<R>(query);
	}

	streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		this.assertHeld();
		return this.connection.streamQuery<R>(query);
	}

	/** A transaction gives the connection up at COMMIT: code holding it beyond (db.connection()) would write into the next one. */
	private assertHeld(): void {
		if (this.released) throw new Error('SQLite connection used after its transaction committed: run transactions with db.transaction(), not inside db.connection()');
	}
}

class DurableSqliteDriver implements Driver {
	/** Resolves when the connection is free; each acquirer chains on the previous one. */
	private lock: Promise<void> = Promise.resolve();

	/** `writeLock`: when another thread writes the same file too, holding the connection means holding the write turn. */
	constructor(
		private readonly connection: SqliteConnection,
		private readonly flusher: WalFlusher,
		private readonly writeLock?: SharedWriteLock,
	) {}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		const previous = this.lock;
		let unlock!: () => void;
		this.lock = new Promise<void>((resolve) => (unlock = resolve));
		await previous;
		const writeLock = this.writeLock;
		if (!writeLock) return new Lease(this.connection, unlock);
		try {
			await writeLock.acquire();
		} catch (error) {
			unlock();
			throw error;
		}
		return new Lease(this.connection, () => {
			writeLock.release();
			unlock();
		});
	}

	async beginTransaction(lease: DatabaseConnection): Promise<void> {
		this.connection.inTransaction = true;
		try {
			await lease.executeQuery(CompiledQuery.raw('begin'));
		} catch (error) {
			this.connection.inTransaction = false;
			throw error;
		}
	}

	async commitTransaction(lease: DatabaseConnection): Promise<void> {
		await lease.executeQuery(CompiledQuery.raw('commit'));
		this.connection.inTransaction = false;
		this.flusher.noteCommit();
		// The connection may serve the next transaction while this one's commit reaches the disk.
		await this.releaseConnection(lease);
		if (!unflushed.getStore()) await this.flusher.flush();
	}

	async rollbackTransaction(lease: DatabaseConnection): Promise<void> {
		// Committed and released, then the flush failed: the connection may be another transaction's by now.
		if ((lease as Lease).released) return;
		try {
			await lease.executeQuery(CompiledQuery.raw('rollback'));
		} finally {
			this.connection.inTransaction = false;
		}
	}

	async releaseConnection(lease: DatabaseConnection): Promise<void> {
		(lease as Lease).release();
	}

	async destroy(): Promise<void> {
		await this.flusher.close();
		this.connection.close();
	}
}

/** The better-sqlite3 connection (statements run synchronously); a write outside a transaction resolves once flushed. */
class SqliteConnection {
	inTransaction = false;

	constructor(
		private readonly database: SqliteDatabase,
		private readonly flusher: WalFlusher,
	) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const statement = this.database.prepare(query.sql);
		if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
		const { changes, lastInsertRowid } = statement.run(query.parameters);
		// Outside a transaction every write commits by itself (DDL included, which reports no changes).
		if (!this.inTransaction) {
			this.flusher.noteCommit();
			if (!unflushed.getStore()) await this.flusher.flush();
		}
		return {
			numAffectedRows: changes === undefined || changes === null ? undefined : BigInt(changes),
			insertId: lastInsertRowid === undefined || lastInsertRowid === null ? undefined : BigInt(lastInsertRowid),
			rows: [],
		};
	}

	async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams select queries only');
		for (const row of this.database.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
	}

	close(): void {
		this.database.close();
	}
}
