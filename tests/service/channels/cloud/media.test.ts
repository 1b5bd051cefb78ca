import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { testDialects } from '../../../support/databases';
import { META, multipartBody, pngBytes, startCloudWorld, type CloudWorld } from './cloudHarness';

describe.each(testDialects())('Cloud media routes on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
	});
	afterAll(() => world.close());

	const upload = (fields: Record<string, string>, file?: Parameters<typeof multipartBody>[1]) => {
		const form = multipartBody(fields, file);
		return world.service.app.inject({ method: 'POST', url: '/v1/media', headers: { ...world.sender, ...form.headers }, payload: form.payload });
	};

	test('upload, info, download and delete round-trip the same bytes', async () => {
		const data = pngBytes(3000);
		const uploaded = await upload({ from: META.phoneNumberId, type: 'image' }, { name: 'file', filename: 'photo.png', contentType: 'image/png', data });
		expect(uploaded.statusCode).toBe(201);
		const media = uploaded.json();
		const sha256 = createHash('sha256').update(data).digest('hex');
		expect(media).toMatchObject({ mimeType: 'image/png', size: 3000, sha256, filename: 'photo.png', from: META.phoneNumberId });

		const info = await world.service.app.inject({ method: 'GET', url: `/v1/media/${media.id}?from=${META.phoneNumberId}`, headers: world.sender });
		expect(info.statusCode).toBe(200);
		expect(info.json()).toEqual({ id: media.id, mimeType: 'image/png', size: 3000, sha256, from: META.phoneNumberId });

		const content = await world.service.app.inject({ method: 'GET', url: `/v1/media/${media.id}/content`, headers: world.sender });
		expect(content.statusCode).toBe(200);
		expect(content.headers['content-type']).toBe('image/png');
		expect(content.headers['content-disposition']).toMatch(/^attachment; filename=".+\.png"$/);
		expect(content.rawPayload.equals(data)).toBe(true);

		const deleted = await world.service.app.inject({ method: 'DELETE', url: `/v1/media/${media.id}`, headers: world.sender });
		expect(deleted.statusCode).toBe(204);
		const gone = await world.service.app.inject({ method: 'GET', url: `/v1/media/${media.id}`, headers: world.sender });
		expect(gone.statusCode).toBe(404);
		expect(gone.json().error.details.providerCode).toBe(100);
	});

	test.each([
		['a type WhatsApp does not take', { name: 'file', filename: 'a.gif', contentType: 'image/gif', data: Buffer.from('GIF89a') }, {}, /does not accept/],
		['a png sent as a sticker', { name: 'file', filename: 's.png', contentType: 'image/png', data: pngBytes() }, { type: 'sticker' }, /as sticker/],
		['a sticker over 500 KB', { name: 'file', filename: 's.webp', contentType: 'image/webp', data: Buffer.alloc(600 * 1024, 1) }, {}, /up to 512000 bytes/],
		['an empty file', { name: 'file', filename: 'e.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) }, {}, /empty/],
	])('%s is refused with 400 before any upload', async (_name, file, fields, message) => {
		const uploads = world.sim.simulator.stats.mediaUploaded;
		const response = await upload(fields as Record<string, string>, file);
		expect(response.statusCode).toBe(400);
		expect(response.json().error.details.fields[0].field).toBe('body.file');
		expect(response.json().error.message).toMatch(message);
		expect(world.sim.simulator.stats.mediaUploaded).toBe(uploads);
	});

	test('an upload without a file names body.file', async () => {
		const response = await upload({ from: META.phoneNumberId });
		expect(response.statusCode).toBe(400);
		expect(response.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('body.file');
	});

	test('a media id of a number this tenant does not have answers 404', async () => {
		const response = await world.service.app.inject({ method: 'GET', url: '/v1/media/123?from=999999', headers: world.sender });
		expect(response.statusCode).toBe(404);
	});

	const spooled = () => fs.readdirSync(path.join(world.service.config.dataDir, 'uploads'));

	test('an upload is spooled to disk and read again by each attempt: a retried Graph upload still gets every byte, and the file is gone after', async () => {
		const data = pngBytes(200_000);
		world.sim.simulator.faults.add({ kind: 'http_error', status: 500, code: 131000, count: 1, scope: 'media' });
		const uploaded = await upload({ from: META.phoneNumberId }, { name: 'file', filename: 'big.png', contentType: 'image/png', data });
		expect(uploaded.statusCode).toBe(201);
		// The first attempt met the fault (it is used up), the second went through.
		expect(world.sim.simulator.faults.isEmpty).toBe(true);
		expect(uploaded.json()).toMatchObject({ size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
		const stored = await world.service.app.inject({ method: 'GET', url: `/v1/media/${uploaded.json().id}/content`, headers: world.sender });
		expect(stored.rawPayload.equals(data)).toBe(true);
		expect(spooled()).toEqual([]);
	});

	test('a file over WhatsApp’s 100 MB is cut off while it streams in: 413 naming body.file, nothing uploaded, nothing left on disk', async () => {
		const before = world.sim.simulator.media.list().length;
		const refused = await upload({ from: META.phoneNumberId }, { name: 'file', filename: 'big.pdf', contentType: 'application/pdf', data: Buffer.alloc(100 * 1024 * 1024 + 1, 7) });
		expect(refused.statusCode).toBe(413);
		expect(refused.json().error).toMatchObject({ code: 'payload_too_large', details: { field: 'body.file' } });
		expect(world.sim.simulator.media.list()).toHaveLength(before);
		expect(spooled()).toEqual([]);
	});

	test('a refused upload leaves no spooled file either', async () => {
		const refused = await upload({ type: 'sticker' }, { name: 'file', filename: 's.png', contentType: 'image/png', data: pngBytes() });
		expect(refused.statusCode).toBe(400);
		expect(spooled()).toEqual([]);
	});
});

