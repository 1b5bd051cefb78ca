import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { cloudComposer } from '../../../service/src/channels/cloud/cloudComposer';
import { sendComposer } from '../../../service/src/messages/sendRoutes';
import { Simulator } from '../../../service/src/sandbox';
import { SandboxMount } from '../../../service/src/sandbox/service/sandboxComposer';
import { SANDBOX_META } from '../../../service/src/sandbox/service/sandboxIdentity';
import { provisionSandbox, type SandboxInfo } from '../../../service/src/sandbox/service/sandboxProvisioner';
import { testDialects } from '../../support/databases';
import { createTenantFixture, startTestService, type TestService } from '../../support/testService';
import { EVENT_COMPOSERS } from '../events/eventsTestKit';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe.each(testDialects())('sandbox mode inside the service on %s', (dialect) => {
	let service: TestService;
	let mount: SandboxMount;
	let info: SandboxInfo;
	const call = (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) =>
		fetch(`${service.url}${route}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
	const tenantKey = () => ({ authorization: `Bearer ${info.apiKey}` });

	beforeAll(async () => {
		mount = new SandboxMount();
		service = await startTestService(dialect, {
			composers: [...EVENT_COMPOSERS, mount.composer(), cloudComposer({ sandbox: mount }), sendComposer],
			env: { SANDBOX_MODE: 'true', EVENT_DELIVERY_ENABLED: 'false' },
			listen: true,
		});
		info = JSON.parse(fs.readFileSync(path.join(service.config.dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
	});
	afterAll(() => service.stop());

	test('start-up provisions the sandbox tenant and writes its key to DATA_DIR/sandbox.json, readable only by its owner', async () => {
		const file = path.join(service.config.dataDir, 'sandbox.json');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(info).toMatchObject({ phoneNumberId: SANDBOX_META.phoneNumberId, wabaId: SANDBOX_META.wabaId, graphBaseUrl: `${service.url}/sandbox/graph` });
		const config = (await (await call('GET', '/v1/config', undefined, tenantKey())).json()) as { channels: Array<{ channel: string }> };
		expect(config).toMatchObject({ tenantId: info.tenantId, defaultMode: 'cloud' });
		expect(config.channels.find((c: { channel: string }) => c.channel === 'cloud')).toMatchObject({ configured: true, healthy: true });
		expect(service.logs.text()).toContain('Sandbox mode:');
		expect(service.logs.text()).not.toContain(info.apiKey);
		expect(service.logs.text()).not.toContain(info.meta.accessToken);
	});

	test('an injected inbound message and the statuses of our answer flow through the real webhook path', async () => {
		const platform = { authorization: `Bearer ${await service.platformKey()}` };
		const inbound = await call('POST', '/sandbox/control/inbound', { phoneNumberId: info.phoneNumberId, from: info.testUser, type: 'text', text: { body: 'hi sandbox' }, wait: true }, platform);
		expect(inbound.status).toBe(201);
		const received = await until('the inbound message in history', async () => {
			const rows = await sql<{ id: string }>`select id from messages where direction = 'inbound' and tenant_id = ${info.tenantId}`.execute(service.ctx.storage.db);
			return rows.rows[0];
		});
		expect(received.id).toMatch(/^msg_/);

		const sent = await call('POST', '/v1/messages', { to: info.testUser, type: 'text', text: { body: 'Hello from the sandbox' } }, tenantKey());
		expect(sent.status).toBe(201);
		const { id } = (await sent.json()) as { id: string };
		const delivered = await until('a delivery status on our message', async () => {
			const rows = await sql<{ status: string }>`select status from messages where id = ${id}`.execute(service.ctx.storage.db);
			return ['delivered', 'read'].includes(rows.rows[0]!.status) ? rows.rows[0]!.status : undefined;
		});
		expect(['delivered', 'read']).toContain(delivered);
	});

	test('the control API answers platform admins only (outside development, even on this machine)', async () => {
		expect((await call('GET', '/sandbox/control/stats')).status).toBe(401);
		expect((await call('GET', '/sandbox/control/stats', undefined, tenantKey())).status).toBe(403);
		const other = await createTenantFixture(service, 'Not Sandbox');
		expect((await call('GET', '/sandbox/control/stats', undefined, { authorization: `Bearer ${other.adminKey}` })).status).toBe(403);
		expect((await call('GET', '/sandbox/control/stats', undefined, { authorization: `Bearer ${await service.platformKey()}` })).status).toBe(200);
	});

	test('the n8n credential test accepts the sandbox token through the in-process simulator', async () => {
		const response = await call('POST', '/v1/cloud/credential-check', { accessToken: info.meta.accessToken, wabaId: info.wabaId });
		expect(response.status).toBe(200);
		expect(((await response.json()) as { phoneNumbers: Array<{ id: string }> }).phoneNumbers.map((n: { id: string }) => n.id)).toEqual([SANDBOX_META.phoneNumberId]);
	});

	test("another tenant's Meta credential for a sandbox number connects it to the sandbox, and sends work", async () => {
		mount.sim!.provision({ phoneNumbers: [{ phoneNumberId: '900000000000013', wabaId: '900000000000012', appId: SANDBOX_META.appId, displayPhoneNumber: '+1 555-000-0113', verifiedName: 'Second Shop', accessToken: 'EAASandboxSecondTenant01' }] });
		const other = await createTenantFixture(service, 'Sandbox Two');
		const headers = { authorization: `Bearer ${other.adminKey}` };
		const connected = await call('PUT', '/v1/cloud/connection', { appId: '900000000000011', appSecret: 'second-app-secret', wabaId: '900000000000012', accessToken: 'EAASandboxSecondTenant01' }, headers);
		expect(connected.status).toBe(200);
		expect(((await connected.json()) as { metaApp: { graphBaseUrl: string } }).metaApp.graphBaseUrl).toBe(`${service.url}/sandbox/graph`);
		const sent = await call('POST', '/v1/messages', { channel: 'cloud', to: info.testUser, type: 'text', text: { body: 'from tenant two' } }, headers);
		expect(sent.status).toBe(201);
	});

	test('the simulator stays out of the OpenAPI document', async () => {
		const doc = (await (await call('GET', '/openapi.json')).json()) as { paths: Record<string, unknown> };
		expect(Object.keys(doc.paths).filter((p) => p.startsWith('/sandbox'))).toEqual([]);
	});

	test('provisioning again (a restart) reuses the tenant, the number and the key in sandbox.json', async () => {
		const fresh = new Simulator();
		try {
			const again = await provisionSandbox(service.ctx, fresh, service.url);
			expect(again).toMatchObject({ tenantId: info.tenantId, apiKey: info.apiKey, meta: info.meta });
			expect(fresh.registry.tokens.has(info.meta.accessToken)).toBe(true);
			const tenants = await sql<{ n: number }>`select count(*) as n from tenants where name = 'Sandbox'`.execute(service.ctx.storage.db);
			expect(Number(tenants.rows[0]!.n)).toBe(1);
		} finally {
			fresh.close();
		}
	});
});
