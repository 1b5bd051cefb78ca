import { CompiledQuery, MysqlDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import type { Compilable, RawBuilder } from 'kysely';
import { isSentAsPrepared } from './binaryStatements';
import type { Executor } from './database';

/**
 * Fewer round trips to MySQL inside transactions. Each statement of a transaction costs a round trip, and under load
 * each answer also waits its turn on the busy event loop: a webhook batch made nine of them. Two kinds of statement
 * need no answer before the next one is sent, so they travel with it as one multi-statement query:
 *
 * - BEGIN: sent with the transaction's first statement (COMMIT or ROLLBACK when it had none).
 * - Writes marked with `deferredWrite`, whose result the caller does not read: sent with the next statement or the
 *   COMMIT. Should one fail, that next statement (or the COMMIT) fails with its error, and the transaction is rolled
 *   back as with any failure; a write whose error the caller must catch by itself must not be deferred.
 * - Statements sent with `sendAhead`: held the same way, but their own answer comes back too, with the answer of the
 *   statement that carried them. A read the caller needs only later (the fan-out's subscriptions, the ids of the
 *   deliveries it leased) goes with a statement the transaction sends anyway.
 *
 * Statements keep their order, so locks are taken in the same order as before. Outside a transaction nothing is
 * held back. Every statement is built by Kysely, or by insertRows from schema names, with bound parameters (no SQL is
 * assembled from input), which is what makes the multi-statement connection option safe here.
 */
const deferred = new WeakSet<CompiledQuery>();

/** Where a held statement's own answer goes once the command that carried it is answered. */
interface Later {
	held: boolean;
	sent: boolean;
	resolve(result: QueryResult<unknown>): void;
	reject(error: unknown): void;
}
const laters = new WeakMap<CompiledQuery, Later>();

/** Runs a write whose result is not needed; on MySQL inside a transaction it travels with the next statement. */
export async function deferredWrite(executor: Executor, query: Compilable | RawBuilder<unknown> | CompiledQuery): Promise<void> {
	const compiled = 'compile' in query ? query.compile(executor) : query;
	deferred.add(compiled);
	await executor.executeQuery(compiled);
}

export interface SentAhead {
	/**
	 * The statement's own answer. Still held when asked for, it is sent at once with whatever else waits (carried by
	 * a `select 1`). Rejects if the statement failed or its transaction ended before it was sent.
	 */
	answer(): Promise<QueryResult<unknown>>;
}

/**
 * Runs a statement whose answer is read later: on MySQL inside a transaction it travels with the next statement
 * and its answer arrives with that one's; elsewhere it runs at once. The COMMIT carries whatever is still held, so
 * the answer may also be read once the transaction has committed.
 */
export async function sendAhead(executor: Executor, query: CompiledQuery): Promise<SentAhead> {
	let later!: Later;
	const result = new Promise<QueryResult<unknown>>((resolve, reject) => (later = { held: false, sent: false, resolve, reject }));
	// Read or not, a failure must not surface as an unhandled rejection: the transaction fails anyway.
	result.catch(() => undefined);
	deferred.add(query);
	laters.set(query, later);
	const immediate = await executor.executeQuery(query);
	if (!later.held) {
		laters.delete(query);
		later.resolve(immediate);
	}
	return {
		async answer() {
			if (laters.get(query) === later && !later.sent) await executor.executeQuery(CompiledQuery.raw('select 1'));
			return result;
		},
	};
}

type QueryCompile = Parameters<NonNullable<Driver['savepoint']>>[2];

const NOTHING: QueryResult<never> = { rows: [] };

export class PipeliningConnection implements DatabaseConnection {
	private pending: CompiledQuery[] = [];
	/** BEGIN is held in `pending` until the first statement (or the end) of the transaction. */
	private beganUnsent = false;
	private inTransaction = false;

	constructor(readonly inner: DatabaseConnection) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const command = commandOf(query.sql);
		if (command === 'begin') {
			this.pending.push(query);
			this.inTransaction = true;
			this.beganUnsent = true;
			return NOTHING;
		}
		if (command === 'rollback') {
			const neverSent = this.beganUnsent;
			this.reset();
			// Nothing reached the server since BEGIN: there is nothing to roll back.
			return neverSent ? NOTHING : this.inner.executeQuery<R>(query);
		}
		if (this.inTransaction && deferred.has(query) && command !== 'commit') {
			const later = laters.get(query);
			if (later) later.held = true;
			this.pending.push(query);
			return NOTHING;
		}
		// After a failed COMMIT, Kysely's ROLLBACK still reaches the server (something was sent since BEGIN).
		if (command === 'commit') this.inTransaction = false;
		if (this.pending.length === 0) return this.inner.executeQuery<R>(query);
		return this.sendHeld<R>(query);
	}

	async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
		// A streamed query cannot carry what is held back: that goes first, on its own.
		if (this.pending.length > 0) await this.sendHeld();
		yield* this.inner.streamQuery<R>(query, chunkSize);
	}

	/**
	 * What is held back, plus `last` if given, as few commands as possible: consecutive text statements as one
	 * multi-statement query, each prepared statement (see binaryStatements) on its own. The commands are issued back to
	 * back (the driver queues them on the connection, in order) and the answer is `last`'s. A COMMIT waits for the
	 * commands before it: as separate commands they would still run after a failed one, and the COMMIT would keep
	 * the rest of the transaction.
	 */
	private async sendHeld<R>(last?: CompiledQuery): Promise<QueryResult<R>> {
		const segments = toSegments(last ? [...this.pending, last] : this.pending);
		this.pending = [];
		this.beganUnsent = false;
		const final = segments.pop() as Segment;
		const send = (segment: Segment) => {
			for (const part of segment.parts) {
				const later = laters.get(part);
				if (later) later.sent = true;
			}
			const answer = this.inner.executeQuery(segment.query);
			answer.then((result) => settleLaters(segment, result), (error: unknown) => rejectLaters(segment.parts, error));
			return answer;
		};
		let earlier: Array<Promise<unknown>> = [];
		if (final.parts.some((part) => isCommit(part.sql))) await settleAll(segments.map(send));
		else earlier = segments.map(send);
		const answer = send(final);
		await settleAll([...earlier, answer]);
		const result = await answer;
		// A multi-statement query answers with one result per statement; the caller asked for the last one.
		return final.parts.length > 1 ? toQueryResult<R>((result.rows as unknown[])[final.parts.length - 1]) : (result as QueryResult<R>);
	}

	/** Back to the pool clean: anything held belongs to a transaction that is over. */
	reset(): void {
		rejectLaters(this.pending, new Error('The transaction ended before this statement was sent'));
		this.pending = [];
		this.beganUnsent = false;
		this.inTransaction = false;
	}
}

