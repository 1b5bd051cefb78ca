import type { IDataObject } from 'n8n-workflow';
import { buildMultipart } from '../multipart';
import { serviceRequest, type ServiceContext } from '../request';

export interface MediaInfo extends IDataObject {
	id: string;
	mimeType: string;
	size: number;
	sha256: string;
	filename: string | null;
	from: string;
}

export interface DownloadedMedia {
	content: Buffer;
	mimeType: string;
	/** From Content-Disposition, when the service names the file. */
	filename?: string;
}

/** `from` picks the phone number the media belongs to; omitted, the tenant's default number. */
const fromQuery = (from: string | undefined): IDataObject | undefined => (from ? { from } : undefined);

export async function uploadMedia(
	context: ServiceContext,
	input: { from?: string; content: Buffer; filename: string; mimeType: string },
	itemIndex?: number,
): Promise<MediaInfo> {
	const multipart = buildMultipart(input.from ? { from: input.from } : {}, [{ name: 'file', filename: input.filename, contentType: input.mimeType, content: input.content }]);
	return serviceRequest<MediaInfo>(context, 'whatsAppTenantApi', {
		method: 'POST',
		path: '/v1/media',
		body: multipart.body,
		headers: { 'Content-Type': multipart.contentType },
		itemIndex,
	});
}

export async function getMediaInfo(context: ServiceContext, id: string, from: string | undefined, itemIndex?: number): Promise<MediaInfo> {
	return serviceRequest<MediaInfo>(context, 'whatsAppTenantApi', { method: 'GET', path: `/v1/media/${encodeURIComponent(id)}`, qs: fromQuery(from), itemIndex });
}

function filenameOf(disposition: unknown): string | undefined {
	if (typeof disposition !== 'string') return undefined;
	const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
	if (encoded) return decodeURIComponent(encoded[1]);
	const plain = /filename="?([^";]+)"?/i.exec(disposition);
	return plain?.[1];
}

/** The media's bytes (not a short-lived URL): the service fetches them from WhatsApp with the tenant's token. */
export async function downloadMedia(context: ServiceContext, id: string, from: string | undefined, itemIndex?: number): Promise<DownloadedMedia> {
	const response = await serviceRequest<{ body: Buffer | ArrayBuffer; headers: Record<string, unknown> }>(context, 'whatsAppTenantApi', {
		method: 'GET',
		path: `/v1/media/${encodeURIComponent(id)}/content`,
		qs: fromQuery(from),
		binary: true,
		itemIndex,
	});
	const content = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
	const mimeType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	return { content, mimeType, filename: filenameOf(response.headers['content-disposition']) };
}

export async function deleteMedia(context: ServiceContext, id: string, from: string | undefined, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'DELETE', path: `/v1/media/${encodeURIComponent(id)}`, qs: fromQuery(from), itemIndex });
}
