import { testDialects } from '../../../support/databases';
import { bearer } from '../../../support/testService';
import { META, startCloudWorld, type CloudWorld } from './cloudHarness';

describe.each(testDialects())("a Cloud number's WhatsApp Business profile on %s", (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
	});
	afterAll(() => world.close());

	const url = `/v1/cloud/numbers/${META.phoneNumberId}/profile`;
	const patch = (body: Record<string, unknown>, headers = world.admin) => world.service.app.inject({ method: 'PATCH', url, headers, payload: body });

	test('reads as Meta has it, changes only the fields given, and answers the profile as it is now', async () => {
		const empty = await world.service.app.inject({ method: 'GET', url, headers: bearer(world.tenant.readerKey) });
		expect(empty.statusCode).toBe(200);
		expect(empty.json()).toEqual({ about: null, address: null, description: null, email: null, websites: [], vertical: null, profilePictureUrl: null });

		const changed = await patch({ about: 'Open 9 to 5', email: 'hello@shop.example', websites: ['https://shop.example'], vertical: 'RETAIL', profilePictureHandle: '4:cGljLnBuZw==:aW1hZ2UvcG5n:handle' });
		expect(changed.statusCode).toBe(200);
		expect(changed.json()).toMatchObject({ about: 'Open 9 to 5', email: 'hello@shop.example', websites: ['https://shop.example'], vertical: 'RETAIL', profilePictureUrl: expect.stringMatching(/^https:\/\//), address: null });
		expect((await patch({ address: 'Main St 1' })).json()).toMatchObject({ about: 'Open 9 to 5', address: 'Main St 1' });
		expect(world.sim.simulator.profiles.get(META.phoneNumberId)).toMatchObject({ about: 'Open 9 to 5', address: 'Main St 1', vertical: 'RETAIL' });
	});

	test("bad fields are 400 naming them before Meta is asked; changing needs the admin scope; another tenant's number is 404", async () => {
		const before = world.sim.simulator.profiles.get(META.phoneNumberId);
		const cases: Array<[Record<string, unknown>, string]> = [
			[{}, 'body'],
			[{ about: '' }, 'body.about'],
			[{ about: 'x'.repeat(140) }, 'body.about'],
			[{ email: 'not an email' }, 'body.email'],
			[{ websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, 'body.websites'],
			[{ websites: ['javascript:alert(1)'] }, 'body.websites'],
			[{ vertical: 'SPACESHIPS' }, 'body.vertical'],
			[{ colour: 'blue' }, 'body'],
		];
		for (const [body, field] of cases) {
			const answer = await patch(body);
			expect({ body, status: answer.statusCode }).toEqual({ body, status: 400 });
			expect(JSON.stringify(answer.json().error.details)).toContain(field);
		}
		expect(world.sim.simulator.profiles.get(META.phoneNumberId)).toEqual(before);
		expect((await patch({ about: 'Mine' }, world.sender)).statusCode).toBe(403);
		expect((await world.service.app.inject({ method: 'GET', url: '/v1/cloud/numbers/999999/profile', headers: world.admin })).statusCode).toBe(404);
	});
});
