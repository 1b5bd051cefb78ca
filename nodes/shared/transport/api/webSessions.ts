import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export type WebSessionStatus = 'STOPPED' | 'STARTING' | 'SCAN_QR' | 'WORKING' | 'FAILED';

/** Options applied at a session's next start. */
export interface WebSessionSettings extends IDataObject {
	deviceName?: string;
	browserName?: string;
	takeoverOnConflict?: boolean;
	proxyServer?: string;
	ignoreGroups?: boolean;
	rejectCalls?: boolean;
	rejectCallMessage?: string;
}

/** A WhatsApp Web session as the service shows it. */
export interface WebSession extends IDataObject {
	name: string;
	status: WebSessionStatus;
	reason: string | null;
	statusChangedAt: string;
	isDefault: boolean;
	desiredState: 'running' | 'stopped';
	loginMethod: 'qr' | 'pairing';
	pairingPhoneNumber: string | null;
	me: { id: string; pushName: string | null } | null;
	qr: { rotation: number; maxRotations: number } | null;
	settings: WebSessionSettings;
	createdAt: string;
	updatedAt: string;
}

export interface NewWebSession extends IDataObject {
	name: string;
	start?: boolean;
	pairingPhoneNumber?: string;
	isDefault?: boolean;
	settings?: WebSessionSettings;
}

export type WebSessionPatch = Pick<NewWebSession, 'isDefault' | 'settings'> & { pairingPhoneNumber?: string | null };

export type WebSessionAction = 'start' | 'stop' | 'restart' | 'logout';

export const sessionPath = (name: string) => `/v1/web/sessions/${encodeURIComponent(name)}`;

export async function listWebSessions(context: ServiceContext, itemIndex?: number): Promise<WebSession[]> {
	const answer = await serviceRequest<{ data: WebSession[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: '/v1/web/sessions', itemIndex });
	return answer.data;
}

export async function getWebSession(context: ServiceContext, name: string, itemIndex?: number): Promise<WebSession> {
	return serviceRequest<WebSession>(context, 'whatsAppTenantApi', { method: 'GET', path: sessionPath(name), itemIndex });
}

/** Creates (and by default starts) a session; an existing name answers that session unchanged. */
export async function createWebSession(context: ServiceContext, input: NewWebSession, itemIndex?: number): Promise<WebSession> {
	return serviceRequest<WebSession>(context, 'whatsAppTenantApi', { method: 'POST', path: '/v1/web/sessions', body: input, itemIndex });
}

export async function updateWebSession(context: ServiceContext, name: string, patch: WebSessionPatch, itemIndex?: number): Promise<WebSession> {
	return serviceRequest<WebSession>(context, 'whatsAppTenantApi', { method: 'PATCH', path: sessionPath(name), body: { ...patch } as IDataObject, itemIndex });
}

/** Unlinks the device, closes the browser and forgets the login. */
export async function deleteWebSession(context: ServiceContext, name: string, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'DELETE', path: sessionPath(name), itemIndex });
}

/** start, stop, restart and logout are idempotent and answer the session as it is now. */
export async function actOnWebSession(context: ServiceContext, name: string, action: WebSessionAction, itemIndex?: number): Promise<WebSession> {
	return serviceRequest<WebSession>(context, 'whatsAppTenantApi', { method: 'POST', path: `${sessionPath(name)}/${action}`, itemIndex });
}

export interface QrCodeText {
	format: 'dataurl' | 'raw';
	value: string;
	rotation: number;
	maxRotations: number;
}

/** The QR code on offer as a PNG image; the service answers 409 (with why) when there is none. */
export async function getQrPng(context: ServiceContext, name: string, itemIndex?: number): Promise<Buffer> {
	const response = await serviceRequest<{ body: Buffer | ArrayBuffer }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${sessionPath(name)}/qr`, qs: { format: 'png' }, binary: true, itemIndex });
	return Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
}

export async function getQrText(context: ServiceContext, name: string, format: 'dataurl' | 'raw', itemIndex?: number): Promise<QrCodeText> {
	return serviceRequest<QrCodeText>(context, 'whatsAppTenantApi', { method: 'GET', path: `${sessionPath(name)}/qr`, qs: { format }, itemIndex });
}

/** A code to type on the phone (Linked devices › Link with phone number) instead of scanning. */
export async function requestPairingCode(context: ServiceContext, name: string, phoneNumber: string, itemIndex?: number): Promise<{ code: string; phoneNumber: string }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${sessionPath(name)}/pairing-code`, body: { phoneNumber }, itemIndex });
}
