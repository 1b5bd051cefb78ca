import { CompiledQuery, sql, type DatabaseConnection, type QueryResult } from 'kysely';
import { openStorage, type Executor, type Storage } from '../../../service/src/storage/database';
import { migrateToLatest } from '../../../service/src/storage/migrations';
import { PREPARED_PER_CONNECTION, sendAsPrepared } from '../../../service/src/storage/binaryStatements';
import { affectedRows, insertRows, PREPARED_FROM_ROWS } from '../../../service/src/events/sql';
import { deferredWrite, PipeliningConnection, sendAhead } from '../../../service/src/storage/pipelining';
import { createTestDatabase, testDialects, type TestDatabase, type TestDialect } from '../../support/databases';

/** A connection that records what would reach the server and answers as mysql2 does for a multi-statement query. */
function recordingConnection(answers: (sql: string) => unknown[], fails: (sql: string) => boolean = () => false) {
	const sent: string[] = [];
	const inner: DatabaseConnection = {
		async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
			sent.push(query.sql);
			// Answers arrive later than the call, as from a server: commands issued back to back are all sent first.
			await new Promise((resolve) => setImmediate(resolve));
			if (fails(query.sql)) throw new Error(`failed: ${query.sql}`);
			if (query.sql.startsWith('prepared')) return { rows: [], numAffectedRows: 5n };
			if (query.sql.includes(';')) return { rows: answers(query.sql) as R[] };
			return { rows: [] };
		},
		// eslint-disable-next-line require-yield
		async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
			return;
		},
	};
	return { connection: new PipeliningConnection(inner), sent };
}

const okPacket = (affectedRows: number, insertId = 0) => ({ affectedRows, insertId, changedRows: 0 });

describe('MySQL round trips held back until the next statement (PipeliningConnection)', () => {
	test('BEGIN travels with the first statement, deferred writes with the next statement, the rest with COMMIT', async () => {
		const { connection, sent } = recordingConnection((sql) => (sql.startsWith('begin') ? [okPacket(0), [{ id: 1 }]] : sql.includes('select 2') ? [okPacket(1), okPacket(3, 7), [{ two: 2 }]] : [okPacket(1), okPacket(0)]));
		await connection.executeQuery(CompiledQuery.raw('begin'));
		expect(sent).toEqual([]);
		const first = await connection.executeQuery(CompiledQuery.raw('select 1', []));
		expect(first.rows).toEqual([{ id: 1 }]);

		const write = (sql: string) => {
			const query = CompiledQuery.raw(sql, ['value']);
			return { compile: () => query };
		};
		await deferredWrite({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) } as never, write('insert into a values (?)'));
		await deferredWrite({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) } as never, write('insert into b values (?)'));
		expect(sent).toHaveLength(1);
		const second = await connection.executeQuery(CompiledQuery.raw('select 2', []));
		expect(second.rows).toEqual([{ two: 2 }]);
		expect(sent[1]).toBe('insert into a values (?);\ninsert into b values (?);\nselect 2');

		await deferredWrite({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) } as never, write('update c set x = ?'));
		await connection.executeQuery(CompiledQuery.raw('commit'));
		expect(sent).toEqual(['begin;\nselect 1', 'insert into a values (?);\ninsert into b values (?);\nselect 2', 'update c set x = ?;\ncommit']);
	});

	test('the answer to a write that carried others is its own (affected rows, insert id)', async () => {
		const { connection } = recordingConnection(() => [okPacket(0), okPacket(2, 41)]);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		const result = await connection.executeQuery(CompiledQuery.raw('insert ignore into t values (?), (?)', [1, 2]));
		expect(result.numAffectedRows).toBe(2n);
		expect(result.insertId).toBe(41n);
	});

	test('a transaction rolled back before anything was sent costs no round trip; held writes are dropped', async () => {
		const { connection, sent } = recordingConnection(() => []);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		await deferredWrite({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) } as never, { compile: () => CompiledQuery.raw('insert into a values (1)') });
		await connection.executeQuery(CompiledQuery.raw('rollback'));
		expect(sent).toEqual([]);
		// The next transaction starts clean.
		await connection.executeQuery(CompiledQuery.raw('begin'));
		await connection.executeQuery(CompiledQuery.raw('commit'));
		expect(sent).toEqual(['begin;\ncommit']);
	});

	test('outside a transaction a deferred write is sent at once', async () => {
		const { connection, sent } = recordingConnection(() => []);
		await deferredWrite({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) } as never, { compile: () => CompiledQuery.raw('delete from a') });
		expect(sent).toEqual(['delete from a']);
	});

	test('after a rollback that follows a sent statement, the rollback itself is sent and held writes are not', async () => {
		const { connection, sent } = recordingConnection(() => [okPacket(0), []]);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		await connection.executeQuery(CompiledQuery.raw('select 1'));
		await deferredWrite({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) } as never, { compile: () => CompiledQuery.raw('insert into a values (1)') });
		await connection.executeQuery(CompiledQuery.raw('rollback'));
		expect(sent).toEqual(['begin;\nselect 1', 'rollback']);
	});
});

