import { testDialects } from '../../../support/databases';
import { createTenantFixture, bearer } from '../../../support/testService';
import { GraphError } from '../../../../service/src/sandbox';
import { META, send, startCloudWorld, type CloudWorld } from './cloudHarness';

const connection = { appId: META.appId, appSecret: META.appSecret, wabaId: META.wabaId, accessToken: META.token };

describe.each(testDialects())('Cloud connection, tests and credential checks on %s', (dialect) => {
	let world: CloudWorld;
	const put = (payload: Record<string, unknown>, headers = world.admin) => world.service.app.inject({ method: 'PUT', url: '/v1/cloud/connection', headers, payload });
	beforeAll(async () => {
		world = await startCloudWorld(dialect, { numbers: 2, connect: false, env: { CLOUD_CREDENTIAL_CHECKS_PER_MINUTE: '5', LOG_LEVEL: 'trace' } });
	});
	afterAll(() => world.close());

	test('pushing the Meta credential registers the app and every number of the WABA, with the generated verify token shown once', async () => {
		const response = await put(connection);
		expect(response.statusCode).toBe(200);
		const body = response.json();
		expect(body.metaApp).toMatchObject({ appId: META.appId, appSecret: '****cret', webhookUrl: expect.stringMatching(new RegExp(`/webhooks/meta/${META.appId}$`)) });
		expect(body.metaApp.verifyToken).toHaveLength(32);
		expect(body.numbers.map((n: { phoneNumberId: string }) => n.phoneNumberId).sort()).toEqual([META.phoneNumberId, META.secondPhoneNumberId]);
		expect(body.numbers.find((n: { phoneNumberId: string }) => n.phoneNumberId === META.phoneNumberId)).toMatchObject({ displayPhoneNumber: META.displayPhoneNumber, verifiedName: 'Cloud Test Shop', accessToken: '****0001', isDefault: true, throughputPerSecond: 80 });
		expect(response.body).not.toContain(META.token);
		expect(response.body).not.toContain(META.appSecret);
	});

	test("pushing subscribes the app to the WABA's webhooks (without it production numbers stay silent); subscribeApp: false leaves that alone", async () => {
		expect(world.sim.simulator.subscriptions.of(META.wabaId)).toEqual([{ appId: META.appId }]);
		world.sim.simulator.subscriptions.unsubscribe(META.wabaId, META.appId);
		const left = await put({ ...connection, subscribeApp: false });
		expect(left.statusCode).toBe(200);
		expect(left.json().subscription).toBeUndefined();
		expect(world.sim.simulator.subscriptions.of(META.wabaId)).toEqual([]);
		const subscribed = await put(connection);
		expect(subscribed.json().subscription).toEqual({ subscribed: true });
		expect(world.sim.simulator.subscriptions.of(META.wabaId)).toEqual([{ appId: META.appId }]);
	});

	test("Meta refusing the subscription leaves the numbers registered, and the answer says why", async () => {
		const subscriptions = world.sim.simulator.subscriptions;
		const original = subscriptions.subscribe.bind(subscriptions);
		// As Meta answers a token without whatsapp_business_management on the WABA.
		subscriptions.subscribe = () => {
			throw new GraphError({ code: 200, httpStatus: 403, title: "Your app doesn't have permission to access this WhatsApp Business Account", subcode: 1349174 });
		};
		try {
			const answer = await put(connection);
			expect(answer.statusCode).toBe(200);
			expect(answer.json().subscription).toEqual({ subscribed: false, error: { message: expect.stringContaining('permission'), providerCode: 200 } });
			expect(answer.json().numbers).toHaveLength(2);
		} finally {
			subscriptions.subscribe = original;
		}
	});

	test('pushing it again changes nothing and shows the verify token masked', async () => {
		const before = (await world.service.app.inject({ method: 'GET', url: '/v1/cloud/numbers', headers: world.admin })).json().data;
		const response = await put({ ...connection, throughputPerSecond: 80 });
		expect(response.statusCode).toBe(200);
		expect(response.json().metaApp.verifyToken).toMatch(/^\*\*\*\*/);
		const after = (await world.service.app.inject({ method: 'GET', url: '/v1/cloud/numbers', headers: world.admin })).json().data;
		expect(after.map((n: { id: string; isDefault: boolean }) => [n.id, n.isDefault])).toEqual(before.map((n: { id: string; isDefault: boolean }) => [n.id, n.isDefault]));
		expect((await world.service.app.inject({ method: 'GET', url: '/v1/meta-apps', headers: world.admin })).json().data).toHaveLength(1);
	});

	test('a number that is not in the WABA is refused naming it', async () => {
		const response = await put({ ...connection, phoneNumberIds: [META.phoneNumberId, '123456'] });
		expect(response.statusCode).toBe(400);
		expect(response.json().error.details.fields).toEqual([{ field: 'body.phoneNumberIds[1]', message: `is not a phone number of WABA ${META.wabaId}` }]);
	});

	test('a token Meta refuses is answered with its code and hint, and nothing is stored', async () => {
		const other = await createTenantFixture(world.service, 'Other Tenant');
		const response = await put({ ...connection, accessToken: 'EAAwrongToken000000' }, bearer(other.adminKey));
		expect(response.statusCode).toBe(502);
		expect(response.json().error.details).toMatchObject({ providerCode: 190, retryable: false });
		expect((await world.service.app.inject({ method: 'GET', url: '/v1/meta-apps', headers: bearer(other.adminKey) })).json().data).toEqual([]);
	});

	test('another tenant cannot take numbers already registered here', async () => {
		const other = await createTenantFixture(world.service, 'Thief Tenant');
		const response = await put(connection, bearer(other.adminKey));
		expect(response.statusCode).toBe(409);
	});

	test('test connection reads the profile, records the outcome and feeds the channel health', async () => {
		const response = await world.service.app.inject({ method: 'POST', url: `/v1/cloud/numbers/${META.phoneNumberId}/test`, headers: world.sender });
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ ok: true, displayPhoneNumber: META.displayPhoneNumber, verifiedName: 'Cloud Test Shop', qualityRating: 'GREEN', throughput: { level: 'STANDARD', perSecond: 80 } });
		const number = (await world.service.app.inject({ method: 'GET', url: `/v1/cloud/numbers/${META.phoneNumberId}`, headers: world.admin })).json();
		expect(number.lastTest).toMatchObject({ ok: true, error: null });
		const config = (await world.service.app.inject({ method: 'GET', url: '/v1/config', headers: world.admin })).json();
		const cloud = config.channels.find((c: { channel: string }) => c.channel === 'cloud');
		// The second number was never tested: health tests it now.
		expect(cloud).toMatchObject({ enabled: true, configured: true, healthy: true });
		expect(cloud.accounts.map((a: { state: string }) => a.state)).toEqual(['CONNECTED', 'CONNECTED']);
	});

	test('a failed test connection answers ok:false with Meta’s reason and marks the number unhealthy', async () => {
		world.sim.simulator.registry.expireToken(META.token);
		try {
			const response = await world.service.app.inject({ method: 'POST', url: `/v1/cloud/numbers/${META.secondPhoneNumberId}/test`, headers: world.sender });
			expect(response.json()).toMatchObject({ ok: false, error: { code: 'upstream_error', providerCode: 190 } });
			const health = (await world.service.app.inject({ method: 'GET', url: '/v1/config', headers: world.admin })).json().channels.find((c: { channel: string }) => c.channel === 'cloud');
			expect(health.accounts.find((a: { id: string }) => a.id === META.secondPhoneNumberId)).toMatchObject({ healthy: false, state: 'FAILED' });
		} finally {
			world.sim.simulator.registry.tokens.get(META.token)!.expiresAt = undefined;
		}
	});

	test("a WABA's numbers come from Graph with the registered token, marked registered", async () => {
		const response = await world.service.app.inject({ method: 'GET', url: `/v1/cloud/wabas/${META.wabaId}/phone-numbers`, headers: world.admin });
		expect(response.statusCode).toBe(200);
		expect(response.json().data).toEqual(
			expect.arrayContaining([{ id: META.phoneNumberId, displayPhoneNumber: META.displayPhoneNumber, verifiedName: 'Cloud Test Shop', qualityRating: 'GREEN', throughputLevel: 'STANDARD', registered: true }]),
		);
		const unknown = await world.service.app.inject({ method: 'GET', url: '/v1/cloud/wabas/42/phone-numbers', headers: world.admin });
		expect(unknown.statusCode).toBe(404);
		const withToken = await world.service.app.inject({ method: 'GET', url: `/v1/cloud/wabas/${META.wabaId}/phone-numbers`, headers: { ...world.admin, 'x-meta-access-token': META.token } });
		expect(withToken.json().data).toHaveLength(2);
	});

	test('the credential check answers ok with the WABA’s numbers, or 4xx with Meta’s reason, and then rate-limits', async () => {
		const check = (payload: Record<string, unknown>) => world.service.app.inject({ method: 'POST', url: '/v1/cloud/credential-check', payload, remoteAddress: '10.0.0.7' });
		const good = await check({ accessToken: META.token, wabaId: META.wabaId, appId: META.appId });
		expect(good.statusCode).toBe(200);
		expect(good.json()).toMatchObject({ ok: true, wabaId: META.wabaId });
		expect(good.json().phoneNumbers).toHaveLength(2);
		const bad = await check({ accessToken: 'EAAnotAToken12345', wabaId: META.wabaId });
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error.details).toMatchObject({ providerCode: 190, fields: [{ field: 'body.accessToken' }] });
		const noAccess = await check({ accessToken: META.token, wabaId: '424242' });
		expect(noAccess.statusCode).toBe(404);
		for (let i = 0; i < 2; i++) await check({ accessToken: META.token, wabaId: META.wabaId });
		const limited = await check({ accessToken: META.token, wabaId: META.wabaId });
		expect(limited.statusCode).toBe(429);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		const elsewhere = await world.service.app.inject({ method: 'POST', url: '/v1/cloud/credential-check', payload: { accessToken: META.token, wabaId: META.wabaId }, remoteAddress: '10.0.0.8' });
		expect(elsewhere.statusCode).toBe(200);
	});

	test('no Meta token or app secret reached the logs, not even from sends that failed or were retried', async () => {
		world.sim.simulator.faults.add({ kind: 'http_error', status: 500, count: 1, scope: 'messages' });
		expect((await send(world, { type: 'text', text: { body: 'logged?' } })).statusCode).toBe(201);
		world.sim.simulator.registry.expireToken(META.token);
		expect((await send(world, { type: 'text', text: { body: 'refused' } })).statusCode).toBe(502);
		const logs = world.service.logs.text();
		expect(logs.length).toBeGreaterThan(0);
		for (const secret of [META.token, META.appSecret, 'EAAwrongToken000000', 'EAAnotAToken12345']) expect(logs).not.toContain(secret);
	});
});
