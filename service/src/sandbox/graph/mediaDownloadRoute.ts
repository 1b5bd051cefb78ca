import type { FastifyInstance } from 'fastify';
import { newTraceId } from '../ids';
import type { Simulator } from '../simulator';
import { GraphError, graphErrors } from './errors';
import { bearerToken } from './graphPlugin';

/**
 * The download URL handed out by `GET /:version/:media-id`. Like Meta's, it needs the Bearer token of
 * someone allowed to see the media, and answers 404 once its 5 minutes are up or the media is gone.
 */
export async function mediaDownloadPlugin(fastify: FastifyInstance, options: { sim: Simulator }): Promise<void> {
	const { sim } = options;

	fastify.setErrorHandler((error, _request, reply) => {
		const graphError = error instanceof GraphError ? error : graphErrors.unknownError();
		sim.stats.recordError(graphError.code);
		void reply.code(graphError.httpStatus).send(graphError.toBody(newTraceId()));
	});

	fastify.get<{ Querystring: { mid?: string; hash?: string } }>('/whatsapp_business/attachments/', async (request, reply) => {
		const token = sim.registry.authenticate(bearerToken(request));
		const { mid, hash } = request.query;
		const record = mid && hash ? sim.media.resolveUrl(mid, hash) : undefined;
		const owner = record && sim.registry.phoneNumbers.get(record.phoneNumberId);
		if (!record || !owner || !sim.registry.canUsePhoneNumber(token, owner)) {
			return reply.code(404).send(new GraphError({ code: 100, httpStatus: 404, title: 'Media not found or URL expired' }).toBody(newTraceId()));
		}
		void reply.header('content-type', record.mimeType).header('content-length', record.data.length);
		if (record.filename) void reply.header('content-disposition', `attachment; filename="${record.filename.replace(/"/g, '')}"`);
		return reply.send(record.data);
	});
}
