import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createSandbox, IDS, type Sandbox } from './harness';

const spec = parse(readFileSync(join(__dirname, '../../fixtures/meta-openapi/business-messaging-api_v23.0.yaml'), 'utf8'));
const path = spec.paths['/{Version}/{Phone-Number-ID}/whatsapp_business_profile'];
const updates = path.post.requestBody.content['application/json'].examples as Record<string, { value: Record<string, unknown> }>;
const shownExample = path.get.responses['200'].content['application/json'].examples.business_profile_details.value;

describe('WhatsApp Business profile of the simulator', () => {
	let sandbox: Sandbox;
	const url = `/graph/v23.0/${IDS.phoneNumberId}/whatsapp_business_profile`;
	beforeEach(async () => {
		sandbox = await createSandbox();
	});
	afterEach(() => sandbox.close());

	test("Meta's example updates are accepted, and the profile reads back in the spec's shape", async () => {
		for (const [name, example] of Object.entries(updates)) {
			const answer = await sandbox.inject('POST', url, { body: example.value });
			expect({ name, status: answer.statusCode, body: answer.json() }).toEqual({ name, status: 200, body: { success: true } });
		}
		const read = await sandbox.inject('GET', url);
		const expected = shownExample.data[0].business_profile;
		expect(read.json()).toEqual({ data: [{ business_profile: { ...expected, profile_picture_url: expect.stringMatching(/^https:\/\//), description: 'Updated business description' } }] });
		const some = await sandbox.inject('GET', `${url}?fields=about,vertical`);
		expect(some.json()).toEqual({ data: [{ business_profile: { about: expected.about, vertical: 'RESTAURANT' } }] });
	});

	test("each field's limits are error 100 naming it; an unknown field is asked for in vain", async () => {
		const bad: Array<[Record<string, unknown>, RegExp]> = [
			[{ about: 'x' }, /messaging_product/],
			[{ messaging_product: 'whatsapp', about: 'x'.repeat(140) }, /about/],
			[{ messaging_product: 'whatsapp', email: 'not-an-email' }, /email/],
			[{ messaging_product: 'whatsapp', websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, /websites/],
			[{ messaging_product: 'whatsapp', websites: ['ftp://a.example'] }, /websites\[0\]/],
			[{ messaging_product: 'whatsapp', vertical: 'SPACESHIPS' }, /vertical/],
		];
		for (const [body, field] of bad) {
			const answer = await sandbox.inject('POST', url, { body });
			expect(answer.statusCode).toBe(400);
			expect(answer.json().error).toMatchObject({ code: 100, error_data: { details: expect.stringMatching(field) } });
		}
		expect((await sandbox.inject('GET', url)).json()).toEqual({ data: [{ business_profile: { messaging_product: 'whatsapp' } }] });
		expect((await sandbox.inject('GET', `${url}?fields=about,colour`)).json().error.code).toBe(100);
	});
});
