import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { testDialects } from '../../../support/databases';
import { listenLocally } from '../../../support/localServer';
import { N8nHarness, type WorkflowRun } from '../../../support/n8n';
import { startSandboxWorld, type SandboxWorld } from '../../../support/n8n/sandboxWorld';
import { sessionNamed, web } from '../../WhatsAppWeb/fakeWeb';
import { eventually } from '../../WhatsAppWeb/integration/webSandbox';
import { byId } from '../fakeAdmin';

/** A second business in the Cloud simulator: its own WABA with two numbers under the sandbox's Meta app, and a token. */
const SECOND = { wabaId: '900000000000032', phoneNumberId: '900000000000033', displayPhoneNumber: '+1 555-000-0133', accessToken: 'EAASandboxAdminOnboarding01' };
const LATER = { phoneNumberId: '900000000000034', displayPhoneNumber: '+1 555-000-0134' };
const CUSTOMER = '15550006666';

/** A subscriber that answers 500 until told to recover, recording what it received. */
async function flakySubscriber(): Promise<{ url: string; received: IDataObject[]; recover(): void; close(): Promise<void> }> {
	const received: IDataObject[] = [];
	let healthy = false;
	const server = await listenLocally((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			if (!healthy) {
				response.writeHead(500).end('down');
				return;
			}
			received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject);
			response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	return {
		url: `${server.url}/events`,
		received,
		recover: () => {
			healthy = true;
		},
		close: () => server.close(),
	};
}

/**
 * A platform operator onboards a tenant with the Tenant Admin node against the real service: tenant and key, the
 * Meta credential pushed, a webhook that arrived before the tenant existed replayed, the default mode switched
 * (refused with the reason, then accepted), keys rotated and revoked, and a dead letter replayed.
 */
describe.each(testDialects())('WhatsApp Tenant Admin node against the real service on %s', (dialect) => {
	let world: SandboxWorld;
	let admin: N8nHarness;
	let subscriber: Awaited<ReturnType<typeof flakySubscriber>>;
	let tenantId: string;
	let tenantKey: string;

	const control = async (route: string, body: unknown) => {
		const response = await fetch(`${world.service.url}/sandbox/control${route}`, { method: 'POST', headers: { authorization: `Bearer ${await world.service.platformKey()}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
		return (await response.json()) as IDataObject;
	};
	const asTenant = async (key: string, method: string, route: string, body?: unknown) =>
		fetch(`${world.service.url}${route}`, { method, headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
	const runAdmin = async (parameters: INodeParameters): Promise<{ run: WorkflowRun; json: IDataObject[]; error?: Error & { httpCode?: string; description?: string } }> => {
		const run = await admin.run([{ name: 'Admin', type: 'whatsAppTenantAdmin', parameters, credentials: ['whatsAppServiceAdminApi', 'whatsAppBusinessCloudApi'] }]);
		const error = run.nodeError('Admin');
		return { run, error, json: error ? [] : run.json('Admin') };
	};
	const customerWrites = (text: string, phoneNumberId = SECOND.phoneNumberId) => control('/inbound', { phoneNumberId, from: CUSTOMER, wait: true, type: 'text', text: { body: text } });

	beforeAll(async () => {
		subscriber = await flakySubscriber();
		// Deliveries failing for a second are dead-lettered, so the test does not wait a day.
		world = await startSandboxWorld(dialect, { web: true, env: { EVENT_MAX_AGE_SECONDS: '1' } });
		await control('/provision', { wabas: [{ wabaId: SECOND.wabaId, appId: world.sandbox.meta.appId }], phoneNumbers: [SECOND, { ...SECOND, ...LATER }].map((number) => ({ ...number, appId: world.sandbox.meta.appId, verifiedName: 'Second Shop' })) });
		admin = await N8nHarness.start({
			listen: false,
			credentials: {
				whatsAppServiceAdminApi: { serviceUrl: world.service.url, apiKey: await world.service.platformKey() },
				whatsAppBusinessCloudApi: { appId: world.sandbox.meta.appId, appSecret: world.sandbox.meta.appSecret, wabaId: SECOND.wabaId, accessToken: SECOND.accessToken, verifyToken: '', serviceUrl: world.service.url },
			},
		});
	});
	afterAll(async () => {
		await admin?.close();
		await world?.close();
		await subscriber?.close();
	});

	test('create a tenant with its first key (shown once, and working); list, get and rename it', async () => {
		const created = await runAdmin({ resource: 'tenant', operation: 'create', name: 'Second Shop', options: { slug: 'second-shop', apiKeyScopes: ['read', 'send', 'admin'] } });
		expect(created.error).toBeUndefined();
		expect(created.json[0]).toMatchObject({ name: 'Second Shop', slug: 'second-shop', status: 'active', key: expect.stringMatching(/^wak_/), apiKey: { scopes: ['read', 'send', 'admin'] } });
		tenantId = created.json[0].id as string;
		tenantKey = created.json[0].key as string;
		expect((await asTenant(tenantKey, 'GET', '/v1/me')).status).toBe(200);

		const listed = await runAdmin({ resource: 'tenant', operation: 'list', returnAll: true });
		expect(listed.json.map((tenant) => tenant.id)).toEqual(expect.arrayContaining([tenantId, world.sandbox.tenantId]));
		const renamed = await runAdmin({ resource: 'tenant', operation: 'update', tenant: byId(tenantId), updateFields: { name: 'Second Shop Ltd' } });
		expect(renamed.json[0]).toMatchObject({ id: tenantId, name: 'Second Shop Ltd' });
		expect((await runAdmin({ resource: 'tenant', operation: 'get', tenant: byId(tenantId) })).json[0].name).toBe('Second Shop Ltd');
	});

	test('push the Meta credential for one number; a webhook for the other is kept unrouted, its replay refused until that number is pushed too, then it reaches the tenant', async () => {
		const pushed = await runAdmin({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(tenantId), options: { phoneNumberIds: SECOND.phoneNumberId } });
		expect(pushed.error).toBeUndefined();
		expect(pushed.json[0]).toMatchObject({ tenantId, webhookUrl: `${world.service.url}/webhooks/meta/${world.sandbox.meta.appId}`, numbers: [expect.objectContaining({ phoneNumberId: SECOND.phoneNumberId, verifiedName: 'Second Shop', isDefault: true })] });
		expect(pushed.json[0].metaApp).toMatchObject({ appId: world.sandbox.meta.appId, appSecret: expect.not.stringContaining(world.sandbox.meta.appSecret) });

		await customerWrites('Hello, anyone there?', LATER.phoneNumberId);
		const pending = await eventually(async () => {
			const { json } = await runAdmin({ resource: 'delivery', operation: 'listUnrouted', returnAll: true, filters: { phoneNumberId: LATER.phoneNumberId, pending: true } });
			return json.length > 0 ? json : undefined;
		}, 'the unrouted webhook');
		expect(pending[0]).toMatchObject({ appId: world.sandbox.meta.appId, wabaId: SECOND.wabaId, phoneNumberId: LATER.phoneNumberId, field: 'messages' });
		const unroutedId = pending[0].id as string;
		const early = await runAdmin({ resource: 'delivery', operation: 'replayUnrouted', unroutedId });
		expect(early.error).toMatchObject({ httpCode: '409', message: expect.stringMatching(/^Still unrouted/) });

		const everything = await runAdmin({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(tenantId) });
		expect((everything.json[0].numbers as IDataObject[]).map((number) => number.phoneNumberId).sort()).toEqual([SECOND.phoneNumberId, LATER.phoneNumberId]);
		const replayed = await runAdmin({ resource: 'delivery', operation: 'replayUnrouted', unroutedId });
		expect(replayed.json[0]).toMatchObject({ id: unroutedId, accepted: 1, tenants: [tenantId] });
		const history = (await (await asTenant(tenantKey, 'GET', '/v1/conversations')).json()) as { data: IDataObject[] };
		expect(history.data).toEqual([expect.objectContaining({ account: LATER.phoneNumberId })]);
		expect((await runAdmin({ resource: 'delivery', operation: 'listUnrouted', returnAll: true, filters: { phoneNumberId: LATER.phoneNumberId, pending: true } })).json).toEqual([]);
	});

	test('test connection reads each number from Meta; get many numbers lists them', async () => {
		const tested = await runAdmin({ resource: 'cloud', operation: 'testConnection', tenant: byId(tenantId), phoneNumberId: 'all' });
		expect(tested.json.map((result) => [result.phoneNumberId, result.ok, result.displayPhoneNumber]).sort()).toEqual([
			[SECOND.phoneNumberId, true, SECOND.displayPhoneNumber],
			[LATER.phoneNumberId, true, LATER.displayPhoneNumber],
		]);
		const numbers = await runAdmin({ resource: 'cloud', operation: 'listNumbers', tenant: byId(tenantId) });
		expect(numbers.json.every((number) => (number.lastTest as IDataObject | null)?.ok === true)).toBe(true);
	});

	test('the default mode: cloud is accepted; web is refused with the reason until a Web session is linked, then accepted', async () => {
		expect((await runAdmin({ resource: 'configuration', operation: 'setDefaultMode', tenant: byId(tenantId), mode: 'cloud' })).json[0]).toMatchObject({ tenantId, defaultMode: 'cloud' });
		const refused = await runAdmin({ resource: 'configuration', operation: 'setDefaultMode', tenant: byId(tenantId), mode: 'web' });
		expect(refused.error).toMatchObject({ httpCode: '409', message: 'Cannot switch the default mode to web: The web channel is not configured for this tenant (create and connect a WhatsApp Web session)' });

		// The tenant links a phone with the WhatsApp Web node, using the key the admin node gave it.
		const tenantN8n = await N8nHarness.start({ listen: false, credentials: { whatsAppTenantApi: { serviceUrl: world.service.url, apiKey: tenantKey } } });
		try {
			await tenantN8n.run([web({ resource: 'session', operation: 'create', name: 'phone' })]);
			await tenantN8n.run([web({ resource: 'session', operation: 'getQr', session: sessionNamed('phone'), waitSeconds: 15 })]);
			const phone = await fetch(`${world.service.url}/sandbox/web/${tenantId}/phone/scan`, { method: 'POST', headers: { authorization: `Bearer ${await world.service.platformKey()}` } });
			expect(phone.status).toBe(200);
			const working = await tenantN8n.run([web({ resource: 'session', operation: 'start', session: sessionNamed('phone'), waitUntil: 'working', waitSeconds: 15 })]);
			expect(working.json('WhatsApp Web')[0].status).toBe('WORKING');
		} finally {
			await tenantN8n.close();
		}
		const accepted = await runAdmin({ resource: 'configuration', operation: 'setDefaultMode', tenant: byId(tenantId), mode: 'web' });
		expect(accepted.json[0]).toMatchObject({ defaultMode: 'web', channels: expect.arrayContaining([expect.objectContaining({ channel: 'web', configured: true, healthy: true })]) });
		expect((await runAdmin({ resource: 'configuration', operation: 'get', tenant: byId(tenantId) })).json[0].defaultMode).toBe('web');
	});

	test('API keys: create shows the key once, rotate replaces it (the old one stops working), revoke ends it', async () => {
		const created = await runAdmin({ resource: 'apiKey', operation: 'create', tenant: byId(tenantId), name: 'n8n production', scopes: ['read', 'send'] });
		const first = created.json[0];
		expect(first).toMatchObject({ name: 'n8n production', scopes: ['read', 'send'], key: expect.stringMatching(/^wak_/), revokedAt: null });
		expect((await asTenant(first.key as string, 'GET', '/v1/me')).status).toBe(200);

		const listed = await runAdmin({ resource: 'apiKey', operation: 'list', tenant: byId(tenantId) });
		expect(listed.json.map((key) => key.name)).toEqual(expect.arrayContaining(['n8n production']));
		expect(JSON.stringify(listed.json)).not.toContain(first.key as string);

		const rotated = await runAdmin({ resource: 'apiKey', operation: 'rotate', tenant: byId(tenantId), apiKey: byId(first.id as string) });
		expect(rotated.json[0]).toMatchObject({ name: 'n8n production', scopes: ['read', 'send'], replacedKeyId: first.id, key: expect.stringMatching(/^wak_/) });
		expect((await asTenant(first.key as string, 'GET', '/v1/me')).status).toBe(401);
		expect((await asTenant(rotated.json[0].key as string, 'GET', '/v1/me')).status).toBe(200);

		const revoked = await runAdmin({ resource: 'apiKey', operation: 'revoke', tenant: byId(tenantId), apiKey: byId(rotated.json[0].id as string) });
		expect(revoked.json[0].revokedAt).toEqual(expect.any(String));
		expect((await asTenant(rotated.json[0].key as string, 'GET', '/v1/me')).status).toBe(401);
		const live = await runAdmin({ resource: 'apiKey', operation: 'list', tenant: byId(tenantId) });
		expect(live.json.map((key) => key.id)).not.toContain(first.id);
	});

	test('deliveries their subscriber kept refusing are dead-lettered and listed; one is replayed by id, the rest for the tenant, each with its event id', async () => {
		const subscription = await asTenant(tenantKey, 'POST', '/v1/subscriptions', { targetUrl: subscriber.url, events: ['message.received'], channel: 'cloud' });
		expect(subscription.status).toBe(201);
		const subscriptionId = ((await subscription.json()) as IDataObject).id as string;
		await customerWrites('Where is my order?');
		await customerWrites('Hello?');
		const deadLetters = await eventually(async () => {
			const { json } = await runAdmin({ resource: 'delivery', operation: 'listDeadLetters', returnAll: true, filters: { tenantId, subscriptionId } });
			return json.length === 2 ? json : undefined;
		}, 'two dead letters');
		expect(deadLetters.every((deadLetter) => deadLetter.eventType === 'message.received' && deadLetter.lastStatus === 500)).toBe(true);
		const limited = await runAdmin({ resource: 'delivery', operation: 'listDeadLetters', returnAll: false, limit: 1, filters: { tenantId } });
		expect(limited.json).toHaveLength(1);
		// Where the subscription's deliveries stand, as the admin node shows it.
		const unhealthy = await runAdmin({ resource: 'delivery', operation: 'listSubscriptions', tenant: byId(tenantId), options: { onlyUnhealthy: true } });
		expect(unhealthy.json).toEqual([expect.objectContaining({ tenantId, id: subscriptionId, delivery: expect.objectContaining({ pending: 0, deadLetters: 2, healthy: false }) })]);

		subscriber.recover();
		const [first, second] = deadLetters;
		const replayed = await runAdmin({ resource: 'delivery', operation: 'replayDeadLetter', deadLetterId: first.id as string });
		expect(replayed.json[0]).toEqual({ id: first.id, replayed: 1 });
		await eventually(async () => subscriber.received.find((event) => event.id === first.eventId), 'the event replayed by id');

		const rest = await runAdmin({ resource: 'delivery', operation: 'replayTenantDeadLetters', tenant: byId(tenantId), subscriptionId: '' });
		expect(rest.json[0]).toEqual({ tenantId, replayed: 1 });
		await eventually(async () => subscriber.received.find((event) => event.id === second.eventId), 'the event replayed for the tenant');
		expect(subscriber.received.map((event) => (event.data as IDataObject).text).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ body: 'Hello?' }, { body: 'Where is my order?' }]);
		expect((await runAdmin({ resource: 'delivery', operation: 'listDeadLetters', returnAll: true, filters: { tenantId } })).json).toEqual([]);
		const healthy = await eventually(async () => {
			const { json } = await runAdmin({ resource: 'delivery', operation: 'listSubscriptions', tenant: byId(tenantId), options: {} });
			const mine = json.find((row) => row.id === subscriptionId);
			return (mine?.delivery as IDataObject | undefined)?.pending === 0 ? mine : undefined;
		}, 'the replayed deliveries settled');
		expect(healthy.delivery).toEqual({ pending: 0, retrying: 0, oldestPendingAt: null, nextRetryAt: null, lastFailure: null, deadLetters: 0, healthy: true });
	});

	test('delete removes a tenant; reading it afterwards is a 404', async () => {
		const temporary = (await runAdmin({ resource: 'tenant', operation: 'create', name: 'Temporary' })).json[0];
		expect((await runAdmin({ resource: 'tenant', operation: 'delete', tenant: byId(temporary.id as string) })).json[0]).toEqual({ id: temporary.id, deleted: true });
		expect((await runAdmin({ resource: 'tenant', operation: 'get', tenant: byId(temporary.id as string) })).error).toMatchObject({ httpCode: '404' });
	});
});
