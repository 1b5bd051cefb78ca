import { testDialects } from '../../support/databases';
import { bearer, startTestService, type TestService } from '../../support/testService';

describe.each(testDialects())('platform endpoints on %s', (dialect) => {
	let service: TestService;
	beforeAll(async () => {
		service = await startTestService(dialect);
	});
	afterAll(() => service.stop());

	test('/healthz answers without credentials', async () => {
		const response = await service.app.inject({ method: 'GET', url: '/healthz' });
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ status: 'ok' });
	});

	test('/readyz pings the database', async () => {
		const response = await service.app.inject({ method: 'GET', url: '/readyz' });
		expect(response.json()).toEqual({ status: 'ready', database: dialect });
	});

	test('/readyz answers 503 with the reason when the database is gone', async () => {
		const broken = await startTestService(dialect);
		await broken.ctx.storage.close();
		const response = await broken.app.inject({ method: 'GET', url: '/readyz' });
		expect(response.statusCode).toBe(503);
		expect(response.json()).toMatchObject({ status: 'unavailable', database: dialect });
		await broken.app.close();
		await broken.database.drop();
	});

	test('/openapi.json documents every route with its schemas and security', async () => {
		const doc = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/auth/login', '/v1/tenants', '/v1/tenants/{tenantId}/api-keys', '/v1/meta-apps', '/v1/cloud/numbers', '/v1/config/default-mode']));
		expect(doc.paths['/v1/tenants'].post.requestBody.content['application/json'].schema.properties.name).toBeDefined();
		expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
	});

	test('unknown routes answer 404 in the error shape', async () => {
		const response = await service.app.inject({ method: 'GET', url: '/v1/nope' });
		expect(response.statusCode).toBe(404);
		expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Route GET /v1/nope not found', details: {} } });
	});

	test('malformed JSON answers 400 in the error shape', async () => {
		const response = await service.app.inject({ method: 'POST', url: '/v1/tenants', headers: { ...bearer(await service.platformKey()), 'content-type': 'application/json' }, payload: '{"name":' });
		expect(response.statusCode).toBe(400);
		expect(response.json().error.code).toBe('validation_failed');
	});

	test('oversized bodies answer 413', async () => {
		const response = await service.app.inject({ method: 'POST', url: '/v1/tenants', headers: { ...bearer(await service.platformKey()), 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
		expect(response.statusCode).toBe(413);
		expect(response.json().error.code).toBe('payload_too_large');
	});
});