describe('statements sent ahead (sendAhead): held like deferred writes, with their own answer', () => {
	const via = (connection: PipeliningConnection) => ({ executeQuery: (query: CompiledQuery) => connection.executeQuery(query) }) as never;

	test('the answer arrives with the statement that carried the write, and is its own', async () => {
		const { connection, sent } = recordingConnection((sql) => (sql.startsWith('begin') ? [okPacket(0), [{ id: 1 }]] : [okPacket(3, 11), okPacket(1), [{ two: 2 }]]));
		await connection.executeQuery(CompiledQuery.raw('begin'));
		await connection.executeQuery(CompiledQuery.raw('select 1'));
		const ahead = await sendAhead(via(connection), CompiledQuery.raw('insert ignore into m values (?), (?), (?)', [1, 2, 3]));
		await deferredWrite(via(connection), { compile: () => CompiledQuery.raw('update c set x = 1') });
		expect(sent).toEqual(['begin;\nselect 1']);
		const second = await connection.executeQuery(CompiledQuery.raw('select 2'));
		expect(sent[1]).toBe('insert ignore into m values (?), (?), (?);\nupdate c set x = 1;\nselect 2');
		expect(second.rows).toEqual([{ two: 2 }]);
		const own = await ahead.answer();
		expect(own.numAffectedRows).toBe(3n);
		expect(own.insertId).toBe(11n);
	});

	test('a prepared statement sent ahead gets its own answer too', async () => {
		sendAsPrepared('prepared ahead');
		const { connection, sent } = recordingConnection(() => [okPacket(0), [{ id: 1 }]]);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		const ahead = await sendAhead(via(connection), CompiledQuery.raw('prepared ahead', ['value']));
		await connection.executeQuery(CompiledQuery.raw('select 1'));
		expect(sent).toEqual(['begin', 'prepared ahead', 'select 1']);
		expect((await ahead.answer()).numAffectedRows).toBe(5n);
	});

	test('an answer asked for while the statement is still held sends it at once, carried by a select 1', async () => {
		const { connection, sent } = recordingConnection(() => [okPacket(0), okPacket(2), [{ 1: 1 }]]);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		const ahead = await sendAhead(via(connection), CompiledQuery.raw('insert ignore into m values (?), (?)', [1, 2]));
		expect(sent).toEqual([]);
		expect((await ahead.answer()).numAffectedRows).toBe(2n);
		expect(sent).toEqual(['begin;\ninsert ignore into m values (?), (?);\nselect 1']);
		// Answered once: asking again sends nothing more.
		expect((await ahead.answer()).numAffectedRows).toBe(2n);
		await connection.executeQuery(CompiledQuery.raw('commit'));
		expect(sent).toEqual(['begin;\ninsert ignore into m values (?), (?);\nselect 1', 'commit']);
	});

	test('a write that fails rejects its answer as well as the statement that carried it', async () => {
		const { connection } = recordingConnection(() => [], (sql) => sql.includes('bad'));
		await connection.executeQuery(CompiledQuery.raw('begin'));
		const ahead = await sendAhead(via(connection), CompiledQuery.raw('insert into bad values (1)'));
		await expect(connection.executeQuery(CompiledQuery.raw('select 1'))).rejects.toThrow('failed');
		await expect(ahead.answer()).rejects.toThrow('failed');
	});

	test('a transaction ended before the write was sent rejects its answer; outside a transaction it runs at once', async () => {
		const { connection, sent } = recordingConnection(() => []);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		const dropped = await sendAhead(via(connection), CompiledQuery.raw('insert into a values (1)'));
		await connection.executeQuery(CompiledQuery.raw('rollback'));
		await expect(dropped.answer()).rejects.toThrow('ended before this statement was sent');
		expect(sent).toEqual([]);
		const direct = await sendAhead(via(connection), CompiledQuery.raw('delete from a'));
		expect(sent).toEqual(['delete from a']);
		expect((await direct.answer()).rows).toEqual([]);
	});
});

