import { createHmac, timingSafeEqual } from 'crypto';

/** How far a delivery's timestamp may be from now: old signed bodies must not be replayable forever. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureVerdict = { valid: true } | { valid: false; reason: string };

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
}

/** The service's signature: `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + raw body). */
export function signEventBody(secret: string, timestamp: string, rawBody: Buffer | string): string {
	return `sha256=${createHmac('sha256', secret).update(timestamp).update('.').update(rawBody).digest('hex')}`;
}

/**
 * Checks X-Signature-256 and X-Timestamp of a delivery from the service, comparing in constant time so the
 * check does not leak how much of a forged signature was right.
 */
export function verifyEventSignature(secret: string, headers: Record<string, unknown>, rawBody: Buffer | string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): SignatureVerdict {
	const signature = header(headers, 'x-signature-256');
	const timestamp = header(headers, 'x-timestamp');
	if (!signature || !timestamp) return { valid: false, reason: 'missing X-Signature-256 or X-Timestamp' };
	if (rawBody === undefined) return { valid: false, reason: 'the raw request body is not available' };
	if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'malformed X-Timestamp' };
	if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { valid: false, reason: 'X-Timestamp is too far from now' };
	const expected = Buffer.from(signEventBody(secret, timestamp, rawBody), 'utf8');
	const given = Buffer.from(signature, 'utf8');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'signature mismatch' };
	return { valid: true };
}
