import { serviceError } from '../../support/n8n';
import { byId, FakeAdminWorld, META, TENANT_ID } from './fakeAdmin';

let world: FakeAdminWorld;
const number = (phoneNumberId: string) => ({ id: `cln_${phoneNumberId}`, phoneNumberId, wabaId: META.wabaId, metaAppId: META.appId, displayPhoneNumber: `+1 555 ${phoneNumberId.slice(-4)}`, verifiedName: 'Acme', accessToken: '****oken', isDefault: false });
const connection = { metaApp: { id: 'mapp_1', appId: META.appId, appSecret: '****Meta', verifyToken: 'generated-verify-token', webhookUrl: `https://wa.example.com/webhooks/meta/${META.appId}` }, numbers: [number('106540352242922')] };

beforeAll(async () => {
	world = await FakeAdminWorld.start();
});
afterEach(() => world.service.reset());
afterAll(async () => world.close());

describe('Tenant Admin › Cloud API', () => {
	test('push configuration sends the Meta credential to PUT /v1/cloud/connection for the tenant and says where Meta must call', async () => {
		world.service.on('PUT', '/v1/cloud/connection', { json: connection });
		const run = await world.run({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(TENANT_ID), options: { phoneNumberIds: '106540352242922,  106540352242923', throughputPerSecond: 200, graphApiVersion: 'v23.0' } });
		const [call] = world.service.calls('PUT', '/v1/cloud/connection');
		expect(call.headers['x-tenant-id']).toBe(TENANT_ID);
		// The credential's empty verify token is left out, so the service generates one.
		expect(call.body).toEqual({ appId: META.appId, appSecret: META.appSecret, wabaId: META.wabaId, accessToken: META.accessToken, graphApiVersion: 'v23.0', phoneNumberIds: ['106540352242922', '106540352242923'], throughputPerSecond: 200 });
		expect(run.json('Admin')).toEqual([{ tenantId: TENANT_ID, webhookUrl: connection.metaApp.webhookUrl, verifyToken: 'generated-verify-token', metaApp: connection.metaApp, numbers: connection.numbers }]);
	});

	test("the credential's verify token is pushed when it has one", async () => {
		const withToken = await FakeAdminWorld.start({ ...META, verifyToken: 'my-own-verify-token' });
		try {
			withToken.service.on('PUT', '/v1/cloud/connection', { json: connection });
			await withToken.run({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(TENANT_ID) });
			expect(withToken.service.calls('PUT', '/v1/cloud/connection')[0].body).toMatchObject({ verifyToken: 'my-own-verify-token' });
		} finally {
			await withToken.close();
		}
	});

	test('a phone number (not its id) in the number list is refused naming the field', async () => {
		const run = await world.run({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(TENANT_ID), options: { phoneNumberIds: '+1 555 0100' } });
		expect(run.nodeError('Admin')?.message).toBe('Only These Phone Number IDs: +1 555 0100 is not a phone number ID');
		expect(world.service.requests).toHaveLength(0);
	});

	test("Meta's refusal of the token reaches the node naming the credential's field, with Meta's code", async () => {
		world.service.on('PUT', '/v1/cloud/connection', serviceError(400, 'provider_error', 'Invalid OAuth access token', { fields: [{ field: 'body.accessToken', message: 'was refused by Meta' }], providerCode: 190, hint: 'Generate a new system-user token' }));
		const run = await world.run({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(TENANT_ID) });
		expect(run.nodeError('Admin')).toMatchObject({ message: 'Invalid OAuth access token', description: expect.stringContaining('Fields: Access Token in the Meta credential (body.accessToken) was refused by Meta') });
		expect(run.nodeError('Admin')?.description).toContain('WhatsApp error code: 190');
	});

	test('test connection with "All Numbers" tests each registered number and outputs one item per number, failures included', async () => {
		world.service.on('GET', '/v1/cloud/numbers', { json: { data: [number('106540352242922'), number('106540352242923')] } });
		world.service.on('POST', '/v1/cloud/numbers/:id/test', (request) =>
			request.params.id.endsWith('2922')
				? { json: { ok: true, displayPhoneNumber: '+1 555 2922', verifiedName: 'Acme', qualityRating: 'GREEN', throughput: { level: 'STANDARD', perSecond: 80 } } }
				: { json: { ok: false, displayPhoneNumber: '+1 555 2923', verifiedName: null, qualityRating: null, throughput: null, error: { code: 'provider_error', message: 'Token expired', providerCode: 190 } } },
		);
		const run = await world.run({ resource: 'cloud', operation: 'testConnection', tenant: byId(TENANT_ID), phoneNumberId: 'all' });
		expect(world.service.calls('POST', /\/test$/).map((request) => [request.path, request.headers['x-tenant-id']])).toEqual([
			['/v1/cloud/numbers/106540352242922/test', TENANT_ID],
			['/v1/cloud/numbers/106540352242923/test', TENANT_ID],
		]);
		expect(run.items('Admin').map((item) => [item.json.phoneNumberId, item.json.ok, item.pairedItem])).toEqual([
			['106540352242922', true, { item: 0 }],
			['106540352242923', false, { item: 0 }],
		]);
		expect(run.json('Admin')[1].error).toMatchObject({ message: 'Token expired', providerCode: 190 });
	});

	test('test connection of one number asks for that number only', async () => {
		world.service.on('POST', '/v1/cloud/numbers/:id/test', { json: { ok: true, displayPhoneNumber: null, verifiedName: null, qualityRating: null, throughput: null } });
		await world.run({ resource: 'cloud', operation: 'testConnection', tenant: byId(TENANT_ID), phoneNumberId: '106540352242923' });
		expect(world.service.requests.map((request) => request.path)).toEqual(['/v1/cloud/numbers/106540352242923/test']);
	});

	test('test connection of a tenant without numbers says to push the configuration first', async () => {
		world.service.on('GET', '/v1/cloud/numbers', { json: { data: [] } });
		const run = await world.run({ resource: 'cloud', operation: 'testConnection', tenant: byId(TENANT_ID), phoneNumberId: 'all' });
		expect(run.nodeError('Admin')).toMatchObject({ message: 'The tenant has no Cloud API numbers to test', description: expect.stringContaining('Push Configuration') });
	});

	test('the number picker lists the chosen tenant\'s numbers after "All Numbers"', async () => {
		world.service.on('GET', '/v1/cloud/numbers', { json: { data: [number('106540352242922')] } });
		const options = await world.node.methods.loadOptions.getTenantCloudNumbers.call(world.editing({ resource: 'cloud', operation: 'testConnection', tenant: byId(TENANT_ID) }));
		expect(options.map((option) => option.value)).toEqual(['all', '106540352242922']);
		expect(world.service.calls('GET', '/v1/cloud/numbers')[0].headers['x-tenant-id']).toBe(TENANT_ID);
	});

	test('get many numbers lists them for the tenant', async () => {
		world.service.on('GET', '/v1/cloud/numbers', { json: { data: [number('106540352242922')] } });
		const run = await world.run({ resource: 'cloud', operation: 'listNumbers', tenant: byId(TENANT_ID) });
		expect(run.json('Admin')).toEqual([number('106540352242922')]);
	});

	test('business profile: read for every number, and update only the fields given (websites as a list), one item per number', async () => {
		const profile = { about: 'Open 9 to 5', address: null, description: null, email: null, websites: [], vertical: 'RETAIL', profilePictureUrl: null };
		world.service.on('GET', '/v1/cloud/numbers', { json: { data: [number('106540352242922'), number('106540352242923')] } });
		world.service.on('GET', '/v1/cloud/numbers/:id/profile', { json: profile });
		world.service.on('PATCH', '/v1/cloud/numbers/:id/profile', (request) => ({ json: { ...profile, ...(request.body as object) } }));
		const read = await world.run({ resource: 'cloud', operation: 'getProfile', tenant: byId(TENANT_ID), phoneNumberId: 'all' });
		expect(read.json('Admin').map((item) => [item.phoneNumberId, item.about])).toEqual([
			['106540352242922', 'Open 9 to 5'],
			['106540352242923', 'Open 9 to 5'],
		]);
		const changed = await world.run({ resource: 'cloud', operation: 'updateProfile', tenant: byId(TENANT_ID), phoneNumberId: '106540352242923', profileFields: { email: 'hi@shop.example', websites: 'https://shop.example, https://shop.example/blog' } });
		const [patch] = world.service.calls('PATCH', /\/profile$/);
		expect([patch.path, patch.headers['x-tenant-id'], patch.body]).toEqual(['/v1/cloud/numbers/106540352242923/profile', TENANT_ID, { email: 'hi@shop.example', websites: ['https://shop.example', 'https://shop.example/blog'] }]);
		expect(changed.json('Admin')).toEqual([{ tenantId: TENANT_ID, phoneNumberId: '106540352242923', ...profile, email: 'hi@shop.example', websites: ['https://shop.example', 'https://shop.example/blog'] }]);
	});

	test('business profile update: no field, three websites or an empty About fail naming the field before any request', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{}, 'Update Fields: add at least one field to change'],
			[{ websites: 'https://a.example, https://b.example, https://c.example' }, 'Websites: at most 2 http(s) URLs, separated by commas'],
			[{ about: '' }, 'About: 1 to 139 characters (got 0)'],
		];
		for (const [profileFields, message] of cases) {
			const run = await world.run({ resource: 'cloud', operation: 'updateProfile', tenant: byId(TENANT_ID), phoneNumberId: '106540352242922', profileFields });
			expect(run.nodeError('Admin')?.message).toBe(message);
		}
		expect(world.service.requests).toEqual([]);
	});

	test("push configuration passes the app's webhook subscription through, and can leave it alone", async () => {
		world.service.on('PUT', '/v1/cloud/connection', (request) => ({ json: { ...connection, ...((request.body as { subscribeApp?: boolean }).subscribeApp === false ? {} : { subscription: { subscribed: false, error: { message: 'Permission denied', providerCode: 200 } } }) } }));
		const subscribed = await world.run({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(TENANT_ID), options: {} });
		expect(subscribed.json('Admin')[0].subscription).toEqual({ subscribed: false, error: { message: 'Permission denied', providerCode: 200 } });
		const left = await world.run({ resource: 'cloud', operation: 'pushConfiguration', tenant: byId(TENANT_ID), options: { subscribeApp: false } });
		expect(world.service.calls('PUT', '/v1/cloud/connection').map((request) => (request.body as { subscribeApp?: boolean }).subscribeApp)).toEqual([undefined, false]);
		expect(left.json('Admin')[0].subscription).toBeUndefined();
	});
});