describe('prepared statements among held-back statements', () => {
	const prepared = (name: string) => {
		sendAsPrepared(`prepared ${name}`);
		const query = CompiledQuery.raw(`prepared ${name}`, ['value']);
		return { compile: () => query };
	};
	const defer = (connection: PipeliningConnection, query: { compile: () => CompiledQuery }) => deferredWrite({ executeQuery: (compiled: CompiledQuery) => connection.executeQuery(compiled) } as never, query);

	test('go as commands of their own, between the text statements around them, in order, issued back to back', async () => {
		const { connection, sent } = recordingConnection(() => [okPacket(0), okPacket(1), [{ id: 1 }]]);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		await defer(connection, { compile: () => CompiledQuery.raw('update a set x = 1') });
		await defer(connection, prepared('insert one'));
		await defer(connection, prepared('insert two'));
		expect(sent).toEqual([]);
		const pending = connection.executeQuery(CompiledQuery.raw('select 1'));
		// All four commands are on their way before the first answer arrives.
		expect(sent).toEqual(['begin;\nupdate a set x = 1', 'prepared insert one', 'prepared insert two', 'select 1']);
		expect((await pending).rows).toEqual([]);
	});

	test("a prepared statement's own answer is returned as it is (affected rows)", async () => {
		const { connection } = recordingConnection(() => [okPacket(0), okPacket(0)]);
		await connection.executeQuery(CompiledQuery.raw('begin'));
		const result = await connection.executeQuery(prepared('insert three').compile());
		expect(result.numAffectedRows).toBe(5n);
	});

	test('a COMMIT waits for the held commands and is never sent after one of them failed', async () => {
		const { connection, sent } = recordingConnection(() => [okPacket(0), okPacket(0)], (sql) => sql === 'prepared insert bad');
		await connection.executeQuery(CompiledQuery.raw('begin'));
		await connection.executeQuery(CompiledQuery.raw('select 1'));
		await defer(connection, prepared('insert bad'));
		await defer(connection, { compile: () => CompiledQuery.raw('update b set y = 2') });
		await expect(connection.executeQuery(CompiledQuery.raw('commit'))).rejects.toThrow('failed: prepared insert bad');
		expect(sent).toEqual(['begin;\nselect 1', 'prepared insert bad']);
	});
});

/** MySQL both ways: MYSQL_PIPELINING=false must keep every guarantee with a plain driver. */
const setups: Array<[TestDialect, boolean]> = testDialects().flatMap((dialect): Array<[TestDialect, boolean]> => (dialect === 'mysql' ? [['mysql', true], ['mysql', false]] : [[dialect, false]]));

