import { createHash } from 'node:crypto';
import { createSandbox, expectGraphError, IDS, type Sandbox } from './harness';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await createSandbox();
});
afterEach(() => sandbox.close());

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake jpeg body')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A multipart body the way curl -F builds it. */
function multipart(fields: Record<string, string>, file?: { data: Buffer; type?: string; name?: string }): { body: Buffer; headers: Record<string, string> } {
	const boundary = '----sandboxBoundary7MA4YWxkTrZu0gW';
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	if (file) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name ?? 'upload.bin'}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
		parts.push(file.data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(fields: Record<string, string>, file?: { data: Buffer; type?: string; name?: string }, phoneNumberId: string = IDS.phoneNumberId) {
	const { body, headers } = multipart(fields, file);
	return sandbox.inject('POST', `/graph/v23.0/${phoneNumberId}/media`, { body, headers });
}

describe('media upload', () => {
	test('a JPEG upload answers {id}', async () => {
		const response = await upload({ messaging_product: 'whatsapp' }, { data: JPEG, type: 'image/jpeg', name: 'photo.jpg' });
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ id: expect.stringMatching(/^\d+$/) });
	});

	test('the type form field may carry the MIME type instead of the file part', async () => {
		const response = await upload({ messaging_product: 'whatsapp', type: 'application/pdf' }, { data: Buffer.from('%PDF-1.4 x'), name: 'a.pdf' });
		expect(response.statusCode).toBe(200);
	});

	test('messaging_product and file are required', async () => {
		expect(expectGraphError(await upload({}, { data: JPEG, type: 'image/jpeg' }), 100, 400).error_data?.details).toMatch(/messaging_product is required/);
		expect(expectGraphError(await upload({ messaging_product: 'whatsapp' }), 100, 400).error_data?.details).toMatch(/file is required/);
		expectGraphError(await upload({ messaging_product: 'telegram' }, { data: JPEG, type: 'image/jpeg' }), 100, 400);
	});

	test('a type outside the allow-list is error 100 listing the allowed types', async () => {
		const error = expectGraphError(await upload({ messaging_product: 'whatsapp' }, { data: Buffer.from('GIF89a'), type: 'image/gif' }), 100, 400);
		expect(error.error_data?.details).toMatch(/Param file must be a file with one of the following types: .*image\/jpeg.*Received file of type 'image\/gif'/);
	});

	test('a declared type that contradicts the file is 131053', async () => {
		expectGraphError(await upload({ messaging_product: 'whatsapp', type: 'image/png' }, { data: JPEG, type: 'image/jpeg' }), 131053, 400);
		expectGraphError(await upload({ messaging_product: 'whatsapp' }, { data: PNG, type: 'image/jpeg' }), 131053, 400);
	});

	test('files over the cap for their kind are 131053 (image 5 MB, sticker 500 KB)', async () => {
		expectGraphError(await upload({ messaging_product: 'whatsapp' }, { data: Buffer.alloc(5 * 1024 * 1024 + 1), type: 'image/jpeg' }), 131053, 400);
		expectGraphError(await upload({ messaging_product: 'whatsapp' }, { data: Buffer.alloc(500 * 1024 + 1), type: 'image/webp' }), 131053, 400);
	});

	test('a JSON body instead of multipart is refused', async () => {
		expectGraphError(await sandbox.inject('POST', `/graph/v23.0/${IDS.phoneNumberId}/media`, { body: { messaging_product: 'whatsapp', file: '@/x.jpg' } }), 100, 400);
	});
});