interface Segment {
	parts: CompiledQuery[];
	query: CompiledQuery;
}

function toSegments(parts: readonly CompiledQuery[]): Segment[] {
	const segments: Segment[] = [];
	let text: CompiledQuery[] = [];
	const closeText = () => {
		if (text.length === 0) return;
		segments.push({ parts: text, query: text.length === 1 ? (text[0] as CompiledQuery) : CompiledQuery.raw(text.map((part) => part.sql).join(';\n'), text.flatMap((part) => part.parameters)) });
		text = [];
	};
	for (const part of parts) {
		if (!isSentAsPrepared(part.sql)) {
			text.push(part);
			continue;
		}
		closeText();
		segments.push({ parts: [part], query: part });
	}
	closeText();
	return segments;
}

/** Waits for every command, then throws the first failure in order, if any. */
async function settleAll(commands: ReadonlyArray<Promise<unknown>>): Promise<void> {
	const outcomes = await Promise.allSettled(commands);
	const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
	if (failed) throw failed.reason;
}

/** The command word of short statements (BEGIN, COMMIT, ROLLBACK) without copying long ones. */
function commandOf(text: string): string {
	return text.length > 16 ? '' : text.trim().toLowerCase();
}

const isCommit = (text: string) => commandOf(text) === 'commit';

/** Each statement of an answered segment that was sent ahead gets its own part of the answer. */
function settleLaters(segment: Segment, result: QueryResult<unknown>): void {
	segment.parts.forEach((part, index) => {
		const later = laters.get(part);
		if (!later) return;
		laters.delete(part);
		later.resolve(segment.parts.length > 1 ? toQueryResult((result.rows as unknown[])[index]) : result);
	});
}

function rejectLaters(parts: readonly CompiledQuery[], error: unknown): void {
	for (const part of parts) {
		const later = laters.get(part);
		if (!later) continue;
		laters.delete(part);
		later.reject(error);
	}
}

/** One statement's part of a multi-statement answer: rows, or an OK packet. */
function toQueryResult<R>(answer: unknown): QueryResult<R> {
	if (Array.isArray(answer)) return { rows: answer as R[] };
	if (answer && typeof answer === 'object' && 'affectedRows' in answer) {
		const { insertId, affectedRows, changedRows } = answer as { insertId?: number | string; affectedRows?: number; changedRows?: number };
		return {
			insertId: insertId !== undefined && insertId !== null && String(insertId) !== '0' ? BigInt(insertId) : undefined,
			numAffectedRows: affectedRows !== undefined && affectedRows !== null ? BigInt(affectedRows) : undefined,
			numChangedRows: changedRows !== undefined && changedRows !== null ? BigInt(changedRows) : undefined,
			rows: [],
		};
	}
	return { rows: [] };
}

/** Kysely's MySQL driver with every connection wrapped in a PipeliningConnection. */
class PipeliningDriver implements Driver {
	private readonly wrappers = new WeakMap<DatabaseConnection, PipeliningConnection>();

	constructor(private readonly inner: Driver) {}

	init(): Promise<void> {
		return this.inner.init();
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		const connection = await this.inner.acquireConnection();
		let wrapper = this.wrappers.get(connection);
		if (!wrapper) {
			wrapper = new PipeliningConnection(connection);
			this.wrappers.set(connection, wrapper);
		}
		return wrapper;
	}

	beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		return this.inner.beginTransaction(connection, settings);
	}

	commitTransaction(connection: DatabaseConnection): Promise<void> {
		return this.inner.commitTransaction(connection);
	}

	rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		return this.inner.rollbackTransaction(connection);
	}

	async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompile): Promise<void> {
		await (this.inner.savepoint as NonNullable<Driver['savepoint']>).call(this.inner, connection, name, compile);
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompile): Promise<void> {
		await (this.inner.rollbackToSavepoint as NonNullable<Driver['rollbackToSavepoint']>).call(this.inner, connection, name, compile);
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompile): Promise<void> {
		await (this.inner.releaseSavepoint as NonNullable<Driver['releaseSavepoint']>).call(this.inner, connection, name, compile);
	}

	async releaseConnection(connection: DatabaseConnection): Promise<void> {
		const wrapper = connection as PipeliningConnection;
		wrapper.reset();
		await this.inner.releaseConnection(wrapper.inner);
	}

	destroy(): Promise<void> {
		return this.inner.destroy();
	}
}

/** MysqlDialect whose driver pipelines BEGIN and deferred writes (the pool must allow multiple statements). */
export class PipeliningMysqlDialect extends MysqlDialect {
	override createDriver(): Driver {
		return new PipeliningDriver(super.createDriver());
	}
}
