import { randomBytes } from 'crypto';

export interface MultipartFile {
	name: string;
	filename: string;
	contentType: string;
	content: Buffer;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/** Quotes a header parameter value; filenames come from users, so quotes and line breaks must not break the part. */
function quoted(value: string): string {
	return `"${value.replace(/["\r\n\\]/g, '_')}"`;
}

/**
 * A multipart/form-data body built by hand: n8n's HTTP helper passes a Buffer through unchanged on every n8n
 * version, while FormData handling differs between them (and the form-data package would be a runtime dependency).
 */
export function buildMultipart(fields: Record<string, string>, files: MultipartFile[]): MultipartBody {
	const boundary = `----n8nWhatsApp${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`, 'utf8'));
	}
	for (const file of files) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.filename)}\r\nContent-Type: ${file.contentType}\r\n\r\n`, 'utf8'),
			file.content,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
