import { CompiledQuery, sql, type Insertable, type QueryResult, type RawBuilder, type SqlBool } from 'kysely';
import { sendAsPrepared } from '../storage/binaryStatements';
import type { Dialect } from '../storage/database';
import { withoutFlush } from '../storage/sqliteDriver';
import type { Database } from '../storage/schema';

/**
 * Small dialect bridges for the batched write paths. Multi-row statements keep a batch of hundreds of items at a
 * dozen statements, which is what lets one transaction (one fsync) carry many webhooks.
 */

/** Rows per multi-row statement: far below SQLite's and MySQL's placeholder limits for our widest rows. */
export const ROWS_PER_STATEMENT = 400;

export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/**
 * `chunks` for multi-row writes, whose SQL text depends on their row count. Both databases keep prepared statements
 * by text, and one text per batch size defeats that:
 * - SQLite (see withStatementCache): preparing a multi-row statement costs more than running it (about 8 µs per row
 *   against 5); a closed-loop intake had prepared afresh one statement in six after about 15 s.
 * - MySQL (see binaryStatements): inserts of PREPARED_FROM_ROWS rows and more are prepared per connection, and each
 *   connection keeps PREPARED_PER_CONNECTION of them. Batch sizes of three tables overflowed that: a third of the
 *   executes needed a PREPARE (a round trip, and a CLOSE for the one evicted). Split, MariaDB sent 20 bytes per
 *   webhook instead of 290, and the service's CPU per webhook fell from 149-153 µs to 142-144 (closed loop).
 * So the rows past the full chunks go in power-of-two pieces: a statement has at most log2(size) + 2 texts, all
 * prepared within seconds. On MySQL a last piece under PREPARED_FROM_ROWS stays whole: it goes as text anyway.
 */
export function writeChunks<T>(dialect: Dialect, items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
	const out: T[][] = [];
	let start = 0;
	while (start < items.length) {
		const left = items.length - start;
		const piece = left >= size ? size : dialect === 'mysql' && left < PREPARED_FROM_ROWS ? left : 2 ** Math.floor(Math.log2(left));
		out.push(items.slice(start, start + piece));
		start += piece;
	}
	return out;
}

/**
 * `(a, b, …) IN ((…), (…))`: rows matched on several columns at once. Separate IN lists per column would make the
 * index probe every combination (20 senders x 20 peers = 400 probes for a batch of 20 sends); a row-value list probes
 * each row once. SQLite wants the rows as a VALUES subquery; MySQL and MariaDB take the list as it is.
 */
export function rowsIn(dialect: Dialect, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): RawBuilder<SqlBool> {
	const tuples = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
	const left = sql`(${sql.join(columns.map((column) => sql.ref(column)))})`;
	return dialect === 'sqlite' ? sql<SqlBool>`${left} in (values ${tuples})` : sql<SqlBool>`${left} in (${tuples})`;
}

const insertTexts = new Map<string, string>();

/**
 * On MySQL, inserts of this many rows and more go as prepared statements (see binaryStatements): that is where
 * lexing the values costs the server most. Smaller ones, the lone webhook of a quiet moment, stay text and travel
 * with the next statement (pipelining), a round trip less where latency is what counts.
 */
export const PREPARED_FROM_ROWS = 8;

/**
 * A multi-row INSERT for the hot write paths, built straight to SQL text and parameters. Kysely's builder makes and
 * freezes a node per value and then walks them all: about 90 µs for a 34-row message insert, against 8 µs here. The
 * text depends only on table, columns and row count, so it is built once per shape (and SQLite's statement cache then
 * finds the prepared statement by it). Table and column names come from the typed schema, never from input; values
 * are bound parameters. Every row must give every column a value, null included (no implicit defaults), or this throws.
 * With ignoreDuplicates, a row whose unique key exists is skipped: MySQL's INSERT IGNORE, SQLite's ON CONFLICT DO NOTHING.
 */
