import { testDialects } from '../../support/databases';
import { dumpDatabase } from '../../support/databaseDump';
import { bearer, createTenantFixture, startTestService, TEST_PASSWORD, type TestService } from '../../support/testService';
import { EVENT_COMPOSERS, Sink, waitFor } from '../events/eventsTestKit';
import { systemScope } from '../../../service/src/auth/tenantScope';

const ACCESS_TOKEN = 'EAAGplaintextAccessToken0123456789';
const APP_SECRET = 'plaintextAppSecret0123456789';
const VERIFY_TOKEN = 'plaintextVerifyToken0123456789';

describe.each(testDialects())('secrets never stored or logged in clear on %s', (dialect) => {
	let service: TestService;
	let secrets: string[];
	beforeAll(async () => {
		service = await startTestService(dialect, { composers: EVENT_COMPOSERS, env: { LOG_LEVEL: 'trace', EVENT_POLL_INTERVAL_MS: '50' } });
		const tenant = await createTenantFixture(service, 'Secretive');
		const admin = bearer(tenant.adminKey);
		await service.app.inject({ method: 'POST', url: '/v1/meta-apps', headers: admin, payload: { appId: '4242', appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
		await service.app.inject({ method: 'POST', url: '/v1/cloud/numbers', headers: admin, payload: { phoneNumberId: '4343', wabaId: '4444', metaAppId: '4242', accessToken: ACCESS_TOKEN } });
		await service.app.inject({ method: 'PATCH', url: '/v1/cloud/numbers/4343', headers: admin, payload: { accessToken: `${ACCESS_TOKEN}-rotated` } });
		await service.app.inject({ method: 'POST', url: `/v1/tenants/${tenant.id}/users`, headers: admin, payload: { email: 'pw@secretive.test', password: TEST_PASSWORD, role: 'member' } });
		await service.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'pw@secretive.test', password: TEST_PASSWORD } });
		// A rejected call carrying the secrets must not log them either.
		await service.app.inject({ method: 'POST', url: '/v1/meta-apps', headers: admin, payload: { appId: 'bad', appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
		await service.app.inject({ method: 'GET', url: `/v1/meta-apps?access_token=${ACCESS_TOKEN}`, headers: admin });
		// Subscription signing secrets: created, rotated, and used to sign a delivery.
		const sink = await new Sink().start();
		const subscription = (await service.app.inject({ method: 'POST', url: '/v1/subscriptions', headers: admin, payload: { targetUrl: sink.url, events: ['*'] } })).json();
		const rotated = (await service.app.inject({ method: 'POST', url: `/v1/subscriptions/${subscription.id}/rotate-secret`, headers: admin })).json();
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope: systemScope(tenant.id, 'test'), message: { id: 'wamid.SECRETS', channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: '4343' }, chatId: '1', from: '1', to: '4343', timestamp: new Date().toISOString(), type: 'text', text: { body: 'x' } } }]);
		await waitFor(() => sink.received.length === 1, 5_000, 'a signed delivery');
		await sink.stop();
		expect(subscription.secret).toMatch(/^whsec_/);
		secrets = [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN, TEST_PASSWORD, tenant.adminKey, tenant.senderKey, tenant.readerKey, subscription.secret, rotated.secret];
	});
	afterAll(() => service.stop());

	test('the database holds no plaintext token, secret, password or API key', async () => {
		const dump = await dumpDatabase(service);
		expect(dump).toContain('4343');
		for (const secret of secrets) expect(dump).not.toContain(secret);
	});

	test('the logs hold none of them either', () => {
		const logs = service.logs.text();
		expect(logs).toContain('access_token=[redacted]');
		for (const secret of secrets) expect(logs).not.toContain(secret);
	});
});
