import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { MessageQrCode } from '../state/messageQrCodes';
import { phoneNumberFor } from './access';
import { GraphError, graphErrors } from './errors';
import type { GraphDeps } from './graphPlugin';
import { pageLinks, paginate, readPageRequest } from './paging';

/** Meta's limit on a QR code's prefilled message. */
const PREFILLED_MAX = 140;
const IMAGE_FORMAT = /qr_image_url\.format\((SVG|PNG)\)/i;

const deepLink = (code: string) => `https://wa.me/message/${code}`;

/**
 * `GET|POST /:version/:phone-number-id/message_qrdls` and `GET|DELETE …/message_qrdls/:code`, as the spec has them:
 * a code, its prefilled message and wa.me deep link; POST creates (or, with `code`, updates) and can generate an SVG
 * or PNG image, served by the simulator at `<base>/qr/<code>.<svg|png>`.
 */
export function registerMessageQrRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	const imageUrl = (request: FastifyRequest, code: string, format: string) => `${deps.urls.base(request)}/graph/qr/${code}.${format.toLowerCase()}`;
	const view = (request: FastifyRequest, record: MessageQrCode, format?: string) => ({
		code: record.code,
		prefilled_message: record.prefilledMessage,
		deep_link_url: deepLink(record.code),
		...(format ? { qr_image_url: imageUrl(request, record.code, format) } : {}),
	});
	const owned = (request: FastifyRequest, phoneNumberId: string, code: string) => {
		const record = sim.qrCodes.get(code);
		if (!record || record.phoneNumberId !== phoneNumberId) throw graphErrors.unsupportedRequest(request.method, code);
		return record;
	};
	const formatOf = (fields: unknown) => (typeof fields === 'string' ? IMAGE_FORMAT.exec(fields)?.[1] : undefined);

	fastify.get<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>('/:version/:id/message_qrdls', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		const wanted = typeof request.query.code === 'string' ? request.query.code : undefined;
		const records = sim.qrCodes.of(number.phoneNumberId).filter((record) => !wanted || record.code === wanted);
		const link = pageLinks(`${deps.urls.base(request)}/graph/${request.params.version}/${number.phoneNumberId}/message_qrdls`, request.query);
		const page = paginate(records, (record) => record.code, readPageRequest(request.query), link);
		return { ...page, data: page.data.map((record) => view(request, record, formatOf(request.query.fields))) };
	});

	fastify.post<{ Params: { version: string; id: string }; Body: unknown }>('/:version/:id/message_qrdls', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		const body = (request.body ?? {}) as { code?: unknown; prefilled_message?: unknown; generate_qr_image?: unknown };
		const message = body.prefilled_message;
		if (typeof message !== 'string' || message.length === 0 || message.length > PREFILLED_MAX) {
			throw new GraphError({ code: 100, httpStatus: 400, rawMessage: true, title: `Invalid prefilled_message length. Maximum ${PREFILLED_MAX} characters allowed`, field: 'prefilled_message' });
		}
		const format = body.generate_qr_image;
		if (format !== undefined && format !== 'SVG' && format !== 'PNG') throw graphErrors.invalidParameter('Param generate_qr_image must be one of SVG, PNG', { field: 'generate_qr_image' });
		let record: MessageQrCode;
		if (body.code !== undefined) {
			record = owned(request, number.phoneNumberId, String(body.code));
			record.prefilledMessage = message;
		} else {
			record = sim.qrCodes.create(number.phoneNumberId, message, sim.clock.now());
		}
		return view(request, record, format as string | undefined);
	});

	fastify.get<{ Params: { version: string; id: string; code: string }; Querystring: Record<string, unknown> }>('/:version/:id/message_qrdls/:code', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		return { data: [view(request, owned(request, number.phoneNumberId, request.params.code), formatOf(request.query.fields))] };
	});

	fastify.delete<{ Params: { version: string; id: string; code: string } }>('/:version/:id/message_qrdls/:code', async (request) => {
		const number = phoneNumberFor(sim, request, request.params.id);
		sim.qrCodes.delete(owned(request, number.phoneNumberId, request.params.code).code);
		return { success: true };
	});

	// The image behind qr_image_url: the deep link as a QR code.
	fastify.get<{ Params: { file: string } }>('/qr/:file', async (request, reply) => {
		const [, code, extension] = /^([A-Z0-9]{14})\.(svg|png)$/.exec(request.params.file) ?? [];
		if (!code || !sim.qrCodes.get(code)) return reply.code(404).send({ error: { message: 'QR code not found', code: 100 } });
		if (extension === 'svg') return reply.type('image/svg+xml').send(await QRCode.toString(deepLink(code), { type: 'svg' }));
		return reply.type('image/png').send(await QRCode.toBuffer(deepLink(code)));
	});
}