export function insertRows<T extends keyof Database & string>(dialect: Dialect, table: T, rows: ReadonlyArray<Insertable<Database[T]>>, options: { ignoreDuplicates?: boolean } = {}): CompiledQuery {
	const first = rows[0];
	if (!first) throw new Error(`insertRows(${table}): no rows`);
	const columns = Object.keys(first);
	const parameters: unknown[] = [];
	for (const row of rows) {
		const values = row as Record<string, unknown>;
		if (Object.keys(values).length !== columns.length) throw new Error(`insertRows(${table}): every row must name the same columns`);
		for (const column of columns) {
			const value = values[column];
			// undefined would bind as NULL on MySQL and fail on SQLite: refuse it the same way on both.
			if (value === undefined) throw new Error(`insertRows(${table}): a row lacks column ${column}`);
			parameters.push(value);
		}
	}
	const ignore = options.ignoreDuplicates === true;
	const key = [dialect, table, ignore ? 'ignore' : '', rows.length, ...columns].join('\u0000');
	let text = insertTexts.get(key);
	if (text === undefined) {
		const quote = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
		const tuple = `(${columns.map(() => '?').join(', ')})`;
		const head = dialect === 'mysql' && ignore ? 'insert ignore into' : 'insert into';
		const tail = dialect === 'sqlite' && ignore ? ' on conflict do nothing' : '';
		text = `${head} ${quote(table)} (${columns.map(quote).join(', ')}) values ${new Array<string>(rows.length).fill(tuple).join(', ')}${tail}`;
		// Shapes are few (tables x batch sizes up to the chunk size); the bound only guards against a caller gone wrong.
		if (insertTexts.size >= 5000) insertTexts.clear();
		insertTexts.set(key, text);
	}
	// Every time, not only when built: the registry is bounded separately (the same string, so a cheap set lookup).
	if (dialect === 'mysql' && rows.length >= PREPARED_FROM_ROWS) sendAsPrepared(text);
	return CompiledQuery.raw(text, parameters);
}

/** Rows an insertRows statement inserted (duplicates skipped by ignoreDuplicates are not counted). */
export function affectedRows(result: QueryResult<unknown>): number {
	return Number(result.numAffectedRows ?? 0n);
}


/** A unique key refused a row (MySQL's ER_DUP_ENTRY, SQLite's SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY). */
export function isDuplicateKey(error: unknown): boolean {
	const { code, errno } = error as { code?: string; errno?: number };
	return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** MySQL reports a deadlock or lock timeout when replicas write the same rows; the transaction is safe to run again. */
export function isRetryableTransactionError(error: unknown): boolean {
	const code = (error as { code?: string; errno?: number }).code;
	const errno = (error as { errno?: number }).errno;
	return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213 || errno === 1205 || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export { sql };

/** Runs work in a transaction, again if MySQL reports a deadlock between replicas (nothing was committed then). */
export async function transactionWithRetry<T>(db: import('kysely').Kysely<Database>, work: (tx: import('kysely').Transaction<Database>) => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.transaction().execute(work);
		} catch (error) {
			if (attempt >= 5 || !isRetryableTransactionError(error)) throw error;
			await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
		}
	}
}

/**
 * A transaction for delivery bookkeeping (claims, outcomes), whose loss in a crash costs at most a repeated
 * delivery under the same event id. On SQLite it resolves without waiting for its fsync (the next durable commit,
 * or a checkpoint, makes it durable too, since the WAL is written in order), which keeps fsyncs for what must
 * survive: acknowledged webhooks. MySQL commits as usual.
 */
export async function bookkeepingTransaction<T>(db: import('kysely').Kysely<Database>, dialect: Dialect, work: (tx: import('kysely').Transaction<Database>) => Promise<T>): Promise<T> {
	if (dialect !== 'sqlite') return transactionWithRetry(db, work);
	return withoutFlush(() => transactionWithRetry(db, work));
}
