import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export interface Page<T> {
	data: T[];
	nextCursor: string | null;
}

/** How a list continues: `cursor=` (history pages), or `after=` the last id, which replaces where the first page started. */
type Continuation = 'cursor' | 'after';

async function collect(context: ServiceContext, path: string, query: IDataObject, max: number | undefined, itemIndex?: number, continuation: Continuation = 'cursor'): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	let cursor: string | undefined;
	do {
		const limit = max === undefined ? 100 : Math.min(100, max - collected.length);
		const qs = !cursor ? { ...query, limit } : continuation === 'cursor' ? { ...query, limit, cursor } : { ...withoutStart(query), limit, after: cursor };
		const page = await serviceRequest<Page<IDataObject>>(context, 'whatsAppTenantApi', { method: 'GET', path, qs, itemIndex });
		collected.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor && (max === undefined || collected.length < max));
	return max === undefined ? collected : collected.slice(0, max);
}

function withoutStart(query: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'since' && key !== 'after'));
}

/** Conversations, newest activity first; `max` undefined reads every page. */
export async function listConversations(context: ServiceContext, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	return collect(context, '/v1/conversations', query, max, itemIndex);
}

export async function listConversationMessages(context: ServiceContext, conversationId: string, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	return collect(context, `/v1/conversations/${encodeURIComponent(conversationId)}/messages`, query, max, itemIndex);
}

/**
 * Messages of every conversation in the order the service stored them, after one of its ids or from a time
 * (GET /v1/messages): what arrived or was sent while a workflow was not listening.
 */
export async function listStoredMessages(context: ServiceContext, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	return collect(context, '/v1/messages', query, max, itemIndex, 'after');
}
