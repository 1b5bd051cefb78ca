import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildMultipart } from '../../../nodes/shared/transport/multipart';

/** Parses with Node's own multipart reader (undici's FormData), not with our code, so the body is proven valid. */
async function parsedByNode(body: Buffer, contentType: string): Promise<FormData> {
	const server = http.createServer((request, response) => request.pipe(response));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { method: 'POST', body, headers: { 'content-type': contentType } });
		return await new Response(await response.arrayBuffer(), { headers: { 'content-type': contentType } }).formData();
	} finally {
		server.close();
	}
}

describe('hand-built multipart bodies', () => {
	test('carry text fields and the file with its name, type and exact bytes', async () => {
		const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x00, 0xff]);
		const built = buildMultipart({ from: '106540352242922' }, [{ name: 'file', filename: 'photo.png', contentType: 'image/png', content }]);
		const form = await parsedByNode(built.body, built.contentType);
		expect(form.get('from')).toBe('106540352242922');
		const file = form.get('file') as File;
		expect(file.name).toBe('photo.png');
		expect(file.type).toBe('image/png');
		expect(Buffer.from(await file.arrayBuffer())).toEqual(content);
	});

	test('neutralise quotes and line breaks in filenames instead of breaking the part headers', async () => {
		const built = buildMultipart({}, [{ name: 'file', filename: 'a"b\r\nc.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }]);
		const form = await parsedByNode(built.body, built.contentType);
		expect((form.get('file') as File).name).toBe('a_b__c.pdf');
	});

	test('use a fresh boundary each time', () => {
		expect(buildMultipart({}, []).contentType).not.toBe(buildMultipart({}, []).contentType);
	});
});
