import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export type ApiKeyScope = 'read' | 'send' | 'admin';

/** A key as the service lists it: never the key itself, only its prefix. */
export interface ApiKey extends IDataObject {
	id: string;
	tenantId: string | null;
	name: string;
	prefix: string;
	scopes: ApiKeyScope[];
	createdAt: string;
	lastUsedAt: string | null;
	expiresAt: string | null;
	revokedAt: string | null;
}

/** The answer to create and rotate: the only time the key itself is shown. */
export interface CreatedApiKey {
	apiKey: ApiKey;
	key: string;
}

const keysPath = (tenantId: string) => `/v1/tenants/${encodeURIComponent(tenantId)}/api-keys`;

export async function listApiKeys(context: ServiceContext, tenantId: string, itemIndex?: number): Promise<ApiKey[]> {
	const answer = await serviceRequest<{ data: ApiKey[] }>(context, 'whatsAppServiceAdminApi', { method: 'GET', path: keysPath(tenantId), itemIndex });
	return answer.data;
}

export async function createApiKey(context: ServiceContext, tenantId: string, input: { name: string; scopes: ApiKeyScope[]; expiresAt?: string }, itemIndex?: number): Promise<CreatedApiKey> {
	return serviceRequest<CreatedApiKey>(context, 'whatsAppServiceAdminApi', { method: 'POST', path: keysPath(tenantId), body: { ...input }, itemIndex });
}

/** A new key with the same name, scopes and expiry; the old one stops working at once. */
export async function rotateApiKey(context: ServiceContext, tenantId: string, keyId: string, itemIndex?: number): Promise<CreatedApiKey> {
	return serviceRequest<CreatedApiKey>(context, 'whatsAppServiceAdminApi', { method: 'POST', path: `${keysPath(tenantId)}/${encodeURIComponent(keyId)}/rotate`, itemIndex });
}

export async function revokeApiKey(context: ServiceContext, tenantId: string, keyId: string, itemIndex?: number): Promise<ApiKey> {
	return serviceRequest<ApiKey>(context, 'whatsAppServiceAdminApi', { method: 'DELETE', path: `${keysPath(tenantId)}/${encodeURIComponent(keyId)}`, itemIndex });
}
