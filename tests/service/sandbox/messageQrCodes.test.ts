import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createSandbox, IDS, type Sandbox } from './harness';

const spec = parse(readFileSync(join(__dirname, '../../fixtures/meta-openapi/business-messaging-api_v23.0.yaml'), 'utf8'));
const createExamples = spec.paths['/{Version}/{Phone-Number-ID}/message_qrdls'].post.requestBody.content['application/json'].examples as Record<string, { value: Record<string, unknown> }>;

describe('message QR codes of the simulator', () => {
	let sandbox: Sandbox;
	const url = `/graph/v23.0/${IDS.phoneNumberId}/message_qrdls`;
	beforeEach(async () => {
		sandbox = await createSandbox();
	});
	afterEach(() => sandbox.close());

	test("Meta's example creations answer code, message and wa.me link, with an image URL that serves the QR code", async () => {
		const fresh = Object.entries(createExamples).filter(([, example]) => example.value.code === undefined);
		expect(fresh.length).toBeGreaterThanOrEqual(3);
		for (const [name, example] of fresh) {
			const answer = await sandbox.inject('POST', url, { body: example.value });
			expect({ name, status: answer.statusCode }).toEqual({ name, status: 200 });
			const created = answer.json();
			expect(created).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{13}1$/), prefilled_message: example.value.prefilled_message, deep_link_url: `https://wa.me/message/${created.code}` });
			if (example.value.generate_qr_image) {
				const image = await sandbox.inject('GET', new URL(created.qr_image_url).pathname, { token: null });
				expect(image.headers['content-type']).toContain(example.value.generate_qr_image === 'SVG' ? 'image/svg+xml' : 'image/png');
			}
		}
		expect((await sandbox.inject('GET', url)).json().data).toHaveLength(fresh.length);
	});

	test('update by code, read one, delete; a message over 140 characters is error 100; another number’s code is unknown', async () => {
		const { code } = (await sandbox.inject('POST', url, { body: { prefilled_message: 'Hi' } })).json();
		expect((await sandbox.inject('POST', url, { body: { code, prefilled_message: 'Hello again' } })).json()).toMatchObject({ code, prefilled_message: 'Hello again' });
		expect((await sandbox.inject('GET', `${url}/${code}`)).json()).toEqual({ data: [{ code, prefilled_message: 'Hello again', deep_link_url: `https://wa.me/message/${code}` }] });
		const long = await sandbox.inject('POST', url, { body: { prefilled_message: 'x'.repeat(141) } });
		expect(long.json().error).toMatchObject({ code: 100, message: 'Invalid prefilled_message length. Maximum 140 characters allowed' });
		expect((await sandbox.inject('GET', `/graph/v23.0/${IDS.otherPhoneNumberId}/message_qrdls/${code}`, { token: IDS.otherToken })).statusCode).toBe(400);
		expect((await sandbox.inject('DELETE', `${url}/${code}`)).json()).toEqual({ success: true });
		expect((await sandbox.inject('GET', url)).json().data).toEqual([]);
	});
});
