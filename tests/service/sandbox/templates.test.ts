import { createSandbox, expectGraphError, IDS, type Sandbox, startReceiver } from './harness';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await createSandbox();
});
afterEach(() => sandbox.close());

const path = `/graph/v23.0/${IDS.wabaId}/message_templates`;

function definition(name: string, overrides: Record<string, unknown> = {}) {
	return {
		name,
		category: 'UTILITY',
		language: 'en_US',
		components: [{ type: 'BODY', text: 'Your order {{1}} has shipped.', example: { body_text: [['A-1']] } }],
		...overrides,
	};
}

describe('creating templates', () => {
	test('a valid template is created PENDING and answers {id,status,category}', async () => {
		const response = await sandbox.inject('POST', path, { body: definition('order_shipped') });
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
	});

	test("Meta's example definitions are accepted", async () => {
		const examples = [
			{
				name: 'seasonal_promotion_text_only',
				language: 'en',
				category: 'MARKETING',
				components: [
					{ type: 'HEADER', format: 'TEXT', text: 'Our {{1}} is on!', example: { header_text: ['Summer Sale'] } },
					{ type: 'BODY', text: 'Shop now through {{1}} and use code {{2}} to get {{3}} off of all merchandise.', example: { body_text: [['the end of August', '25OFF', '25%']] } },
					{ type: 'FOOTER', text: 'Use the buttons below to manage your marketing subscriptions' },
					{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Unsubcribe from Promos' }, { type: 'QUICK_REPLY', text: 'Unsubscribe from All' }] },
				],
			},
			{
				name: 'authentication_code_copy_code_button',
				language: 'en_US',
				category: 'AUTHENTICATION',
				components: [{ type: 'BODY', add_security_recommendation: true }, { type: 'FOOTER', code_expiration_minutes: 10 }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy Code' }] }],
			},
			{
				name: 'order_delivery_update',
				language: 'en_US',
				category: 'UTILITY',
				components: [
					{ type: 'HEADER', format: 'LOCATION' },
					{ type: 'BODY', text: 'Good news {{1}}! Your order #{{2}} is on its way.', example: { body_text: [['Mark', '566701']] } },
					{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://example.com/t/{{1}}', example: ['x'] }, { type: 'PHONE_NUMBER', text: 'Call', phone_number: '16467043595' }] },
				],
			},
		];
		for (const example of examples) {
			const response = await sandbox.inject('POST', path, { body: example });
			expect([example.name, response.statusCode, response.body]).toEqual([example.name, 200, expect.any(String)]);
		}
	});

	const refused: Array<[string, Record<string, unknown>, number | undefined, RegExp]> = [
		['name with capitals', definition('Order_Shipped'), undefined, /name/],
		['name missing', { ...definition('x'), name: undefined }, undefined, /name is required/],
		['unknown category', definition('a_b', { category: 'SPAM' }), undefined, /category must be one of/],
		['language missing', definition('a_b', { language: undefined }), undefined, /language is required/],
		['components missing', definition('a_b', { components: undefined }), undefined, /components is required/],
		['no BODY component', definition('a_b', { components: [{ type: 'FOOTER', text: 'f' }] }), undefined, /BODY/],
		['unknown component type', definition('a_b', { components: [{ type: 'SIDEBAR' }] }), undefined, /type must be one of/],
		['body over 1024', definition('a_b', { components: [{ type: 'BODY', text: 'x'.repeat(1025) }] }), 2388040, /longer than 1024/],
		['header text over 60', definition('a_b', { components: [{ type: 'HEADER', format: 'TEXT', text: 'x'.repeat(61) }, { type: 'BODY', text: 'b' }] }), 2388040, /header/],
		['variables with a gap', definition('a_b', { components: [{ type: 'BODY', text: 'Hi {{1}} and {{3}} ok', example: { body_text: [['a', 'b']] } }] }), 2388072, /without gaps/],
		['leading variable', definition('a_b', { components: [{ type: 'BODY', text: '{{1}} is here', example: { body_text: [['a']] } }] }), 2388299, /starts and ends/],
		['too many variables', definition('a_b', { components: [{ type: 'BODY', text: 'A {{1}} {{2}} {{3}} b', example: { body_text: [['a', 'b', 'c']] } }] }), 2388293, /variables/],
		['variables without examples', definition('a_b', { components: [{ type: 'BODY', text: 'Hi {{1}} there' }] }), undefined, /example/],
		['footer with a variable', definition('a_b', { components: [{ type: 'BODY', text: 'b' }, { type: 'FOOTER', text: 'f {{1}}' }] }), 2388073, /footer/],
		['eleven buttons', definition('a_b', { components: [{ type: 'BODY', text: 'b' }, { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `b${i}` })) }] }), undefined, /at most 10/],
		['button text over 25', definition('a_b', { components: [{ type: 'BODY', text: 'b' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'x'.repeat(26) }] }] }), undefined, /at most 25/],
		['authentication without an OTP button', definition('a_b', { category: 'AUTHENTICATION', components: [{ type: 'BODY', add_security_recommendation: true }] }), undefined, /OTP/],
	];

	test.each(refused)('%s is refused with error 100', async (_name, body, subcode, details) => {
		const error = expectGraphError(await sandbox.inject('POST', path, { body }), 100, 400);
		if (subcode !== undefined) expect(error.error_subcode).toBe(subcode);
		expect(error.error_data?.details).toMatch(details);
	});

	test('the same name and language twice is refused (2388024); another language is fine', async () => {
		expect((await sandbox.inject('POST', path, { body: definition('dup') })).statusCode).toBe(200);
		expect(expectGraphError(await sandbox.inject('POST', path, { body: definition('dup') }), 100, 400).error_subcode).toBe(2388024);
		expect((await sandbox.inject('POST', path, { body: definition('dup', { language: 'es' }) })).statusCode).toBe(200);
	});

	test('a WABA holds at most 250 templates (2388019)', async () => {
		for (let i = 0; i < 249; i++) sandbox.sim.upsertTemplate({ wabaId: IDS.wabaId, name: `t_${i}`, language: 'en_US', category: 'UTILITY', components: [] });
		const error = expectGraphError(await sandbox.inject('POST', path, { body: definition('one_too_many') }), 100, 400);
		expect(error.error_subcode).toBe(2388019);
	});

	test('another WABA than the token may use is refused', async () => {
		expectGraphError(await sandbox.inject('POST', `/graph/v23.0/${IDS.otherWabaId}/message_templates`, { body: definition('x_y') }), 100, 400);
	});
});

