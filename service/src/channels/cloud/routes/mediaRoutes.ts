import path from 'node:path';
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../../http/app';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, SECURITY } from '../../../http/schemas';
import { invalidField } from '../../../shared/errors';
import type { CloudServices } from '../cloudServices';
import { deleteMedia, mediaInfo, openMediaDownload, uploadMedia } from '../graph/mediaApi';
import { checkMediaFile, isMediaKind, type MediaKind } from '../outbound/mediaRules';
import { FromQuery, MediaId, MediaInfoSchema, PhoneNumberId, UploadedMediaSchema } from './schemas';
import { UploadSpool, type SpooledFile } from './uploadSpool';

/** Meta's largest file (documents). Bigger uploads are cut off while streaming, never buffered whole. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const UploadBody = Type.Object(
	{
		file: Type.Object({ filename: Type.String(), mimeType: Type.String() }, { additionalProperties: true, description: 'The file part, with its filename and Content-Type' }),
		from: Type.Optional(PhoneNumberId),
		type: Type.Optional(Type.Union(['image', 'video', 'audio', 'document', 'sticker'].map((kind) => Type.Literal(kind)), { description: 'What the file will be sent as (checked against Meta’s table); derived from the mime type when absent' })),
	},
	{ additionalProperties: false },
);

/** Media on a Cloud number: upload (checked against Meta's type and size table first), info, bytes, delete. */
export function cloudMediaRoutes(services: CloudServices) {
	return async (app: App): Promise<void> => {
		const { ctx, accounts, graph, retry } = services;
		const send = requireAuth(ctx.authenticator, { scope: 'send' });
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const base = { tags: ['media'], security: SECURITY };

		const spool = new UploadSpool(path.join(ctx.config.dataDir, 'uploads'));
		await app.register(async (scoped) => {
			await scoped.register(multipart, {
				attachFieldsToBody: 'keyValues',
				limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1024 },
				async onFile(this: FastifyRequest, part) {
					(part as unknown as { value: SpooledFile }).value = await spool.write(this, part, MAX_UPLOAD_BYTES);
				},
			});
			// Gone before the answer leaves (success or error), or when the client gives up mid-upload.
			scoped.addHook('onSend', async (request, _reply, payload) => {
				await spool.release(request);
				return payload;
			});
			scoped.addHook('onRequestAbort', (request) => spool.release(request));
			scoped.post(
				'/v1/media',
				{
					// Checked before the body is read: nobody streams 100 MB into us without a valid key for this tenant.
					onRequest: [send, async (request) => void tenantScopeOf(request)],
					bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024,
					schema: {
						...base,
						summary: 'Upload a file to a Cloud number (multipart: file, optional from and type); answers the media id to send it by',
						consumes: ['multipart/form-data'],
						body: UploadBody,
						response: { 201: UploadedMediaSchema, ...errorResponses(400, 401, 403, 404, 413, 429, 502) },
					},
				},
				async (request, reply) => {
					const scope = tenantScopeOf(request);
					const body = request.body as unknown as { file: SpooledFile; from?: string; type?: string };
					if (typeof body.file.path !== 'string') throw invalidField('body.file', 'must be a file part');
					const kind = body.type && isMediaKind(body.type) ? (body.type as MediaKind) : undefined;
					checkMediaFile('body.file', { mimeType: body.file.mimeType, size: body.file.size, kind });
					const sender = await accounts.senderFor(scope, { from: body.from });
					const id = await retry.run(() => uploadMedia(graph, sender.target, sender.phoneNumberId, { content: { path: body.file.path }, mimeType: body.file.mimeType, filename: body.file.filename }));
					reply.status(201);
					return { id, mimeType: body.file.mimeType, size: body.file.size, sha256: body.file.sha256, filename: body.file.filename || null, from: sender.phoneNumberId };
				},
			);
		});

		const MediaParams = Type.Object({ mediaId: MediaId });

		app.get(
			'/v1/media/:mediaId',
			{ preHandler: read, schema: { ...base, summary: "A media's type, size and hash", params: MediaParams, querystring: FromQuery, response: { 200: MediaInfoSchema, ...errorResponses(400, 401, 404, 502) } } },
			async (request) => {
				const sender = await accounts.senderFor(tenantScopeOf(request), { from: request.query.from });
				const info = await retry.run(() => mediaInfo(graph, sender.target, request.params.mediaId, sender.phoneNumberId));
				return { id: info.id, mimeType: info.mime_type, size: Number(info.file_size), sha256: info.sha256, from: sender.phoneNumberId };
			},
		);

		app.get(
			'/v1/media/:mediaId/content',
			{
				preHandler: read,
				schema: {
					...base,
					summary: "A media's bytes, with its Content-Type (received media: download within Meta's 7 days)",
					params: MediaParams,
					querystring: FromQuery,
					response: { 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'The file' }), ...errorResponses(400, 401, 404, 502) },
				},
			},
			async (request, reply) => {
				const sender = await accounts.senderFor(tenantScopeOf(request), { from: request.query.from });
				// Retried until Meta starts answering with the bytes; from then on they are passed through as they come.
				const { info, file } = await retry.run(async () => {
					const info = await mediaInfo(graph, sender.target, request.params.mediaId, sender.phoneNumberId);
					return { info, file: await openMediaDownload(graph, sender.target, info) };
				});
				const extension = file.mimeType.split(';')[0]!.split('/')[1]?.replace(/[^a-z0-9.+-]/gi, '') ?? 'bin';
				// With the length known, a download cut short upstream is a short body the client can tell from a whole one.
				if (file.size !== undefined) void reply.header('content-length', file.size);
				return reply
					.header('content-type', file.mimeType)
					.header('content-disposition', `attachment; filename="${info.id.replace(/[^A-Za-z0-9._-]/g, '_')}.${extension}"`)
					.header('x-media-sha256', info.sha256)
					.send(file.stream);
			},
		);

		app.delete(
			'/v1/media/:mediaId',
			{ preHandler: send, schema: { ...base, summary: 'Delete a media from Meta', params: MediaParams, querystring: FromQuery, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 502) } } },
			async (request, reply) => {
				const sender = await accounts.senderFor(tenantScopeOf(request), { from: request.query.from });
				await retry.run(() => deleteMedia(graph, sender.target, request.params.mediaId, sender.phoneNumberId));
				return reply.status(204).send(null);
			},
		);
	};
}
