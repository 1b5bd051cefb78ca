import { systemScope } from '../../../../service/src/auth/tenantScope';
import { SessionStatusWriter } from '../../../../service/src/channels/web/storage/sessionStatusWriter';
import { deadlockOnce } from '../../../support/deadlock';
import { call, getSession, startWebWorld, type WebWorld } from './webHarness';

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
