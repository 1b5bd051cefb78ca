import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses, SECURITY } from '../../../http/schemas';
import { AppError } from '../../../shared/errors';
import type { SessionManager } from '../sessions/sessionManager';
import { PairingCodeBody, PairingCodeResponse, QrJson, QrQuery, SessionParams } from './schemas';

/** Big enough to scan off a screen, small enough for a chat message or an n8n binary. */
const QR_RENDER = { errorCorrectionLevel: 'M', margin: 2, width: 320 } as const;

/** Linking a device: the current QR code (any replica serves it: it is stored with the session) and pairing codes. */
export function webLoginRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const admin = requireAuth(ctx.authenticator, { scope: 'admin' });
		const base = { tags: ['web-sessions'], security: SECURITY };
		const maxRotations = ctx.config.web.qrMaxRotations;

		app.get(
			'/v1/web/sessions/:name/qr',
			{
				preHandler: admin,
				schema: {
					...base,
					summary: 'The QR code to scan (Linked devices > Link a device) while the session is SCAN_QR; WhatsApp replaces it about every 20 s',
					params: SessionParams,
					querystring: QrQuery,
					response: {
						200: {
							description: 'format=png: the image; dataurl or raw: JSON',
							content: {
								'image/png': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
								'application/json': { schema: QrJson },
							},
						},
						...errorResponses(400, 401, 403, 404, 409),
					},
				},
			},
			async (request, reply) => {
				const session = await manager.get(tenantScopeOf(request), request.params.name);
				if (!session.qr) {
					const hint = session.pairingCode ? 'it is logging in with a pairing code (POST .../pairing-code)' : session.status === 'WORKING' ? 'it is already linked' : 'start it and wait for SCAN_QR';
					throw new AppError(409, 'channel_not_ready', `Web session ${session.name} has no QR code to scan (${session.status}): ${hint}`, { session: session.name, status: session.status, reason: session.reason });
				}
				const { value, rotation } = session.qr;
				// A QR is valid for seconds: never let a cache hand out a stale one.
				reply.header('cache-control', 'no-store');
				const format = request.query.format ?? 'png';
				if (format === 'png') return reply.type('image/png').send(await QRCode.toBuffer(value, { type: 'png', ...QR_RENDER }));
				const rendered = format === 'dataurl' ? await QRCode.toDataURL(value, QR_RENDER) : value;
				return reply.type('application/json').send({ format, value: rendered, rotation, maxRotations });
			},
		);

		app.post(
			'/v1/web/sessions/:name/pairing-code',
			{
				preHandler: admin,
				schema: {
					...base,
					summary: 'Log in with a pairing code instead of the QR code (session in SCAN_QR); asking again for the same number answers the same code',
					params: SessionParams,
					body: PairingCodeBody,
					response: { 200: PairingCodeResponse, ...errorResponses(400, 401, 403, 404, 409, 502) },
				},
			},
			async (request) => {
				const phoneNumber = request.body.phoneNumber.replace(/\D/g, '');
				const code = await manager.requestPairingCode(tenantScopeOf(request), request.params.name, phoneNumber);
				return { code, phoneNumber };
			},
		);
	};
}
