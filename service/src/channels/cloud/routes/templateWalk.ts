import { invalidField } from '../../../shared/errors';
import type { GraphClient, GraphTarget } from '../graph/graphClient';
import { listTemplatesPage, type GraphTemplate, type TemplateFilter } from '../graph/templatesApi';
import type { RetryPolicy } from '../retryPolicy';

/**
 * Our pages over Graph's pages. Filtering by a name fragment happens here (Graph only matches whole names), so
 * one of our pages may span several Graph pages or end in the middle of one; the cursor remembers the Graph page
 * it stopped in and how far into it.
 */
const GRAPH_PAGE_SIZE = 100;
/** Bounds one request's work on a WABA with many templates and a fragment that matches few. */
const MAX_GRAPH_PAGES_PER_REQUEST = 20;

interface WalkCursor {
	/** Graph's `after` cursor of the page to read (undefined: the first). */
	g?: string;
	/** Items of that page already passed. */
	s: number;
}

function encode(cursor: WalkCursor): string {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decode(text: string | undefined): WalkCursor {
	if (!text) return { s: 0 };
	try {
		const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as WalkCursor;
		if (typeof parsed.s === 'number' && parsed.s >= 0 && (parsed.g === undefined || typeof parsed.g === 'string')) return parsed;
	} catch {
		// Falls through to the error below.
	}
	throw invalidField('querystring.after', 'is not a cursor this service gave out');
}

export async function walkTemplates(
	graph: GraphClient,
	retry: RetryPolicy,
	target: GraphTarget,
	wabaId: string,
	filter: TemplateFilter & { search?: string },
	page: { limit: number; after?: string },
): Promise<{ data: GraphTemplate[]; nextCursor: string | null }> {
	const fragment = filter.search?.toLowerCase();
	const graphFilter: TemplateFilter = { status: filter.status, name: filter.name, language: filter.language };
	const data: GraphTemplate[] = [];
	let cursor = decode(page.after);
	for (let pagesRead = 0; pagesRead < MAX_GRAPH_PAGES_PER_REQUEST; pagesRead++) {
		const graphPage = await retry.run(() => listTemplatesPage(graph, target, wabaId, graphFilter, { limit: GRAPH_PAGE_SIZE, after: cursor.g }));
		const items = graphPage.data ?? [];
		const nextGraphCursor = graphPage.paging?.next ? graphPage.paging.cursors?.after : undefined;
		for (let index = cursor.s; index < items.length; index++) {
			const template = items[index]!;
			if (fragment && !template.name.toLowerCase().includes(fragment)) continue;
			data.push(template);
			if (data.length === page.limit) {
				const more = index + 1 < items.length || nextGraphCursor !== undefined;
				const next = index + 1 < items.length ? { g: cursor.g, s: index + 1 } : { g: nextGraphCursor, s: 0 };
				return { data, nextCursor: more ? encode(next) : null };
			}
		}
		if (!nextGraphCursor) return { data, nextCursor: null };
		cursor = { g: nextGraphCursor, s: 0 };
	}
	// Work bound reached: hand back what was found and where to go on.
	return { data, nextCursor: encode(cursor) };
}