describe('media retrieval, download, expiry and deletion', () => {
	let mediaId: string;
	beforeEach(async () => {
		mediaId = (await upload({ messaging_product: 'whatsapp' }, { data: JPEG, type: 'image/jpeg', name: 'photo.jpg' })).json().id;
	});

	test('GET /:media-id answers url, mime_type, sha256, file_size (a string) and id', async () => {
		const info = (await sandbox.inject('GET', `/graph/v23.0/${mediaId}`)).json();
		expect(info).toEqual({
			messaging_product: 'whatsapp',
			url: expect.stringContaining('/lookaside/whatsapp_business/attachments/?mid='),
			mime_type: 'image/jpeg',
			sha256: createHash('sha256').update(JPEG).digest('hex'),
			file_size: String(JPEG.length),
			id: mediaId,
		});
	});

	test('phone_number_id must be the owner when given', async () => {
		expect((await sandbox.inject('GET', `/graph/v23.0/${mediaId}?phone_number_id=${IDS.phoneNumberId}`)).statusCode).toBe(200);
		expectGraphError(await sandbox.inject('GET', `/graph/v23.0/${mediaId}?phone_number_id=${IDS.otherPhoneNumberId}`), 100, 400);
	});

	test('another business cannot see the media', async () => {
		expectGraphError(await sandbox.inject('GET', `/graph/v23.0/${mediaId}`, { token: IDS.otherToken }), 100, 400);
	});

	test('the URL downloads the bytes with the Bearer token, not without it, and 404s after 5 minutes', async () => {
		const url = new URL((await sandbox.inject('GET', `/graph/v23.0/${mediaId}`)).json().url);
		const target = `${url.pathname}${url.search}`;
		const ok = await sandbox.app.inject({ method: 'GET', url: target, headers: { authorization: `Bearer ${IDS.token}` } });
		expect(ok.statusCode).toBe(200);
		expect(ok.headers['content-type']).toBe('image/jpeg');
		expect(ok.rawPayload.equals(JPEG)).toBe(true);
		expect((await sandbox.app.inject({ method: 'GET', url: target })).statusCode).toBe(401);
		expect((await sandbox.app.inject({ method: 'GET', url: target, headers: { authorization: `Bearer ${IDS.otherToken}` } })).statusCode).toBe(404);
		sandbox.clock.advance(5 * 60 * 1000 + 1);
		expect((await sandbox.app.inject({ method: 'GET', url: target, headers: { authorization: `Bearer ${IDS.token}` } })).statusCode).toBe(404);
		const fresh = new URL((await sandbox.inject('GET', `/graph/v23.0/${mediaId}`)).json().url);
		expect((await sandbox.app.inject({ method: 'GET', url: `${fresh.pathname}${fresh.search}`, headers: { authorization: `Bearer ${IDS.token}` } })).statusCode).toBe(200);
	});

	test('a tampered URL is 404', async () => {
		const url = new URL((await sandbox.inject('GET', `/graph/v23.0/${mediaId}`)).json().url);
		url.searchParams.set('hash', 'forged');
		expect((await sandbox.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { authorization: `Bearer ${IDS.token}` } })).statusCode).toBe(404);
	});

	test('DELETE /:media-id answers {success:true}; afterwards the id and its URLs are gone', async () => {
		const url = new URL((await sandbox.inject('GET', `/graph/v23.0/${mediaId}`)).json().url);
		expect((await sandbox.inject('DELETE', `/graph/v23.0/${mediaId}`)).json()).toEqual({ success: true });
		expectGraphError(await sandbox.inject('GET', `/graph/v23.0/${mediaId}`), 100, 400);
		expect((await sandbox.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { authorization: `Bearer ${IDS.token}` } })).statusCode).toBe(404);
		expectGraphError(await sandbox.inject('DELETE', `/graph/v23.0/${mediaId}`), 100, 400);
	});

	test('uploaded media expires after 30 days', async () => {
		sandbox.clock.advance(30 * 24 * 3600 * 1000 + 1);
		expectGraphError(await sandbox.inject('GET', `/graph/v23.0/${mediaId}`), 100, 400);
	});

	test('uploaded media can be sent by id from the same WABA only', async () => {
		await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from: IDS.user, type: 'text', text: { body: 'hi' } });
		const message = { messaging_product: 'whatsapp', to: IDS.user, type: 'image', image: { id: mediaId } };
		expect((await sandbox.send(message)).statusCode).toBe(200);
		expectGraphError(await sandbox.send(message, { phoneNumberId: IDS.otherPhoneNumberId, token: IDS.otherToken }), 100, 400);
	});
});
