import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { UploadSpool } from '../../../../service/src/channels/cloud/routes/uploadSpool';

/** A multipart file part as @fastify/multipart hands it over: its stream says `truncated` once it hit the size limit. */
function part(chunks: Buffer[], truncated = false): MultipartFile {
	const file = Object.assign(Readable.from(chunks), { truncated });
	return { file, filename: 'f.pdf', mimetype: 'application/pdf' } as unknown as MultipartFile;
}

describe('the upload spool', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-spool-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('a part is written to disk with its size and SHA-256, and released with its request', async () => {
		const spool = new UploadSpool(dir);
		const request = {};
		const written = await spool.write(request, part([Buffer.from('hello '), Buffer.from('world')]), 100);
		expect(written).toMatchObject({ filename: 'f.pdf', mimeType: 'application/pdf', size: 11, sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9' });
		expect(fs.readFileSync(written.path, 'utf8')).toBe('hello world');
		await spool.release(request);
		await spool.release(request);
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	test('a part cut off at the size limit is refused with 413 naming the field, and its partial file is released too', async () => {
		const spool = new UploadSpool(dir);
		const request = {};
		await expect(spool.write(request, part([Buffer.alloc(10)], true), 10)).rejects.toMatchObject({ status: 413, code: 'payload_too_large', details: { field: 'body.file' } });
		expect(fs.readdirSync(dir)).toHaveLength(1);
		await spool.release(request);
		expect(fs.readdirSync(dir)).toEqual([]);
	});

	test('the spool directory is made by the first upload, not at start (DATA_DIR may be read-only where nobody uploads)', async () => {
		const directory = path.join(dir, 'uploads');
		const spool = new UploadSpool(directory);
		expect(fs.existsSync(directory)).toBe(false);
		const request = {};
		await spool.write(request, part([Buffer.from('x')]), 10);
		expect(fs.readdirSync(directory)).toHaveLength(1);
		await spool.release(request);
	});

	test('files a dead process left behind are removed at start once an hour old; younger ones may be a live upload', () => {
		const old = path.join(dir, 'upload-old');
		const young = path.join(dir, 'upload-young');
		fs.writeFileSync(old, 'x');
		fs.writeFileSync(young, 'y');
		const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
		fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
		new UploadSpool(dir);
		expect(fs.readdirSync(dir)).toEqual(['upload-young']);
	});
});
