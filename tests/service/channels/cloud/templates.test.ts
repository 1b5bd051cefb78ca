import { testDialects } from '../../../support/databases';
import { META, startCloudWorld, type CloudWorld } from './cloudHarness';

const TEMPLATE_COUNT = 230;

describe.each(testDialects())('Cloud template routes on %s', (dialect) => {
	let world: CloudWorld;
	const get = (url: string) => world.service.app.inject({ method: 'GET', url, headers: world.sender });
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
		for (let i = 0; i < TEMPLATE_COUNT; i++) {
			world.sim.simulator.upsertTemplate({
				wabaId: META.wabaId,
				name: `promo_${String(i).padStart(3, '0')}`,
				language: i % 10 === 0 ? 'es' : 'en_US',
				category: 'MARKETING',
				status: i % 3 === 0 ? 'PENDING' : 'APPROVED',
				components: [{ type: 'BODY', text: `Offer number ${i} for you` }],
			});
		}
	});
	afterAll(() => world.close());

	/** Follows nextCursor to the end, as the n8n node's "return all" does. */
	async function walk(query: string): Promise<Array<{ id: string; name: string; status: string; language: string }>> {
		const all = [];
		let cursor: string | null = null;
		do {
			const response = await get(`/v1/templates?${query}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
			expect(response.statusCode).toBe(200);
			const page = response.json();
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	}

	test('the approved filter walks every Graph page and returns each approved template once', async () => {
		const approved = await walk('status=approved&limit=50');
		const expected = Array.from({ length: TEMPLATE_COUNT }, (_, i) => i).filter((i) => i % 3 !== 0).length + 1; // + hello_world
		expect(approved).toHaveLength(expected);
		expect(new Set(approved.map((t) => t.id)).size).toBe(expected);
		expect(approved.every((t) => t.status === 'APPROVED')).toBe(true);
	});

	test('search keeps names containing the fragment, across pages, in small pages', async () => {
		const found = await walk('search=PROMO_01&limit=3');
		expect(found.map((t) => t.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `promo_01${i}`));
	});

	test('name and language filters are Meta’s', async () => {
		const byName = (await get('/v1/templates?name=promo_007')).json();
		expect(byName.data.map((t: { name: string }) => t.name)).toEqual(['promo_007']);
		expect(byName.nextCursor).toBeNull();
		const spanish = await walk('language=es&limit=100');
		expect(spanish).toHaveLength(TEMPLATE_COUNT / 10);
		expect(spanish[0]).toMatchObject({ language: 'es', category: 'MARKETING', wabaId: META.wabaId, components: [{ type: 'BODY' }] });
	});

	test('one template by id', async () => {
		const listed = (await get('/v1/templates?name=hello_world')).json().data[0];
		const one = await get(`/v1/templates/${listed.id}?wabaId=${META.wabaId}`);
		expect(one.statusCode).toBe(200);
		expect(one.json()).toEqual(listed);
	});

	test('a valid template is created PENDING, then deleted', async () => {
		const created = await world.service.app.inject({
			method: 'POST',
			url: '/v1/templates',
			headers: world.admin,
			payload: { name: 'shipping_update', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel {{1}} ships today.', example: { body_text: [['A-1']] } }] },
		});
		expect(created.statusCode).toBe(201);
		expect(created.json()).toMatchObject({ name: 'shipping_update', status: 'PENDING', category: 'UTILITY', wabaId: META.wabaId });
		const deleted = await world.service.app.inject({ method: 'DELETE', url: '/v1/templates/shipping_update', headers: world.admin });
		expect(deleted.statusCode).toBe(204);
		expect((await get(`/v1/templates/${created.json().id}`)).statusCode).toBe(404);
	});

	test.each([
		['a name with capitals', { name: 'Bad Name', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi' }] }, 'body.name'],
		['no BODY component', { name: 'no_body', language: 'en', category: 'UTILITY', components: [{ type: 'FOOTER', text: 'Bye' }] }, 'body.components[type=BODY]'],
		['a header over 60 characters', { name: 'long_header', language: 'en', category: 'UTILITY', components: [{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, { type: 'BODY', text: 'Hi' }] }, null],
	])('a template with %s is refused with 400 before Meta is asked', async (_name, payload, field) => {
		const before = world.sim.simulator.stats.graphRequests;
		const response = await world.service.app.inject({ method: 'POST', url: '/v1/templates', headers: world.admin, payload });
		expect(response.statusCode).toBe(400);
		if (field) expect(response.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
		else expect(response.json().error.details.providerSubcode).toBe(2388040);
		expect(world.sim.simulator.stats.graphRequests).toBe(before);
	});

	test('a member key may list but not create templates', async () => {
		const response = await world.service.app.inject({ method: 'POST', url: '/v1/templates', headers: world.sender, payload: { name: 'x', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi' }] } });
		expect(response.statusCode).toBe(403);
	});
});
