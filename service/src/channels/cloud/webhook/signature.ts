import crypto from 'node:crypto';

export type SignatureCheck = { ok: true; signedBy: Set<string> } | { ok: false; reason: 'missing_signature' | 'malformed_signature' | 'bad_signature' };

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks X-Hub-Signature-256 (hex HMAC-SHA256 of the exact body bytes, keyed by the app secret) against every
 * registration of the app, and says which tenants' secrets produced it. Comparisons are constant-time over
 * equal-length digests, so the time taken tells nothing about how much of a guess was right.
 */
export function checkSignature(rawBody: Buffer, header: string | string[] | undefined, registrations: ReadonlyArray<{ tenantId: string; appSecret: string }>): SignatureCheck {
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return { ok: false, reason: 'missing_signature' };
	const match = HEADER.exec(value.trim());
	if (!match) return { ok: false, reason: 'malformed_signature' };
	const presented = Buffer.from(match[1] as string, 'hex');
	const signedBy = new Set<string>();
	const verdictBySecret = new Map<string, boolean>();
	for (const { tenantId, appSecret } of registrations) {
		let verdict = verdictBySecret.get(appSecret);
		if (verdict === undefined) {
			const expected = crypto.createHmac('sha256', appSecret).update(rawBody).digest();
			verdict = crypto.timingSafeEqual(expected, presented);
			verdictBySecret.set(appSecret, verdict);
		}
		if (verdict) signedBy.add(tenantId);
	}
	return signedBy.size > 0 ? { ok: true, signedBy } : { ok: false, reason: 'bad_signature' };
}

/** Verify-token check for the GET handshake: digests first, so tokens of any length compare in constant time. */
export function tokenMatches(presented: string, expected: string): boolean {
	const a = crypto.createHash('sha256').update(presented).digest();
	const b = crypto.createHash('sha256').update(expected).digest();
	return crypto.timingSafeEqual(a, b);
}
