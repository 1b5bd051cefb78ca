import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, startWebWorld, type WebWorld } from './webHarness';

describe.each(testDialects())('a person as WhatsApp Web shows them, and the account\'s presence, on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const info = (contactId: string) => call(world, world.sender, 'GET', `/v1/web/sessions/desk/contacts/${encodeURIComponent(contactId)}`);

	test('by phone number or user id: names, business flag, About, picture, and whether the session blocked them', async () => {
		const shown = await info('+1 555 000 7001');
		expect(shown.statusCode).toBe(200);
		expect(shown.json()).toEqual({ id: '15550007001@c.us', number: '15550007001', name: null, pushName: null, isBusiness: false, isMyContact: false, isBlocked: false, about: expect.any(String), profilePictureUrl: null });
		await call(world, world.sender, 'POST', '/v1/contacts/block', { channel: 'web', from: 'desk', users: ['15550007001'] });
		expect((await info('15550007001@c.us')).json().isBlocked).toBe(true);
	});

	test('someone WhatsApp does not know is 404; something that is no person is 400 naming it', async () => {
		expect((await info('99900000001')).statusCode).toBe(404);
		const group = await info('120363025246125486@g.us');
		expect(group.statusCode).toBe(400);
		expect(group.json().error.details.fields).toEqual([expect.objectContaining({ field: 'params.contactId' })]);
	});

	test('presence: the account shows online or offline to everyone; anything else is 400 naming the field', async () => {
		const client = await fakeClientOf(world, 'desk');
		const online = await call(world, world.sender, 'POST', '/v1/web/sessions/desk/presence', { state: 'available' });
		expect(online.json()).toEqual({ success: true, state: 'available' });
		expect(client?.presence).toBe('available');
		await call(world, world.sender, 'POST', '/v1/web/sessions/desk/presence', { state: 'unavailable' });
		expect(client?.presence).toBe('unavailable');
		const bad = await call(world, world.sender, 'POST', '/v1/web/sessions/desk/presence', { state: 'busy' });
		expect(bad.statusCode).toBe(400);
		expect(JSON.stringify(bad.json().error.details)).toContain('body.state');
		expect(client?.presence).toBe('unavailable');
	});
});

describe.each(testDialects())("the session's own profile on %s", (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
	const patch = (body: Record<string, unknown>, headers = world.admin) => call(world, headers, 'PATCH', '/v1/web/sessions/desk/me', body);

	test('name, About and picture change as asked (the picture also goes away), and the account answers with its new name', async () => {
		const client = await fakeClientOf(world, 'desk');
		const changed = await patch({ displayName: 'Acme Support', about: 'Replies within the hour', picture: { base64: PNG, mimeType: 'image/png' } });
		expect(changed.statusCode).toBe(200);
		expect(changed.json()).toMatchObject({ pushName: 'Acme Support' });
		expect(client?.profile).toEqual({ displayName: 'Acme Support', about: 'Replies within the hour', hasPicture: true });
		await patch({ picture: null });
		expect(client?.profile.hasPicture).toBe(false);
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/desk/me')).json().pushName).toBe('Acme Support');
	});

	test('bad fields are 400 naming them, nothing changes, and only an admin key may change the profile', async () => {
		const client = await fakeClientOf(world, 'desk');
		const before = client?.profile;
		const cases: Array<[Record<string, unknown>, string]> = [
			[{}, 'body'],
			[{ displayName: 'x'.repeat(26) }, 'body.displayName'],
			[{ about: 'x'.repeat(140) }, 'body.about'],
			[{ picture: { base64: PNG, mimeType: 'image/gif' } }, 'body.picture'],
			[{ picture: { base64: `data:image/png;base64,${PNG}`, mimeType: 'image/png' } }, 'body.picture.base64'],
		];
		for (const [body, field] of cases) {
			const answer = await patch(body);
			expect({ body, status: answer.statusCode }).toEqual({ body, status: 400 });
			expect(JSON.stringify(answer.json().error.details)).toContain(field);
		}
		expect(client?.profile).toEqual(before);
		expect((await patch({ about: 'sender key' }, world.sender)).statusCode).toBe(403);
	});
});
