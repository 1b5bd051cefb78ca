import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';
import type { Subscription } from './subscriptions';

/** A Meta webhook change no tenant owned (unknown number or WABA), kept for replay. */
export interface UnroutedWebhook extends IDataObject {
	id: string;
	appId: string;
	wabaId: string;
	phoneNumberId: string | null;
	field: string;
	reason: string;
	receivedAt: string;
	replayedAt: string | null;
}

/** An event delivery to a subscriber that was given up after its retries. */
export interface DeadLetter extends IDataObject {
	id: string;
	tenantId: string;
	eventId: string;
	eventType: string;
	subscriptionId: string;
	attempts: number;
	lastError: string | null;
	lastStatus: number | null;
	failedAt: string;
}

interface Page<T> {
	data: T[];
	nextCursor: string | null;
}

function compact(values: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
}

/** Reads pages until `max` rows (or all of them); the service pages with `after` = the last id. */
async function collect<T extends IDataObject>(context: ServiceContext, path: string, query: IDataObject, max: number | undefined, itemIndex?: number): Promise<T[]> {
	const collected: T[] = [];
	let after: string | undefined;
	do {
		const limit = max === undefined ? 500 : Math.min(500, max - collected.length);
		const page = await serviceRequest<Page<T>>(context, 'whatsAppServiceAdminApi', { method: 'GET', path, qs: compact({ ...query, limit, after }), itemIndex });
		collected.push(...page.data);
		after = page.nextCursor ?? undefined;
	} while (after && (max === undefined || collected.length < max));
	return max === undefined ? collected : collected.slice(0, max);
}

export async function listUnroutedWebhooks(context: ServiceContext, query: { appId?: string; phoneNumberId?: string; pending?: boolean }, max: number | undefined, itemIndex?: number): Promise<UnroutedWebhook[]> {
	return collect<UnroutedWebhook>(context, '/v1/platform/unrouted-webhooks', { ...query }, max, itemIndex);
}

/** Routes a stored change again; the service answers 409 (with why) while still no tenant takes it. */
export async function replayUnroutedWebhook(context: ServiceContext, unroutedId: string, itemIndex?: number): Promise<{ accepted: number; duplicates: number; tenants: string[] }> {
	return serviceRequest(context, 'whatsAppServiceAdminApi', { method: 'POST', path: `/v1/platform/unrouted-webhooks/${encodeURIComponent(unroutedId)}/replay`, itemIndex });
}

export async function listDeadLetters(context: ServiceContext, query: { tenantId?: string; subscriptionId?: string }, max: number | undefined, itemIndex?: number): Promise<DeadLetter[]> {
	return collect<DeadLetter>(context, '/v1/platform/dead-letters', { ...query }, max, itemIndex);
}

/** Puts one dead letter back in the outbox; it is delivered again with the same event id. */
export async function replayDeadLetter(context: ServiceContext, deadLetterId: string, itemIndex?: number): Promise<{ replayed: number }> {
	return serviceRequest(context, 'whatsAppServiceAdminApi', { method: 'POST', path: `/v1/platform/dead-letters/${encodeURIComponent(deadLetterId)}/replay`, itemIndex });
}

/** Every dead letter of a tenant (or of one of its subscriptions), e.g. once the listener is back. */
export async function replayTenantDeadLetters(context: ServiceContext, tenantId: string, subscriptionId: string | undefined, itemIndex?: number): Promise<{ replayed: number }> {
	// n8n's HTTP helper drops an empty JSON object, and the route wants an object: "{}" goes as bytes.
	const body = subscriptionId ? { subscriptionId } : Buffer.from('{}');
	return serviceRequest(context, 'whatsAppServiceAdminApi', { method: 'POST', path: '/v1/dead-letters/replay', body, headers: { 'Content-Type': 'application/json' }, tenantId, itemIndex });
}

/** Where a subscription's deliveries stand (GET /v1/subscriptions?delivery=true). */
export interface DeliveryFigures extends IDataObject {
	pending: number;
	retrying: number;
	oldestPendingAt: string | null;
	nextRetryAt: string | null;
	/** The most recent failed attempt, still retried or dead-lettered. */
	lastFailure: { eventId: string; attempts: number; status: number | null; error: string | null; failedAt: string | null; deadLettered: boolean } | null;
	deadLetters: number;
	healthy: boolean;
}

/** A tenant's subscriptions (one per active trigger) with their delivery figures, asked as that tenant. */
export async function listSubscriptionsWithDelivery(context: ServiceContext, tenantId: string, onlyActive: boolean, itemIndex?: number): Promise<Array<Subscription & { delivery: DeliveryFigures }>> {
	const page = await serviceRequest<{ data: Array<Subscription & { delivery: DeliveryFigures }> }>(context, 'whatsAppServiceAdminApi', {
		method: 'GET',
		path: '/v1/subscriptions',
		qs: { delivery: true, ...(onlyActive ? { active: true } : {}) },
		tenantId,
		itemIndex,
	});
	return page.data;
}
