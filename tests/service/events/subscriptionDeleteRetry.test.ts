import { systemScope } from '../../../service/src/auth/tenantScope';
import { SubscriptionsRepository } from '../../../service/src/events/subscriptionsRepository';
import { deadlockOnce } from '../../support/deadlock';
import { bearer, createTenantFixture, type TestService } from '../../support/testService';
import { startEventsService } from './eventsTestKit';

describe('deleting a subscription against a deadlock', () => {
	let service: TestService;
	beforeAll(async () => {
		service = await startEventsService('sqlite');
	});
	afterAll(() => service.stop());

	test('a delete whose transaction was a deadlock victim is done on the next attempt (a trigger deactivating got a 500 in CI)', async () => {
		const tenant = await createTenantFixture(service, 'Deadlock Tenant');
		const created = await service.app.inject({ method: 'POST', url: '/v1/subscriptions', headers: bearer(tenant.senderKey), payload: { targetUrl: 'http://127.0.0.1:5678/webhook/x', events: ['*'] } });
		expect(created.statusCode).toBe(201);
		const { id } = created.json() as { id: string };
		const flaky = deadlockOnce(service.ctx.storage.db);
		const deleted = await new SubscriptionsRepository(flaky.db, service.ctx.secrets).delete(systemScope(tenant.id, 'test'), id);
		expect(flaky.failed()).toBe(true);
		expect(deleted).toBe(true);
		expect((await service.app.inject({ method: 'GET', url: `/v1/subscriptions/${id}`, headers: bearer(tenant.senderKey) })).statusCode).toBe(404);
	});
});
