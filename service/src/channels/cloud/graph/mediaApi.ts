import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { GraphCallError } from './metaError';
import type { GraphClient, GraphTarget } from './graphClient';

export interface GraphMediaInfo {
	id: string;
	url: string;
	mime_type: string;
	sha256: string;
	/** A string in Meta's examples, a number elsewhere. */
	file_size: string | number;
}

export interface MediaUpload {
	/** Bytes at hand (inline base64 media), or a file on disk (a spooled upload), read as each attempt goes out. */
	content: Buffer | { path: string };
	mimeType: string;
	filename?: string;
}

export async function uploadMedia(graph: GraphClient, target: GraphTarget, phoneNumberId: string, upload: MediaUpload): Promise<string> {
	const form = new FormData();
	form.append('messaging_product', 'whatsapp');
	form.append('type', upload.mimeType);
	const { content, mimeType } = upload;
	const file = Buffer.isBuffer(content) ? new Blob([new Uint8Array(content)], { type: mimeType }) : await fs.openAsBlob(content.path, { type: mimeType });
	form.append('file', file, upload.filename ?? 'file');
	const response = await graph.request<{ id: string }>(target, { method: 'POST', path: `${phoneNumberId}/media`, data: form });
	return response.id;
}

/** With `phone_number_id`, Meta answers only if the media belongs to that number: a tenant never reads another number's media. */
export function mediaInfo(graph: GraphClient, target: GraphTarget, mediaId: string, phoneNumberId: string): Promise<GraphMediaInfo> {
	return graph.request<GraphMediaInfo>(target, { method: 'GET', path: encodeURIComponent(mediaId), params: { phone_number_id: phoneNumberId } });
}

export async function deleteMedia(graph: GraphClient, target: GraphTarget, mediaId: string, phoneNumberId: string): Promise<void> {
	await graph.request(target, { method: 'DELETE', path: encodeURIComponent(mediaId), params: { phone_number_id: phoneNumberId } });
}

/** Hosts a media URL may point at: Meta's CDN, or the Graph host itself (the sandbox serves both). */
function trustedMediaUrl(target: GraphTarget, url: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.origin === new URL(target.baseUrl).origin) return true;
	return parsed.protocol === 'https:' && /(^|\.)(fbsbx\.com|facebook\.com|whatsapp\.net|fbcdn\.net)$/.test(parsed.hostname);
}

/** A media's bytes as they arrive from Meta, never held whole: files run to 100 MB, and downloads run side by side. */
export interface MediaDownload {
	stream: Readable;
	mimeType: string;
	/** Content-Length as Meta sent it, when it did. */
	size?: number;
}

/** Opens the bytes behind a media URL; the token goes only to hosts Meta serves media from. */
export async function openMediaDownload(graph: GraphClient, target: GraphTarget, info: GraphMediaInfo): Promise<MediaDownload> {
	if (!trustedMediaUrl(target, info.url)) throw new GraphCallError('meta', 'Graph returned a media URL on an unexpected host; refusing to send the token there', 502, undefined);
	const response = await graph.requestRaw<Readable>(target, { method: 'GET', path: info.url, responseType: 'stream' });
	const type = response.headers['content-type'];
	const length = Number(response.headers['content-length']);
	return { stream: response.data, mimeType: typeof type === 'string' && type !== '' ? type : info.mime_type, ...(Number.isSafeInteger(length) && length >= 0 ? { size: length } : {}) };
}
