import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export type ChannelMode = 'cloud' | 'web';

export interface ChannelHealth extends IDataObject {
	channel: ChannelMode;
	enabled: boolean;
	configured: boolean;
	healthy: boolean;
	reason?: string;
	accounts: Array<{ id: string; address?: string; healthy: boolean; state: string; reason?: string }>;
}

/** A tenant's default mode and the health of each channel. */
export interface TenantConfig extends IDataObject {
	tenantId: string;
	defaultMode: ChannelMode | null;
	channels: ChannelHealth[];
}

/** Platform keys act on the tenant named in X-Tenant-Id. */
export async function getTenantConfig(context: ServiceContext, tenantId: string, itemIndex?: number): Promise<TenantConfig> {
	return serviceRequest<TenantConfig>(context, 'whatsAppServiceAdminApi', { method: 'GET', path: '/v1/config', tenantId, itemIndex });
}

/** The service refuses (409, with the reason) a channel that is not configured and healthy. */
export async function setDefaultMode(context: ServiceContext, tenantId: string, mode: ChannelMode, itemIndex?: number): Promise<TenantConfig> {
	return serviceRequest<TenantConfig>(context, 'whatsAppServiceAdminApi', { method: 'PUT', path: '/v1/config/default-mode', body: { mode }, tenantId, itemIndex });
}
