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

	describe('editing', () => {
		const patch = (id: string, payload: Record<string, unknown>, headers = world.admin) => world.service.app.inject({ method: 'PATCH', url: `/v1/templates/${id}`, headers, payload });
		const provision = (name: string, status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED', text = 'Your order {{1}} is ready.') =>
			world.sim.simulator.upsertTemplate({ wabaId: META.wabaId, name, language: 'en_US', category: 'UTILITY', status, components: [{ type: 'BODY', text, example: { body_text: [['A-1']] } }] });
		const stored = (id: string) => world.sim.simulator.templates.get(id);

		test('new components replace all of an approved template’s, which goes back to review; a second edit the same day is Meta’s error', async () => {
			const template = provision('order_ready', 'APPROVED');
			const components = [
				{ type: 'HEADER', format: 'TEXT', text: 'Order update' },
				{ type: 'BODY', text: 'Order {{1}} can be collected from {{2}}.', example: { body_text: [['A-1', 'the front desk']] } },
			];
			const edited = await patch(template.id, { components });
			expect(edited.statusCode).toBe(200);
			expect(edited.json()).toMatchObject({ id: template.id, name: 'order_ready', language: 'en_US', category: 'UTILITY', components, wabaId: META.wabaId });
			expect(['PENDING', 'APPROVED']).toContain(edited.json().status);
			expect(stored(template.id)?.components).toEqual(components);

			world.sim.simulator.changeTemplateStatus(template.id, 'APPROVED');
			const again = await patch(template.id, { category: 'MARKETING' });
			expect(again.statusCode).toBe(400);
			expect(again.json().error.details.providerMessage).toContain('once every 24 hours');
			expect(stored(template.id)?.category).toBe('UTILITY');
		});

		test('the category alone can change, and a rejected template can be fixed', async () => {
			const template = provision('welcome_offer', 'REJECTED');
			const edited = await patch(template.id, { category: 'MARKETING' });
			expect(edited.statusCode).toBe(200);
			expect(edited.json()).toMatchObject({ category: 'MARKETING', components: [{ type: 'BODY', text: 'Your order {{1}} is ready.' }] });
			expect(stored(template.id)?.category).toBe('MARKETING');
		});

		test('a template under review is answered 409 and Meta is not asked to edit it', async () => {
			const template = provision('still_pending', 'PENDING');
			const response = await patch(template.id, { components: [{ type: 'BODY', text: 'Changed' }] });
			expect(response.statusCode).toBe(409);
			expect(response.json().error).toMatchObject({ code: 'conflict', details: { templateId: template.id, status: 'PENDING' } });
			expect(response.json().error.message).toContain('still_pending');
			expect(stored(template.id)?.components).toEqual([{ type: 'BODY', text: 'Your order {{1}} is ready.', example: { body_text: [['A-1']] } }]);
		});

		test.each([
			['neither category nor components', {}, 'body'],
			['components without a BODY', { components: [{ type: 'FOOTER', text: 'Bye' }] }, 'body.components[type=BODY]'],
			['an unknown category', { category: 'PROMOTION' }, 'body.category'],
		])('an edit with %s is refused with 400 naming the field, the template unchanged', async (_name, payload, field) => {
			const template = provision(`bad_edit_${field.replace(/\W/g, '_').toLowerCase()}`, 'APPROVED');
			const before = JSON.stringify(stored(template.id));
			const response = await patch(template.id, payload);
			expect(response.statusCode).toBe(400);
			expect(response.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
			expect(JSON.stringify(stored(template.id))).toBe(before);
		});

		test('an unknown template is 404; a member key may not edit', async () => {
			expect((await patch('999999999999', { category: 'MARKETING' })).statusCode).toBe(404);
			const template = provision('members_cannot', 'APPROVED');
			expect((await patch(template.id, { category: 'MARKETING' }, world.sender)).statusCode).toBe(403);
			expect(stored(template.id)?.category).toBe('UTILITY');
		});
	});
});
