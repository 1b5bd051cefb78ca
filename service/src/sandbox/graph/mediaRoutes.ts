import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Simulator } from '../simulator';
import type { MediaRecord } from '../state/mediaStore';
import { ALL_MEDIA_MIME_TYPES, baseMime, contentMatchesDeclared, kindOfMime, MEDIA_RULES, sniffMime } from '../state/mediaTypes';
import { phoneNumberFor } from './access';
import { graphErrors } from './errors';
import type { GraphDeps, GraphRouteConfig, SandboxUrls } from './graphPlugin';

/** `POST /:version/:phone-number-id/media`: multipart upload with Meta's type allow-list and size caps (contract A.3). */
export function registerMediaRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	const config: GraphRouteConfig = { faultScope: 'media' };

	fastify.post<{ Params: { version: string; id: string } }, GraphRouteConfig>('/:version/:id/media', { config }, async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		const form = await readForm(request);
		const product = form.get('messaging_product');
		if (product === null) throw graphErrors.invalidParameter('The parameter messaging_product is required.');
		if (typeof product !== 'string' || product.toLowerCase() !== 'whatsapp') {
			throw graphErrors.invalidParameter(`Param messaging_product must be one of {whatsapp} - got ${JSON.stringify(String(product))}.`);
		}
		const file = form.get('file');
		if (file === null || typeof file === 'string') throw graphErrors.invalidParameter('The parameter file is required.');

		const declaredField = form.get('type');
		const declared = typeof declaredField === 'string' && declaredField !== '' ? declaredField : undefined;
		const partType = file.type && file.type !== 'application/octet-stream' ? file.type : undefined;
		if (declared && partType && baseMime(declared) !== baseMime(partType)) {
			throw graphErrors.mediaUploadError(`The type field (${declared}) does not match the file's type (${partType}).`);
		}
		const mimeType = declared ?? partType ?? file.type ?? 'application/octet-stream';
		const kind = kindOfMime(mimeType);
		if (!kind) {
			throw graphErrors.invalidParameter(`Param file must be a file with one of the following types: ${ALL_MEDIA_MIME_TYPES.join(', ')}. Received file of type '${mimeType}'.`);
		}
		const data = Buffer.from(await file.arrayBuffer());
		const maxBytes = MEDIA_RULES[kind].maxBytes;
		if (data.length > maxBytes) throw graphErrors.mediaUploadError(`The ${kind} is ${data.length} bytes; ${kind} files may be at most ${maxBytes} bytes.`);
		if (data.length === 0) throw graphErrors.mediaUploadError('The uploaded file is empty.');
		const sniffed = sniffMime(data);
		if (!contentMatchesDeclared(mimeType, sniffed)) throw graphErrors.mediaUploadError(`The file content is ${sniffed}, but it was uploaded as ${mimeType}.`);

		const record = sim.media.put({ phoneNumberId: number.phoneNumberId, mimeType, data, filename: file.name || undefined, origin: 'upload' });
		sim.stats.mediaUploaded++;
		return { id: record.id };
	});
}

/** Multipart is buffered by the Graph scope's parser; the standard `Response.formData()` decodes it. */
async function readForm(request: FastifyRequest): Promise<FormData> {
	const contentType = request.headers['content-type'] ?? '';
	if (!Buffer.isBuffer(request.body) || !contentType.toLowerCase().startsWith('multipart/form-data')) {
		throw graphErrors.invalidParameter('The parameter file is required (send multipart/form-data).');
	}
	try {
		return await new Response(new Uint8Array(request.body), { headers: { 'content-type': contentType } }).formData();
	} catch {
		throw graphErrors.invalidParameter('The multipart body could not be parsed.');
	}
}

/** The media node as `GET /:version/:media-id` answers it, with a fresh 5-minute download URL. */
export function mediaNode(sim: Simulator, urls: SandboxUrls, request: FastifyRequest, record: MediaRecord): Record<string, unknown> {
	const grant = sim.media.grantUrl(record.id);
	return {
		messaging_product: 'whatsapp',
		url: mediaUrl(urls.base(request), record.id, grant.hash, grant.expiresAt),
		mime_type: record.mimeType,
		sha256: record.sha256,
		file_size: String(record.fileSize),
		id: record.id,
	};
}

/** Shaped like Meta's `lookaside.fbsbx.com/whatsapp_business/attachments/?mid=...` URLs. */
export function mediaUrl(base: string, mediaId: string, hash: string, expiresAt: number): string {
	return `${base}/lookaside/whatsapp_business/attachments/?mid=${encodeURIComponent(mediaId)}&ext=${Math.floor(expiresAt / 1000)}&hash=${encodeURIComponent(hash)}`;
}
