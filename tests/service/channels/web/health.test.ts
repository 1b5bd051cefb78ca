import { testDialects } from '../../../support/databases';
import { call, linkSession, startWebWorld, waitForStatus, type WebWorld } from './webHarness';

describe.each(testDialects())('web channel health and default mode on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
	});
	afterAll(() => world.service.stop());

	const webHealth = async () => (await call(world, world.admin, 'GET', '/v1/config')).json().channels.find((channel: { channel: string }) => channel.channel === 'web');

	test('without sessions the channel is not configured, and the tenant cannot switch to it', async () => {
		expect(await webHealth()).toMatchObject({ enabled: true, configured: false, healthy: false, reason: 'No WhatsApp Web session exists', accounts: [] });
		const refused = await call(world, world.admin, 'PUT', '/v1/config/default-mode', { mode: 'web' });
		expect(refused.statusCode).toBe(409);
	});

	test('a session that is not WORKING makes it configured but unhealthy, with its state and reason per account', async () => {
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'pending', start: false });
		expect(await webHealth()).toMatchObject({ configured: true, healthy: false, reason: 'No WhatsApp Web session is WORKING', accounts: [{ id: 'pending', healthy: false, state: 'STOPPED' }] });
		expect((await call(world, world.admin, 'PUT', '/v1/config/default-mode', { mode: 'web' })).statusCode).toBe(409);
	});

	test('one WORKING session makes it healthy; as the default mode, sends without a channel go through it', async () => {
		const linked = await linkSession(world, 'live');
		const health = await webHealth();
		expect(health).toMatchObject({ configured: true, healthy: true });
		expect(health.accounts).toEqual(expect.arrayContaining([{ id: 'live', address: linked.me?.id, healthy: true, state: 'WORKING' }]));
		expect((await call(world, world.admin, 'PUT', '/v1/config/default-mode', { mode: 'web' })).json().defaultMode).toBe('web');

		// Two sessions and no default: the sender must name one.
		const ambiguous = await call(world, world.sender, 'POST', '/v1/messages', { to: '15550001234@c.us', type: 'text', text: { body: 'hi' } });
		expect(ambiguous.statusCode).toBe(400);
		expect(ambiguous.json().error.details.fields[0].field).toBe('body.from');
		await call(world, world.admin, 'PATCH', '/v1/web/sessions/live', { isDefault: true });
		const sent = await call(world, world.sender, 'POST', '/v1/messages', { to: '15550001234@c.us', type: 'text', text: { body: 'hi' } });
		expect(sent.statusCode).toBe(201);
		expect(sent.json()).toMatchObject({ channel: 'web', from: 'live' });

		await call(world, world.admin, 'POST', '/v1/web/sessions/live/stop');
		await waitForStatus(world, 'live', 'STOPPED');
		expect((await webHealth()).healthy).toBe(false);
	});
});
