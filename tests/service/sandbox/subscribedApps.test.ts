import { createSandbox, IDS, type Sandbox } from './harness';

describe('subscribed_apps of the simulator', () => {
	let sandbox: Sandbox;
	const url = `/graph/v23.0/${IDS.wabaId}/subscribed_apps`;
	beforeEach(async () => {
		sandbox = await createSandbox();
	});
	afterEach(() => sandbox.close());

	test('subscribe, list in the spec’s shape, unsubscribe', async () => {
		expect((await sandbox.inject('GET', url)).json()).toEqual({ data: [] });
		expect((await sandbox.inject('POST', url)).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', url)).json()).toEqual({ data: [{ whatsapp_business_api_data: { id: IDS.appId, name: expect.any(String), link: expect.stringContaining(IDS.appId) } }] });
		expect((await sandbox.inject('POST', url, { body: { override_callback_uri: 'https://hooks.example/waba', verify_token: 'verify-me' } })).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', url)).json().data[0].override_callback_uri).toBe('https://hooks.example/waba');
		expect((await sandbox.inject('DELETE', url)).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', url)).json()).toEqual({ data: [] });
	});

	test('an override needs an https URL and its verify token; another business’s token sees nothing', async () => {
		for (const body of [{ override_callback_uri: 'http://hooks.example/waba', verify_token: 'x' }, { override_callback_uri: 'https://hooks.example/waba' }]) {
			const answer = await sandbox.inject('POST', url, { body });
			expect(answer.statusCode).toBe(400);
			expect(answer.json().error.code).toBe(100);
		}
		expect((await sandbox.inject('GET', url, { token: IDS.otherToken })).json().error).toMatchObject({ code: 100, error_subcode: 33 });
		expect(sandbox.sim.subscriptions.of(IDS.wabaId)).toEqual([]);
	});
});