describe('listing templates', () => {
	beforeEach(() => {
		for (let i = 0; i < 30; i++) {
			sandbox.sim.upsertTemplate({
				wabaId: IDS.wabaId,
				name: `bulk_${String(i).padStart(2, '0')}`,
				language: 'en_US',
				category: i % 2 ? 'MARKETING' : 'UTILITY',
				status: i % 3 === 0 ? 'REJECTED' : 'APPROVED',
				components: [{ type: 'BODY', text: `Body ${i}` }],
			});
		}
	});

	test('pages follow the after cursor and paging.next is a full URL until the last page', async () => {
		const names: string[] = [];
		let response = await sandbox.inject('GET', `${path}?limit=7`);
		for (let pages = 0; ; pages++) {
			expect(response.statusCode).toBe(200);
			const body = response.json();
			names.push(...body.data.map((template: { name: string }) => template.name));
			expect(body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
			if (!body.paging.next) break;
			const next = new URL(body.paging.next);
			expect(next.pathname).toBe(path);
			expect(next.searchParams.get('limit')).toBe('7');
			response = await sandbox.inject('GET', `${next.pathname}${next.search}`);
			expect(pages).toBeLessThan(10);
		}
		// 30 bulk templates plus the seeded hello_world, each exactly once, in creation order.
		expect(names).toHaveLength(31);
		expect(new Set(names).size).toBe(31);
		expect(names[0]).toBe('hello_world');
	});

	test('the before cursor pages backwards', async () => {
		const first = (await sandbox.inject('GET', `${path}?limit=5`)).json();
		const second = (await sandbox.inject('GET', `${path}?limit=5&after=${first.paging.cursors.after}`)).json();
		expect(second.paging.previous).toBeDefined();
		const back = (await sandbox.inject('GET', `${path}?limit=5&before=${second.paging.cursors.before}`)).json();
		expect(back.data.map((t: { id: string }) => t.id)).toEqual(first.data.map((t: { id: string }) => t.id));
	});

	test('status, name and fields filters', async () => {
		const rejected = (await sandbox.inject('GET', `${path}?status=rejected&limit=100`)).json();
		expect(rejected.data).toHaveLength(10);
		expect(rejected.data.every((t: { status: string }) => t.status === 'REJECTED')).toBe(true);
		const byName = (await sandbox.inject('GET', `${path}?name=bulk_07`)).json();
		expect(byName.data.map((t: { name: string }) => t.name)).toEqual(['bulk_07']);
		const projected = (await sandbox.inject('GET', `${path}?fields=name,status&limit=2`)).json();
		expect(Object.keys(projected.data[0]).sort()).toEqual(['id', 'name', 'status']);
	});

	test('a bad filter or cursor is error 100', async () => {
		expectGraphError(await sandbox.inject('GET', `${path}?status=sleeping`), 100, 400);
		expectGraphError(await sandbox.inject('GET', `${path}?fields=name,colour`), 100, 400);
		expectGraphError(await sandbox.inject('GET', `${path}?limit=0`), 100, 400);
		expectGraphError(await sandbox.inject('GET', `${path}?after=%%%`), 100, 400);
	});

	test('GET /:template-id returns one template; fields= narrows it', async () => {
		const created = (await sandbox.inject('POST', path, { body: definition('fetch_me') })).json();
		const template = (await sandbox.inject('GET', `/graph/v23.0/${created.id}`)).json();
		expect(template).toMatchObject({ id: created.id, name: 'fetch_me', status: 'PENDING', category: 'UTILITY', language: 'en_US', parameter_format: 'POSITIONAL' });
		expect((await sandbox.inject('GET', `/graph/v23.0/${created.id}?fields=status`)).json()).toEqual({ id: created.id, status: 'PENDING' });
	});
});

describe('deleting and editing templates', () => {
	test('delete by name removes every language; by name and hsm_id only one', async () => {
		const en = (await sandbox.inject('POST', path, { body: definition('bye') })).json();
		await sandbox.inject('POST', path, { body: definition('bye', { language: 'es' }) });
		await sandbox.inject('POST', path, { body: definition('bye', { language: 'fr' }) });
		expect((await sandbox.inject('DELETE', `${path}?name=bye&hsm_id=${en.id}`)).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', `${path}?name=bye`)).json().data).toHaveLength(2);
		expect((await sandbox.inject('DELETE', `${path}?name=bye`)).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', `${path}?name=bye`)).json().data).toHaveLength(0);
	});

	test('delete needs a name and an existing template', async () => {
		expectGraphError(await sandbox.inject('DELETE', path), 100, 400);
		expectGraphError(await sandbox.inject('DELETE', `${path}?name=never_created`), 100, 400);
	});

	test('the name of a deleted approved template cannot be reused for 30 days', async () => {
		sandbox.sim.upsertTemplate({ wabaId: IDS.wabaId, name: 'reused', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'b' }] });
		await sandbox.inject('DELETE', `${path}?name=reused`);
		expectGraphError(await sandbox.inject('POST', path, { body: definition('reused') }), 100, 400);
		sandbox.clock.advance(31 * 24 * 3600 * 1000);
		expect((await sandbox.inject('POST', path, { body: definition('reused') })).statusCode).toBe(200);
	});

	test('POST /:template-id edits an approved template and sends it back to review; pending ones cannot be edited', async () => {
		const created = (await sandbox.inject('POST', path, { body: definition('editable') })).json();
		const components = [{ type: 'BODY', text: 'New text {{1}} here', example: { body_text: [['x']] } }];
		expectGraphError(await sandbox.inject('POST', `/graph/v23.0/${created.id}`, { body: { components } }), 100, 400);
		await sandbox.control('POST', `/templates/${created.id}/approve`);
		expect((await sandbox.inject('POST', `/graph/v23.0/${created.id}`, { body: { components } })).json()).toEqual({ success: true });
		const after = (await sandbox.inject('GET', `/graph/v23.0/${created.id}`)).json();
		expect(after.status).toBe('PENDING');
		expect(after.components[0].text).toBe('New text {{1}} here');
	});

	test('an approved template may be edited once a day and 10 times in 30 days', async () => {
		const created = (await sandbox.inject('POST', path, { body: definition('often_edited') })).json();
		const edit = (n: number) => sandbox.inject('POST', `/graph/v23.0/${created.id}`, { body: { components: [{ type: 'BODY', text: `Version ${n} of {{1}} today`, example: { body_text: [['x']] } }] } });
		for (let n = 1; n <= 10; n++) {
			await sandbox.control('POST', `/templates/${created.id}/approve`);
			expect((await edit(n)).json()).toEqual({ success: true });
			await sandbox.control('POST', `/templates/${created.id}/approve`);
			if (n === 1) expect((await edit(99)).json().error.error_user_msg).toBe('An approved template can be edited once every 24 hours.');
			sandbox.clock.advance(25 * 3600 * 1000);
		}
		expect((await edit(11)).json().error.error_user_msg).toBe('An approved template can be edited 10 times in 30 days.');
		// The first edits leave the 30-day window one by one.
		sandbox.clock.advance(30 * 24 * 3600 * 1000 - 10 * 25 * 3600 * 1000 + 3600 * 1000);
		expect((await edit(12)).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', `/graph/v23.0/${created.id}`)).json().components[0].text).toBe('Version 12 of {{1}} today');
	});
});

describe('review outcomes', () => {
	test('approve and reject through the control API send signed message_template_status_update webhooks', async () => {
		const receiver = await startReceiver();
		try {
			await sandbox.control('PUT', `/apps/${IDS.appId}/callback`, { callbackUrl: receiver.url });
			const a = (await sandbox.inject('POST', path, { body: definition('to_approve') })).json();
			const b = (await sandbox.inject('POST', path, { body: definition('to_reject') })).json();
			expect((await sandbox.control('POST', `/templates/${a.id}/approve`)).statusCode).toBe(200);
			expect((await sandbox.control('POST', `/templates/${b.id}/reject`, { reason: 'PROMOTIONAL' })).statusCode).toBe(200);
			const webhooks = await receiver.waitFor(2);
			expect(webhooks.every((w) => w.signatureValid)).toBe(true);
			const values = webhooks.map((w) => w.body.entry[0]!.changes[0]!);
			expect(values.every((change) => change.field === 'message_template_status_update')).toBe(true);
			expect(webhooks[0]!.body.entry[0]).toMatchObject({ id: IDS.wabaId, time: expect.any(Number) });
			const approved = values.find((change) => change.value.event === 'APPROVED')!.value;
			expect(approved).toMatchObject({ message_template_id: Number(a.id), message_template_name: 'to_approve', message_template_language: 'en_US', message_template_category: 'UTILITY', reason: 'NONE' });
			const rejected = values.find((change) => change.value.event === 'REJECTED')!.value;
			expect(rejected).toMatchObject({ message_template_name: 'to_reject', reason: 'PROMOTIONAL', rejection_info: { reason: 'PROMOTIONAL' } });
			expect((await sandbox.inject('GET', `/graph/v23.0/${b.id}?fields=status,rejected_reason`)).json()).toEqual({ id: b.id, status: 'REJECTED', rejected_reason: 'PROMOTIONAL' });
		} finally {
			await receiver.close();
		}
	});

	test('templateAutoApproveMs approves new templates by itself', async () => {
		sandbox.sim.configure({ templateAutoApproveMs: 5 });
		const created = (await sandbox.inject('POST', path, { body: definition('auto_ok') })).json();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect((await sandbox.inject('GET', `/graph/v23.0/${created.id}`)).json().status).toBe('APPROVED');
	});
});
