/** Readers for untrusted JSON: Meta's payloads are signed, but their shape is still not ours to assume. */
export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asObjects = (value: unknown): Json[] => asArray(value).map(asObject).filter((v): v is Json => v !== undefined);

/** Strings, and numbers written as strings (Meta sends ids and timestamps both ways). */
export function asString(value: unknown, max = 4096): string | undefined {
	if (typeof value === 'string') return value.length <= max ? value : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function asNumber(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Unix seconds (string or number) to ISO-8601; a missing or absurd value falls back to the receipt time. */
export function isoFromSeconds(value: unknown, fallback: string): string {
	const seconds = asNumber(value);
	if (seconds === undefined || seconds < 0 || seconds > 32503680000) return fallback;
	return new Date(seconds * 1000).toISOString();
}

/** Drops undefined fields so stored and delivered JSON stays compact. */
export function compact<T extends Record<string, unknown>>(object: T): T {
	for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
	return object;
}
