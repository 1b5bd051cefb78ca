import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../../../service/src/storage/database';

describe('the SQLite prepared-statement cache', () => {
	let database: SqliteDatabase.Database;
	beforeEach(() => {
		database = new SqliteDatabase(':memory:');
		database.exec('create table t (n integer)');
		database.exec('insert into t values (1), (2), (3)');
	});
	afterEach(() => database.open && database.close());

	test('one SQL text is prepared once and reused with other parameters', () => {
		const cached = withStatementCache(database);
		const first = cached.prepare('select n from t where n > ?');
		expect(cached.prepare('select n from t where n > ?')).toBe(first);
		expect(first.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
		expect(cached.prepare('select n from t where n > ?').all([2])).toEqual([{ n: 3 }]);
	});

	test('a statement still being iterated is not handed out again: the second caller gets its own', () => {
		const cached = withStatementCache(database);
		const streaming = cached.prepare('select n from t');
		const iterator = streaming.iterate([]);
		iterator.next();
		const other = cached.prepare('select n from t');
		expect(other).not.toBe(streaming);
		expect(other.all([])).toHaveLength(3);
		iterator.return?.();
	});

	test('the least recently used statement leaves when the cache is full', () => {
		const cached = withStatementCache(database, 2);
		const a = cached.prepare('select 1');
		const b = cached.prepare('select 2');
		expect(cached.prepare('select 1')).toBe(a);
		cached.prepare('select 3');
		expect(cached.prepare('select 1')).toBe(a);
		expect(cached.prepare('select 2')).not.toBe(b);
	});

	test('Kysely runs selects, writes, transactions and streams over it', async () => {
		const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
		await db.transaction().execute(async (tx) => {
			await tx.insertInto('t').values({ n: 4 }).execute();
			await tx.insertInto('t').values({ n: 5 }).execute();
		});
		const streamed: number[] = [];
		for await (const row of db.selectFrom('t').select('n').orderBy('n').stream()) streamed.push(row.n);
		expect(streamed).toEqual([1, 2, 3, 4, 5]);
		expect((await sql<{ c: number }>`select count(*) as c from t`.execute(db)).rows[0]?.c).toBe(5);
		await db.destroy();
	});
});
