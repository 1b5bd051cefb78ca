import { createHash, randomBytes } from 'node:crypto';

/** Keys look like `wak_<8 char prefix>_<secret>`: the prefix identifies a key in listings without revealing it. */
const KEY_PATTERN = /^wak_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
	const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
	const key = `wak_${prefix}_${randomBytes(32).toString('base64url')}`;
	return { key, prefix, hash: hashApiKey(key) };
}

export function looksLikeApiKey(value: string): boolean {
	return KEY_PATTERN.test(value);
}

export function hashApiKey(key: string): string {
	return createHash('sha256').update(key).digest('hex');
}
