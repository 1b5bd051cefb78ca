import { graphErrors } from './errors';

/**
 * Graph cursor paging: opaque `before`/`after` cursors around each page and a ready-made `next`/`previous`
 * URL. Cursors encode the item id, so a page stays stable when items are added after it.
 */
export interface PageRequest {
	limit: number;
	after?: string;
	before?: string;
}

export interface Page<T> {
	data: T[];
	paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

export const DEFAULT_PAGE_LIMIT = 25;
const MAX_PAGE_LIMIT = 1000;

export function encodeCursor(id: string): string {
	return Buffer.from(id).toString('base64').replace(/=+$/, '');
}

function decodeCursor(cursor: string, name: string): string {
	const decoded = Buffer.from(cursor, 'base64').toString('utf8');
	if (!decoded || encodeCursor(decoded) !== cursor.replace(/=+$/, '')) throw graphErrors.invalidParameter(`Param ${name} is not a valid cursor.`);
	return decoded;
}

export function readPageRequest(query: Record<string, unknown>): PageRequest {
	let limit = DEFAULT_PAGE_LIMIT;
	if (query.limit !== undefined) {
		limit = Number(query.limit);
		if (!Number.isInteger(limit) || limit < 1) throw graphErrors.invalidParameter('Param limit must be a positive integer.');
		limit = Math.min(limit, MAX_PAGE_LIMIT);
	}
	return {
		limit,
		after: typeof query.after === 'string' ? query.after : undefined,
		before: typeof query.before === 'string' ? query.before : undefined,
	};
}

/**
 * Slices `items` (already filtered and ordered) into the requested page. `linkFor` builds the absolute URL
 * of a neighbouring page from the query parameters that must change.
 */
export function paginate<T>(items: T[], idOf: (item: T) => string, request: PageRequest, linkFor: (cursor: { after?: string; before?: string }) => string): Page<T> {
	let start = 0;
	let end = items.length;
	if (request.after !== undefined) {
		const afterId = decodeCursor(request.after, 'after');
		const index = items.findIndex((item) => idOf(item) === afterId);
		start = index === -1 ? items.length : index + 1;
		end = Math.min(items.length, start + request.limit);
	} else if (request.before !== undefined) {
		const beforeId = decodeCursor(request.before, 'before');
		const index = items.findIndex((item) => idOf(item) === beforeId);
		end = index === -1 ? 0 : index;
		start = Math.max(0, end - request.limit);
	} else {
		end = Math.min(items.length, request.limit);
	}
	const data = items.slice(start, end);
	if (data.length === 0) return { data };
	const before = encodeCursor(idOf(data[0]!));
	const after = encodeCursor(idOf(data[data.length - 1]!));
	return {
		data,
		paging: {
			cursors: { before, after },
			...(end < items.length ? { next: linkFor({ after }) } : {}),
			...(start > 0 ? { previous: linkFor({ before }) } : {}),
		},
	};
}

/** Builds neighbour-page links that keep the caller's query (filters, fields, limit) and swap the cursor. */
export function pageLinks(pathUrl: string, query: Record<string, unknown>): (cursor: { after?: string; before?: string }) => string {
	return (cursor) => {
		const params = new URLSearchParams();
		for (const [key, value] of Object.entries(query)) if (key !== 'after' && key !== 'before' && typeof value === 'string') params.set(key, value);
		for (const [key, value] of Object.entries(cursor)) if (value !== undefined) params.set(key, value);
		return `${pathUrl}?${params.toString()}`;
	};
}
