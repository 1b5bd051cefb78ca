import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export interface QrCode extends IDataObject {
	code: string;
	message: string;
	link: string;
	imageUrl: string | null;
}

export type QrImage = 'svg' | 'png';

const qrPath = (phoneNumberId: string, code?: string) => `/v1/cloud/numbers/${encodeURIComponent(phoneNumberId)}/qr-codes${code ? `/${encodeURIComponent(code)}` : ''}`;

export async function listQrCodes(context: ServiceContext, phoneNumberId: string, image: QrImage | undefined, itemIndex?: number): Promise<QrCode[]> {
	return (await serviceRequest<{ data: QrCode[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: qrPath(phoneNumberId), qs: image ? { image } : {}, itemIndex })).data;
}

export async function createQrCode(context: ServiceContext, phoneNumberId: string, message: string, image: QrImage | undefined, itemIndex?: number): Promise<QrCode> {
	return serviceRequest<QrCode>(context, 'whatsAppTenantApi', { method: 'POST', path: qrPath(phoneNumberId), body: { message, ...(image ? { image } : {}) }, itemIndex });
}

export async function updateQrCode(context: ServiceContext, phoneNumberId: string, code: string, message: string, itemIndex?: number): Promise<QrCode> {
	return serviceRequest<QrCode>(context, 'whatsAppTenantApi', { method: 'PATCH', path: qrPath(phoneNumberId, code), body: { message }, itemIndex });
}

export async function deleteQrCode(context: ServiceContext, phoneNumberId: string, code: string, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'DELETE', path: qrPath(phoneNumberId, code), itemIndex });
}
