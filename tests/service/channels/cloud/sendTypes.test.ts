import { testDialects } from '../../../support/databases';
import { META, send, startCloudWorld, type CloudWorld } from './cloudHarness';

describe.each(testDialects())('Cloud sends of every type on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
	});
	afterAll(() => world.close());

	test('a text message reaches Meta with preview_url and comes back as an accepted wamid', async () => {
		const response = await send(world, { type: 'text', text: { body: 'Hello https://example.com', previewUrl: true } });
		expect(response.statusCode).toBe(201);
		const body = response.json();
		expect(body).toMatchObject({ channel: 'cloud', from: META.phoneNumberId, type: 'text', status: 'accepted', replayed: false });
		expect(body.providerMessageId).toMatch(/^wamid\./);
		const logged = world.sim.simulator.messages.getSent(body.providerMessageId);
		expect(logged?.request).toMatchObject({ type: 'text', text: { body: 'Hello https://example.com', preview_url: true } });
	});
});
