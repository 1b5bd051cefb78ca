import { randomBytes } from 'node:crypto';

/**
 * Identifier factories. Meta's ids are opaque; we only copy their outward look (numeric strings for
 * objects, `wamid.` + base64 for messages) so clients that pattern-match on them keep working.
 * A per-process random prefix plus a counter keeps them unique without a syscall per id.
 */
const processSalt = randomBytes(6).toString('hex').toUpperCase();
let counter = 0;

function next(): number {
	counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
	return counter;
}

export function newWamid(waId: string): string {
	const inner = `\u0018\u000b${waId}\u0015\u0002\u0000\u0012\u0018\u0014${processSalt}${next().toString(16).toUpperCase().padStart(8, '0')}\u0000`;
	return `wamid.HBgL${Buffer.from(inner, 'binary').toString('base64')}`;
}

/** Numeric-looking object ids (media, templates) with 16 digits like Meta's, never one already in `taken`. */
export function newNumericId(taken?: { has(id: string): boolean }): string {
	for (;;) {
		const time = Date.now().toString().slice(-9);
		const seq = next().toString().padStart(6, '0').slice(-6);
		const id = `1${time}${seq}`;
		if (!taken?.has(id)) return id;
	}
}

/** The short random token Meta puts in `fbtrace_id` and `x-fb-trace-id`. */
export function newTraceId(): string {
	return randomBytes(8).toString('base64').replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

export function newRequestId(): string {
	return randomBytes(9).toString('base64url');
}

export function newOpaqueToken(bytes = 24): string {
	return randomBytes(bytes).toString('base64url');
}
