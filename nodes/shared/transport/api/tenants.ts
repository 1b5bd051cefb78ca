import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

/** Tenants, as platform admins manage them (the Tenant Admin node's credential). */
export interface Tenant extends IDataObject {
	id: string;
	name: string;
	slug: string;
	status: 'active' | 'suspended';
	defaultMode: 'cloud' | 'web' | null;
	createdAt: string;
	updatedAt: string;
}

export interface TenantPage {
	data: Tenant[];
	nextCursor: string | null;
}

const path = (tenantId: string) => `/v1/tenants/${encodeURIComponent(tenantId)}`;

export async function listTenants(context: ServiceContext, query: { limit?: number; after?: string }, itemIndex?: number): Promise<TenantPage> {
	const qs: IDataObject = {};
	if (query.limit !== undefined) qs.limit = query.limit;
	if (query.after) qs.after = query.after;
	return serviceRequest<TenantPage>(context, 'whatsAppServiceAdminApi', { method: 'GET', path: '/v1/tenants', qs, itemIndex });
}

/** Follows the cursor until `max` tenants (or all of them) are read. */
export async function listAllTenants(context: ServiceContext, max: number | undefined, itemIndex?: number): Promise<Tenant[]> {
	const collected: Tenant[] = [];
	let after: string | undefined;
	do {
		const limit = max === undefined ? 500 : Math.min(500, max - collected.length);
		const page = await listTenants(context, { limit, after }, itemIndex);
		collected.push(...page.data);
		after = page.nextCursor ?? undefined;
	} while (after && (max === undefined || collected.length < max));
	return max === undefined ? collected : collected.slice(0, max);
}

export async function getTenant(context: ServiceContext, tenantId: string, itemIndex?: number): Promise<Tenant> {
	return serviceRequest<Tenant>(context, 'whatsAppServiceAdminApi', { method: 'GET', path: path(tenantId), itemIndex });
}

export async function createTenant(context: ServiceContext, input: { name: string; slug?: string }, itemIndex?: number): Promise<Tenant> {
	return serviceRequest<Tenant>(context, 'whatsAppServiceAdminApi', { method: 'POST', path: '/v1/tenants', body: { ...input }, itemIndex });
}

export async function updateTenant(context: ServiceContext, tenantId: string, patch: { name?: string; slug?: string; status?: 'active' | 'suspended' }, itemIndex?: number): Promise<Tenant> {
	return serviceRequest<Tenant>(context, 'whatsAppServiceAdminApi', { method: 'PATCH', path: path(tenantId), body: { ...patch }, itemIndex });
}

/** Deletes the tenant and everything it owns (numbers, sessions, history, keys). */
export async function deleteTenant(context: ServiceContext, tenantId: string, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppServiceAdminApi', { method: 'DELETE', path: path(tenantId), itemIndex });
}
