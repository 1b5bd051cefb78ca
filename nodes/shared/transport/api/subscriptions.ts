import type { IDataObject } from 'n8n-workflow';
import { asNodeError } from '../../router';
import { serviceRequest, type ServiceContext } from '../request';

/** What a subscription listens for; empty lists mean "any". */
export interface SubscriptionFilters extends IDataObject {
	events: string[];
	channel?: 'cloud' | 'web' | null;
	accounts?: string[];
	messageTypes?: string[];
	statuses?: string[];
}

export interface Subscription extends SubscriptionFilters {
	id: string;
	targetUrl: string;
	description: string | null;
	active: boolean;
	createdAt: string;
	updatedAt: string;
}

export async function createSubscription(context: ServiceContext, input: SubscriptionFilters & { targetUrl: string; description?: string }): Promise<Subscription & { secret: string }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: '/v1/subscriptions', body: input });
}

/** undefined when the service no longer has it (deleted by someone, or another tenant's id). */
export async function findSubscription(context: ServiceContext, id: string): Promise<Subscription | undefined> {
	try {
		return await serviceRequest<Subscription>(context, 'whatsAppTenantApi', { method: 'GET', path: `/v1/subscriptions/${encodeURIComponent(id)}` });
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return undefined;
		throw asNodeError(context, error);
	}
}

export async function updateSubscription(context: ServiceContext, id: string, patch: Partial<SubscriptionFilters> & { targetUrl?: string; active?: boolean }): Promise<Subscription> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'PATCH', path: `/v1/subscriptions/${encodeURIComponent(id)}`, body: patch });
}

/** Deleting one that is already gone counts as done. */
export async function deleteSubscription(context: ServiceContext, id: string): Promise<void> {
	try {
		await serviceRequest(context, 'whatsAppTenantApi', { method: 'DELETE', path: `/v1/subscriptions/${encodeURIComponent(id)}` });
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return;
		throw asNodeError(context, error);
	}
}
