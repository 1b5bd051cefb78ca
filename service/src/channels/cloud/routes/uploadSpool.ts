import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../../shared/errors';

/** A file part written to disk as it arrived, measured and hashed on the way. */
export interface SpooledFile {
	filename: string;
	mimeType: string;
	path: string;
	size: number;
	sha256: string;
}

/** Left behind by a process that died mid-upload: removed at start once this old (a live upload is never). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Uploads go to disk, not memory: files run to 100 MB and several arrive at once. Each request's files are removed
 * when it is answered or abandoned (see `release`); the retries of the Graph upload read the same file again.
 */
export class UploadSpool {
	private readonly files = new WeakMap<object, string[]>();
	/** Made on the first upload: a deployment that never uploads may keep DATA_DIR read-only. */
	private ready: Promise<unknown> | undefined;

	constructor(private readonly directory: string) {
		if (!fs.existsSync(directory)) return;
		const now = Date.now();
		for (const name of fs.readdirSync(directory)) {
			const file = path.join(directory, name);
			if (name.startsWith('upload-') && now - fs.statSync(file).mtimeMs > ABANDONED_AFTER_MS) fs.rmSync(file, { force: true });
		}
	}

	/** Streams the part to a new file of `owner`'s (the request); a part cut off at the size limit is refused with 413. */
	async write(owner: object, part: MultipartFile, maxBytes: number): Promise<SpooledFile> {
		this.ready ??= fs.promises.mkdir(this.directory, { recursive: true });
		await this.ready;
		const file = path.join(this.directory, `upload-${randomUUID()}`);
		this.files.set(owner, [...(this.files.get(owner) ?? []), file]);
		const hash = createHash('sha256');
		let size = 0;
		const measure = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				hash.update(chunk);
				size += chunk.length;
				done(null, chunk);
			},
		});
		await pipeline(part.file, measure, fs.createWriteStream(file, { flags: 'wx' }));
		if (part.file.truncated) throw new AppError(413, 'payload_too_large', `The file is larger than ${maxBytes} bytes, WhatsApp's largest (documents)`, { field: 'body.file' });
		return { filename: part.filename, mimeType: part.mimetype, path: file, size, sha256: hash.digest('hex') };
	}

	/** Removes `owner`'s files; safe to call more than once. */
	async release(owner: object): Promise<void> {
		const files = this.files.get(owner) ?? [];
		this.files.delete(owner);
		await Promise.all(files.map((file) => fs.promises.rm(file, { force: true })));
	}
}
