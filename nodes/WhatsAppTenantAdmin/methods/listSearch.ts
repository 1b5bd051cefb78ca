import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { currentParameterValue } from '../../shared/methods/currentValue';
import { listApiKeys } from '../../shared/transport/api/apiKeys';
import { listTenants } from '../../shared/transport/api/tenants';

const matches = (filter: string | undefined, ...texts: string[]) => !filter || texts.some((text) => text.toLowerCase().includes(filter.toLowerCase()));

/** Tenants page by page (the service's cursor); the search narrows each page by name, slug or id. */
export async function searchTenants(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = await listTenants(this, { limit: 100, after: paginationToken || undefined });
	return {
		results: page.data
			.filter((tenant) => matches(filter, tenant.name, tenant.slug, tenant.id))
			.map((tenant) => ({ name: `${tenant.name} (${tenant.slug})${tenant.status === 'suspended' ? ' · suspended' : ''}`, value: tenant.id })),
		paginationToken: page.nextCursor ?? undefined,
	};
}

/** The chosen tenant's keys that still work, by name; empty until a tenant is chosen. */
export async function searchApiKeys(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const tenantId = currentParameterValue(this, 'tenant');
	if (!tenantId) return { results: [] };
	const keys = await listApiKeys(this, tenantId);
	return {
		results: keys
			.filter((key) => key.revokedAt === null && matches(filter, key.name, key.prefix, key.id))
			.map((key) => ({ name: `${key.name} (${key.prefix}… · ${key.scopes.join(', ')})`, value: key.id })),
	};
}
