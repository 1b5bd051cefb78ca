import { affectedRows, insertRows, PREPARED_FROM_ROWS, writeChunks } from '../../../service/src/events/sql';
import { deferredWrite } from '../../../service/src/storage/pipelining';
import { migratedStorage, testDialects, type TestDialect } from '../../support/databases';

const AT = '2026-11-28T00:00:00.000Z';
const setting = (key: string, value = 'v') => ({ key, value, updated_at: AT });

describe('insertRows: the multi-row INSERT of the hot write paths, built without the query builder', () => {
	test('one text per table, columns and row count, with bound parameters in row order', () => {
		const two = insertRows('sqlite', 'system_settings', [setting('a', '1'), setting('b', '2')]);
		expect(two.sql).toBe('insert into "system_settings" ("key", "value", "updated_at") values (?, ?, ?), (?, ?, ?)');
		expect(two.parameters).toEqual(['a', '1', AT, 'b', '2', AT]);
		expect(insertRows('sqlite', 'system_settings', [setting('c'), setting('d')]).sql).toBe(two.sql);
		expect(insertRows('mysql', 'system_settings', [setting('a')]).sql).toBe('insert into `system_settings` (`key`, `value`, `updated_at`) values (?, ?, ?)');
	});

	test('skipping duplicates is each dialect’s own form', () => {
		expect(insertRows('sqlite', 'system_settings', [setting('a')], { ignoreDuplicates: true }).sql).toMatch(/^insert into .* on conflict do nothing$/);
		expect(insertRows('mysql', 'system_settings', [setting('a')], { ignoreDuplicates: true }).sql).toMatch(/^insert ignore into `system_settings`/);
	});

	test('rows that name different columns, or none at all, are refused rather than given silent defaults', () => {
		expect(() => insertRows('sqlite', 'system_settings', [setting('a'), { key: 'b', value: 'x' } as never])).toThrow(/same columns/);
		expect(() => insertRows('sqlite', 'system_settings', [setting('a'), { key: 'b', value: 'x', updatedAt: AT } as never])).toThrow(/lacks column updated_at/);
		expect(() => insertRows('mysql', 'system_settings', [setting('a'), { key: 'b', value: undefined, updated_at: AT } as never])).toThrow(/lacks column value/);
		expect(() => insertRows('sqlite', 'system_settings', [])).toThrow(/no rows/);
	});
});

describe('writeChunks: few statement texts per table, whatever the batch sizes', () => {
	const sizes = (dialect: 'sqlite' | 'mysql', count: number, size: number) => writeChunks(dialect, Array.from({ length: count }, (_, i) => i), size).map((part) => part.length);

	test('on SQLite, full chunks first, then the rest in powers of two, every row once and in order', () => {
		expect(sizes('sqlite', 80, 100)).toEqual([64, 16]);
		expect(sizes('sqlite', 450, 200)).toEqual([200, 200, 32, 16, 2]);
		expect(sizes('sqlite', 1, 100)).toEqual([1]);
		expect(sizes('sqlite', 0, 100)).toEqual([]);
		expect(writeChunks('sqlite', Array.from({ length: 77 }, (_, i) => i), 100).flat()).toEqual(Array.from({ length: 77 }, (_, i) => i));
	});

	test('batches of 1 to 400 rows come in nine piece sizes in all, where plain chunks make 200', () => {
		const seen = new Set<number>();
		for (let count = 1; count <= 400; count++) for (const size of sizes('sqlite', count, 200)) seen.add(size);
		expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 200]);
	});

	test('MySQL splits the same way down to the rows it prepares; a smaller rest goes whole, as text', () => {
		expect(sizes('mysql', 80, 100)).toEqual([64, 16]);
		expect(sizes('mysql', 450, 200)).toEqual([200, 200, 32, 16, 2]);
		expect(sizes('mysql', 7, 100)).toEqual([7]);
		expect(sizes('mysql', 15, 100)).toEqual([8, 7]);
		const seen = new Set<number>();
		for (let count = PREPARED_FROM_ROWS; count <= 400; count++) for (const size of sizes('mysql', count, 200)) if (size >= PREPARED_FROM_ROWS) seen.add(size);
		expect([...seen].sort((a, b) => a - b)).toEqual([8, 16, 32, 64, 128, 200]);
	});
});

describe.each(testDialects())('insertRows against %s', (dialect: TestDialect) => {
	const world = migratedStorage(dialect);

	const stored = async (prefix: string) => (await world.storage.db.selectFrom('system_settings').select(['key', 'value']).where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((row) => `${row.key}=${row.value ?? 'null'}`);

	test('stores every row with its values: text, numbers and nulls', async () => {
		const delivery = (eventId: string, attempts: number, error: string | null) => ({ tenant_id: 'ten_1', event_id: eventId, subscription_id: 'sub_1', ordering_key: 'k', attempts, next_attempt_at: AT, lease_token: null, last_error: error, last_status: null, created_at: AT });
		const result = await world.storage.db.executeQuery(insertRows(dialect, 'outbox', [delivery('evt_1', 0, null), delivery('evt_2', 3, 'é😀 timeout')]));
		expect(affectedRows(result)).toBe(2);
		const rows = await world.storage.db.selectFrom('outbox').select(['event_id', 'attempts', 'last_error', 'last_status']).where('subscription_id', '=', 'sub_1').orderBy('id').execute();
		expect(rows).toEqual([
			{ event_id: 'evt_1', attempts: 0, last_error: null, last_status: null },
			{ event_id: 'evt_2', attempts: 3, last_error: 'é😀 timeout', last_status: null },
		]);
	});

	test('with ignoreDuplicates, counts only the rows it inserted and leaves the existing ones as they were', async () => {
		await world.storage.db.executeQuery(insertRows(dialect, 'system_settings', [setting('dup.1', 'first')]));
		const result = await world.storage.db.executeQuery(insertRows(dialect, 'system_settings', [setting('dup.1', 'second'), setting('dup.2', 'new')], { ignoreDuplicates: true }));
		expect(affectedRows(result)).toBe(1);
		expect(await stored('dup.')).toEqual(['dup.1=first', 'dup.2=new']);
	});

	test('without it, a duplicate fails the transaction and nothing of it stays, also when deferred', async () => {
		await world.storage.db.executeQuery(insertRows(dialect, 'system_settings', [setting('tx.1')]));
		await expect(
			world.storage.db.transaction().execute(async (tx) => {
				await deferredWrite(tx, insertRows(dialect, 'system_settings', [setting('tx.2'), setting('tx.3')]));
				await deferredWrite(tx, insertRows(dialect, 'system_settings', [setting('tx.1')]));
			}),
		).rejects.toThrow(/duplicate|unique/i);
		expect(await stored('tx.')).toEqual(['tx.1=v']);
	});
});