describe.each(setups)('deferred writes against %s (pipelining %s)', (dialect: TestDialect, pipelining: boolean) => {
	let database: TestDatabase;
	let storage: Storage;
	beforeAll(async () => {
		database = await createTestDatabase(dialect);
		storage = openStorage(database.settings.dialect === 'mysql' ? { ...database.settings, pipelining } : database.settings);
		await migrateToLatest(storage.db as never, storage.dialect);
	});
	afterAll(async () => {
		await storage.close();
		await database.drop();
	});

	const setting = (key: string, value: string) => storage.db.insertInto('system_settings').values({ key, value, updated_at: '2026-11-28T00:00:00.000Z' });
	const stored = async (prefix: string) => (await storage.db.selectFrom('system_settings').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((row) => row.key);

	test('are committed with their transaction, in order, and are visible to its later statements', async () => {
		const seen = await storage.db.transaction().execute(async (tx) => {
			await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'ok.1', value: 'a', updated_at: '2026-11-28T00:00:00.000Z' }));
			await deferredWrite(tx, tx.updateTable('system_settings').set({ value: 'b' }).where('key', '=', 'ok.1'));
			return tx.selectFrom('system_settings').select('value').where('key', '=', 'ok.1').executeTakeFirst();
		});
		expect(seen?.value).toBe('b');
		await storage.db.transaction().execute(async (tx) => {
			await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'ok.2', value: 'c', updated_at: '2026-11-28T00:00:00.000Z' }));
		});
		expect(await stored('ok.')).toEqual(['ok.1', 'ok.2']);
	});

	test('one that fails fails its transaction, and nothing of the transaction stays', async () => {
		await setting('dup.1', 'x').execute();
		await expect(
			storage.db.transaction().execute(async (tx) => {
				await tx.insertInto('system_settings').values({ key: 'dup.2', value: 'y', updated_at: '2026-11-28T00:00:00.000Z' }).execute();
				// A duplicate primary key: the error arrives with the COMMIT that carries it on MySQL, at once on SQLite.
				await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'dup.1', value: 'z', updated_at: '2026-11-28T00:00:00.000Z' }));
			}),
		).rejects.toThrow(/duplicate|unique/i);
		expect(await stored('dup.')).toEqual(['dup.1']);
		// The pool's connection is clean afterwards: the next transaction commits normally.
		await storage.db.transaction().execute(async (tx) => {
			await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'dup.3', value: 'w', updated_at: '2026-11-28T00:00:00.000Z' }));
		});
		expect(await stored('dup.')).toEqual(['dup.1', 'dup.3']);
	});

	test('bulk inserts (insertRows) keep their answers and their all-or-nothing; large ones go as prepared statements on MySQL', async () => {
		const row = (key: string, value: string) => ({ key, value, updated_at: '2026-11-28T00:00:00.000Z' });
		const rows = (from: number, count: number, value: string) => Array.from({ length: count }, (_, n) => row(`bin.${String(from + n).padStart(3, '0')}`, value));
		const executions = async (tx: Executor) => (dialect === 'mysql' ? Number((await sql<{ Value: string }>`show session status like 'Com_stmt_execute'`.execute(tx)).rows[0]?.Value) : 0);
		const { inserted, executed, small } = await storage.db.transaction().execute(async (tx) => {
			const before = await executions(tx);
			// Rows 0-7, then 4-11 again ignoring duplicates: only 8-11 are new.
			await deferredWrite(tx, insertRows(dialect, 'system_settings', rows(0, PREPARED_FROM_ROWS, 'first')));
			const again = await tx.executeQuery(insertRows(dialect, 'system_settings', rows(4, PREPARED_FROM_ROWS, 'second'), { ignoreDuplicates: true }));
			const afterLarge = await executions(tx);
			await tx.executeQuery(insertRows(dialect, 'system_settings', rows(100, PREPARED_FROM_ROWS - 1, 'small')));
			return { inserted: affectedRows(again), executed: afterLarge - before, small: (await executions(tx)) - afterLarge };
		});
		expect(inserted).toBe(4);
		if (dialect === 'mysql') expect({ executed, small }).toEqual({ executed: 2, small: 0 });
		const values = await storage.db.selectFrom('system_settings').select(['key', 'value']).where('key', 'like', 'bin.%').orderBy('key').execute();
		expect(values).toHaveLength(12 + PREPARED_FROM_ROWS - 1);
		expect(values.filter((v) => v.value === 'second').map((v) => v.key)).toEqual(['bin.008', 'bin.009', 'bin.010', 'bin.011']);
		// A failing one, held back until the COMMIT: nothing of its transaction stays.
		await expect(
			storage.db.transaction().execute(async (tx) => {
				await deferredWrite(tx, insertRows(dialect, 'system_settings', rows(200, PREPARED_FROM_ROWS, 'gone')));
				await deferredWrite(tx, insertRows(dialect, 'system_settings', rows(0, PREPARED_FROM_ROWS, 'duplicate')));
			}),
		).rejects.toThrow(/duplicate|unique/i);
		expect(await stored('bin.2')).toEqual([]);
		expect(await storage.db.selectFrom('system_settings').select('key').where('value', '=', 'duplicate').execute()).toEqual([]);
	});

	(dialect === 'mysql' ? test : test.skip)('a connection keeps at most PREPARED_PER_CONNECTION prepared statements open on the server', async () => {
		const status = async (tx: Executor, name: string) => Number((await sql<{ Value: string }>`show session status like ${name}`.execute(tx)).rows[0]?.Value);
		const open = await storage.db.transaction().execute(async (tx) => {
			const before = (await status(tx, 'Com_stmt_prepare')) - (await status(tx, 'Com_stmt_close'));
			// One statement shape per row count: more shapes than the connection may keep.
			for (let count = 1; count <= PREPARED_PER_CONNECTION + 20; count++) {
				const rows = Array.from({ length: count }, (_, index) => ({ key: `lru.${count}.${index}`, value: 'x', updated_at: '2026-11-28T00:00:00.000Z' }));
				await tx.executeQuery(insertRows(dialect, 'system_settings', rows));
			}
			return (await status(tx, 'Com_stmt_prepare')) - (await status(tx, 'Com_stmt_close')) - before;
		});
		expect(open).toBeGreaterThan(0);
		expect(open).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
	});

	test('a write sent ahead reports its own affected rows, read before the COMMIT', async () => {
		await setting('ahead.1', 'x').execute();
		const counts = await storage.db.transaction().execute(async (tx) => {
			const rows = ['ahead.1', 'ahead.2', 'ahead.3'].map((key) => ({ key, value: 'y', updated_at: '2026-11-28T00:00:00.000Z' }));
			const ahead = await sendAhead(tx, insertRows(dialect, 'system_settings', rows, { ignoreDuplicates: true }));
			await deferredWrite(tx, tx.updateTable('system_settings').set({ value: 'z' }).where('key', '=', 'ahead.3'));
			const seen = await tx.selectFrom('system_settings').select('key').where('key', 'like', 'ahead.%').execute();
			return { inserted: affectedRows(await ahead.answer()), seen: seen.length };
		});
		expect(counts).toEqual({ inserted: 2, seen: 3 });
		expect((await storage.db.selectFrom('system_settings').select('value').where('key', '=', 'ahead.3').executeTakeFirst())?.value).toBe('z');
	});

	test('a read sent ahead answers as of its place in the transaction, whenever it is read', async () => {
		const value = await storage.db.transaction().execute(async (tx) => {
			await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'read.1', value: 'before', updated_at: '2026-11-28T00:00:00.000Z' }));
			const read = await sendAhead(tx, tx.selectFrom('system_settings').select('value').where('key', '=', 'read.1').compile());
			await deferredWrite(tx, tx.updateTable('system_settings').set({ value: 'after' }).where('key', '=', 'read.1'));
			await tx.selectFrom('system_settings').select('key').where('key', '=', 'read.1').execute();
			return ((await read.answer()).rows as Array<{ value: string }>)[0]?.value;
		});
		expect(value).toBe('before');
	});

	test('a transaction that throws after deferring writes rolls them back', async () => {
		await expect(
			storage.db.transaction().execute(async (tx) => {
				await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'gone.1', value: 'a', updated_at: '2026-11-28T00:00:00.000Z' }));
				await tx.selectFrom('system_settings').select('key').execute();
				await deferredWrite(tx, tx.insertInto('system_settings').values({ key: 'gone.2', value: 'b', updated_at: '2026-11-28T00:00:00.000Z' }));
				throw new Error('changed my mind');
			}),
		).rejects.toThrow('changed my mind');
		expect(await stored('gone.')).toEqual([]);
	});
});
