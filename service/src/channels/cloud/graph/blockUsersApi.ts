import type { GraphClient, GraphTarget } from './graphClient';
import { GraphCallError } from './metaError';
import type { GraphPage } from './templatesApi';

/** One person as Meta reports a block or unblock: done (added/removed) or failed with its own errors. */
export interface BlockUserResult {
	input: string;
	waId: string | null;
	ok: boolean;
	code?: number;
	message?: string;
}

interface GraphBlockUser {
	input?: string;
	wa_id?: string;
	errors?: Array<{ message?: string; code?: number | string; error_data?: { details?: string } }>;
}

interface GraphBlockAnswer {
	block_users?: { added_users?: GraphBlockUser[]; removed_users?: GraphBlockUser[]; failed_users?: GraphBlockUser[] };
}

/** Meta's code for "some users failed": the answer then lists every user's result beside the error. */
const SOME_FAILED = 139100;
/** A bound on a misbehaving pager; a blocklist holds at most 64,000 people. */
const MAX_PAGES = 700;

/**
 * POST (block) or DELETE (unblock) `/{phone-number-id}/block_users`. Meta answers 400 with error 139100 when only some
 * people failed, and the results of all beside it: that is a per-person answer here, not a failure.
 */
export async function changeBlockedUsers(graph: GraphClient, target: GraphTarget, phoneNumberId: string, change: 'block' | 'unblock', users: readonly string[]): Promise<BlockUserResult[]> {
	let answer: GraphBlockAnswer;
	try {
		answer = await graph.request<GraphBlockAnswer>(target, { method: change === 'block' ? 'POST' : 'DELETE', path: `${encodeURIComponent(phoneNumberId)}/block_users`, data: { messaging_product: 'whatsapp', block_users: users.map((user) => ({ user })) } });
	} catch (error) {
		const partial = error instanceof GraphCallError && error.code === SOME_FAILED ? (error.info.body as GraphBlockAnswer | undefined)?.block_users : undefined;
		if (!partial) throw error;
		answer = { block_users: partial };
	}
	const done = [...(answer.block_users?.added_users ?? []), ...(answer.block_users?.removed_users ?? [])];
	const results = [
		...done.map((user) => ({ input: user.input ?? '', waId: user.wa_id ?? null, ok: true })),
		...(answer.block_users?.failed_users ?? []).map((user) => {
			const [first] = user.errors ?? [];
			const code = Number(first?.code);
			return { input: user.input ?? '', waId: user.wa_id ?? null, ok: false, ...(Number.isFinite(code) ? { code } : {}), message: [first?.message, first?.error_data?.details].filter(Boolean).join(': ') || 'Meta did not say why' };
		}),
	];
	// In the caller's order; a user Meta did not mention at all is reported so, not dropped.
	return users.map((user) => results.find((result) => result.input === user) ?? { input: user, waId: null, ok: false, message: 'Meta did not report on this user' });
}

/** Every blocked wa_id of the number, all pages. */
export async function listBlockedUsers(graph: GraphClient, target: GraphTarget, phoneNumberId: string): Promise<string[]> {
	const blocked: string[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await graph.request<GraphPage<{ wa_id?: string }>>(target, { method: 'GET', path: `${encodeURIComponent(phoneNumberId)}/block_users`, params: { limit: 100, after } });
		for (const user of response.data ?? []) if (user.wa_id) blocked.push(user.wa_id);
		after = response.paging?.next ? response.paging.cursors?.after : undefined;
		if (!after) break;
	}
	return blocked;
}
