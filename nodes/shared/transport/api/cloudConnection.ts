import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

/** What PUT /v1/cloud/connection takes: Meta's side of a tenant, as the Meta credential holds it. */
export interface CloudConnectionInput extends IDataObject {
	appId: string;
	appSecret: string;
	verifyToken?: string;
	wabaId: string;
	accessToken: string;
	graphApiVersion?: string;
	phoneNumberIds?: string[];
	throughputPerSecond?: number;
	/** false: leave the WABA's webhook subscription alone (default: subscribe the app). */
	subscribeApp?: boolean;
}

export interface RegisteredCloudNumber extends IDataObject {
	id: string;
	phoneNumberId: string;
	wabaId: string;
	metaAppId: string;
	displayPhoneNumber: string | null;
	verifiedName: string | null;
	isDefault: boolean;
}

export interface CloudConnection extends IDataObject {
	/** Secrets come back masked, except a verify token the service generated just now. */
	metaApp: IDataObject & { appId: string; webhookUrl: string; verifyToken: string };
	numbers: RegisteredCloudNumber[];
	/** Whether the app is now subscribed to the WABA's webhooks, or Meta's refusal. */
	subscription?: IDataObject & { subscribed: boolean };
}

export interface ConnectionTest extends IDataObject {
	ok: boolean;
	displayPhoneNumber: string | null;
	verifiedName: string | null;
	error?: { code: string; message: string; providerCode?: unknown; hint?: string };
}

/** Checks the token with Meta, then registers the app and the WABA's numbers for the tenant (idempotent). */
export async function pushCloudConnection(context: ServiceContext, tenantId: string, input: CloudConnectionInput, itemIndex?: number): Promise<CloudConnection> {
	return serviceRequest<CloudConnection>(context, 'whatsAppServiceAdminApi', { method: 'PUT', path: '/v1/cloud/connection', body: input, tenantId, itemIndex });
}

export async function listTenantCloudNumbers(context: ServiceContext, tenantId: string, itemIndex?: number): Promise<RegisteredCloudNumber[]> {
	const answer = await serviceRequest<{ data: RegisteredCloudNumber[] }>(context, 'whatsAppServiceAdminApi', { method: 'GET', path: '/v1/cloud/numbers', tenantId, itemIndex });
	return answer.data;
}

/** Reads the number's profile from Meta with its stored token; a failure is an answer (ok: false), not an error. */
export async function testCloudNumber(context: ServiceContext, tenantId: string, phoneNumberId: string, itemIndex?: number): Promise<ConnectionTest> {
	return serviceRequest<ConnectionTest>(context, 'whatsAppServiceAdminApi', { method: 'POST', path: `/v1/cloud/numbers/${encodeURIComponent(phoneNumberId)}/test`, tenantId, itemIndex });
}
