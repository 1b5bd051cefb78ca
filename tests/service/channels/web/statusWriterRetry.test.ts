import type { Kysely } from 'kysely';
import { systemScope } from '../../../../service/src/auth/tenantScope';
import { SessionStatusWriter } from '../../../../service/src/channels/web/storage/sessionStatusWriter';
import type { Database } from '../../../../service/src/storage/schema';
import { call, getSession, startWebWorld, type WebWorld } from './webHarness';

/** The database, except that its next transaction fails as MySQL fails a deadlock victim (nothing committed). */
function deadlockOnce(db: Kysely<Database>): { db: Kysely<Database>; failed: () => boolean } {
	let pending = true;
	const proxy = new Proxy(db, {
		get(target, property) {
			if (property === 'transaction' && pending) {
				pending = false;
				return () => ({ execute: async () => Promise.reject(Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 })) });
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	return { db: proxy, failed: () => !pending };
}

describe('session status writes against a deadlock', () => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld('sqlite');
	});
	afterAll(() => world.service.stop());

	test('a status change whose transaction was a deadlock victim is written on the next attempt, not lost', async () => {
		const created = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'victim', start: false });
		expect(created.statusCode).toBe(201);
		const { ctx } = world.service;
		const flaky = deadlockOnce(ctx.storage.db);
		const writer = new SessionStatusWriter(flaky.db, ctx.storage.dialect, ctx.outbox);
		const row = await ctx.storage.db.selectFrom('web_sessions').select(['id', 'tenant_id']).where('name', '=', 'victim').executeTakeFirstOrThrow();
		const written = await writer.transition(systemScope(row.tenant_id, 'test'), row.id, { status: 'STARTING', reason: 'Restarting', desired: 'running', qr: null, pairingCode: null }, { unownedOr: 'test-worker' });
		expect(flaky.failed()).toBe(true);
		expect(written?.status).toBe('STARTING');
		expect((await getSession(world, 'victim')).status).toBe('STARTING');
	});
});
