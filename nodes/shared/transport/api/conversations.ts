import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export interface Page<T> {
	data: T[];
	nextCursor: string | null;
}

async function collect(context: ServiceContext, path: string, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	let cursor: string | undefined;
	do {
		const limit = max === undefined ? 100 : Math.min(100, max - collected.length);
		const page = await serviceRequest<Page<IDataObject>>(context, 'whatsAppTenantApi', { method: 'GET', path, qs: { ...query, limit, ...(cursor ? { cursor } : {}) }, itemIndex });
		collected.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor && (max === undefined || collected.length < max));
	return max === undefined ? collected : collected.slice(0, max);
}

/** Conversations, newest activity first; `max` undefined reads every page. */
export async function listConversations(context: ServiceContext, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	return collect(context, '/v1/conversations', query, max, itemIndex);
}

export async function listConversationMessages(context: ServiceContext, conversationId: string, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
	return collect(context, `/v1/conversations/${encodeURIComponent(conversationId)}/messages`, query, max, itemIndex);
}
