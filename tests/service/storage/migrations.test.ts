import { systemScope } from '../../../service/src/auth/tenantScope';
import { openStorage } from '../../../service/src/storage/database';
import { migrateToLatest } from '../../../service/src/storage/migrations';
import { TenantsRepository } from '../../../service/src/tenants/tenantsRepository';
import { createTestDatabase, testDialects } from '../../support/databases';

describe.each(testDialects())('schema migrations on %s', (dialect) => {
	test('apply once on an empty database, then do nothing on a second run', async () => {
		const database = await createTestDatabase(dialect);
		const storage = openStorage(database.settings);
		try {
			const first = await migrateToLatest(storage.db as never, storage.dialect);
			expect(first.results?.map((r) => r.status).every((s) => s === 'Success')).toBe(true);
			expect(first.results?.length).toBeGreaterThanOrEqual(2);
			const second = await migrateToLatest(storage.db as never, storage.dialect);
			expect(second.results).toEqual([]);
		} finally {
			await storage.close();
			await database.drop();
		}
	});

	test('timestamps are stored as UTC ISO-8601 text and emoji survive (utf8mb4)', async () => {
		const database = await createTestDatabase(dialect);
		const storage = openStorage(database.settings);
		try {
			await migrateToLatest(storage.db as never, storage.dialect);
			await storage.db.insertInto('tenants').values({ id: 'ten_x', name: 'Café 🚀', slug: 'cafe', status: 'active', default_mode: null, created_at: '2026-11-27T10:00:00.000Z', updated_at: '2026-11-27T10:00:00.000Z' }).execute();
			const tenant = await new TenantsRepository(storage.db).get(systemScope('ten_x', 'test'));
			expect(tenant).toMatchObject({ name: 'Café 🚀', createdAt: '2026-11-27T10:00:00.000Z' });
			expect(await new TenantsRepository(storage.db).get(systemScope('ten_other', 'test'))).toBeUndefined();
		} finally {
			await storage.close();
			await database.drop();
		}
	});
});
