/** UTC ISO-8601 with milliseconds: the one timestamp format stored and returned. */
export function nowIso(): string {
	return new Date().toISOString();
}

export function isoFromUnixSeconds(seconds: number | string): string {
	return new Date(Number(seconds) * 1000).toISOString();
}

export function addSeconds(iso: string, seconds: number): string {
	return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
