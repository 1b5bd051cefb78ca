import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import type { App } from '../../../http/app';
import { errorResponses } from '../../../http/schemas';
import { AppError, notFound } from '../../../shared/errors';
import type { AppRegistrations } from './appRegistrations';
import type { Intake } from './intake';
import { RateLimitedLog } from './rateLimitedLog';
import { checkSignature, tokenMatches } from './signature';

/** Meta sends at most 3 MB per webhook. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

const Params = Type.Object({ appId: Type.String({ pattern: '^[0-9]{1,32}$', description: "Meta's app id, as in the callback URL" }) });
const HandshakeQuery = Type.Object({
	'hub.mode': Type.Optional(Type.String({ maxLength: 64 })),
	'hub.verify_token': Type.Optional(Type.String({ maxLength: 1024 })),
	'hub.challenge': Type.Optional(Type.String({ maxLength: 1024 })),
});
const Received = Type.Object({
	accepted: Type.Integer({ description: 'Items stored for the first time' }),
	duplicates: Type.Integer({ description: 'Items already seen; nothing emitted again' }),
	unrouted: Type.Integer({ description: 'Changes no tenant owns (kept for the platform admin)' }),
});

/**
 * The one callback URL of a Meta app. GET answers the verification handshake; POST verifies the signature over
 * the exact bytes received, then answers 200 only once every change is committed with its events.
 */
export function webhookRoutes(ctx: AppContext, registrations: AppRegistrations, intake: Intake) {
	const rejections = new RateLimitedLog(ctx.logger);
	const { inboundWebhooks } = ctx.metrics;

	const refuse = (reply: FastifyReply, status: number, code: string, message: string) => reply.status(status).send({ error: { code, message, details: {} } });

	return async (app: App): Promise<void> => {
		app.get(
			'/webhooks/meta/:appId',
			{
				schema: {
					tags: ['webhooks'],
					summary: "Meta's verification handshake: echoes hub.challenge when hub.verify_token matches the app's verify token",
					params: Params,
					querystring: HandshakeQuery,
					produces: ['text/plain'],
					response: { 200: Type.String(), ...errorResponses(400, 403, 404) },
				},
			},
			async (request, reply) => {
				const { appId } = request.params;
				const found = await registrations.get(appId);
				if (found.length === 0) throw notFound('Meta app', appId);
				const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = request.query;
				// Every registration is checked (no early exit), so timing does not reveal which one matched.
				const matched = token !== undefined && found.map((r) => tokenMatches(token, r.verifyToken)).includes(true);
				if (mode !== 'subscribe' || !matched || challenge === undefined) {
					rejections.warn(`${appId}:handshake`, { appId, mode }, 'Meta webhook handshake refused: wrong mode or verify token');
					throw new AppError(403, 'forbidden', 'Verification failed');
				}
				return reply.type('text/plain; charset=utf-8').send(challenge);
			},
		);

		await app.register(async (plain) => {
			const scoped = plain.withTypeProvider<TypeBoxTypeProvider>();
			// Keep the body as bytes: the signature covers exactly what Meta sent, not a re-serialisation.
			scoped.removeAllContentTypeParsers();
			scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

			scoped.post(
				'/webhooks/meta/:appId',
				{
					bodyLimit: WEBHOOK_BODY_LIMIT,
					schema: {
						tags: ['webhooks'],
						summary: 'Webhook notifications from Meta (signed with X-Hub-Signature-256)',
						description: 'Answered 200 once every change is stored with its events. 401 when the signature is missing or wrong, 404 for an unknown app, 413 over 3 MB, 400 for a body that is not JSON.',
						params: Params,
						headers: Type.Object({ 'x-hub-signature-256': Type.Optional(Type.String({ description: 'sha256=<hex HMAC-SHA256 of the raw body with the app secret>' })) }),
						response: { 200: Received, ...errorResponses(400, 401, 404, 413) },
					},
				},
				async (request, reply) => {
					const { appId } = request.params;
					const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
					let found = await registrations.get(appId);
					if (found.length === 0) {
						inboundWebhooks.inc({ result: 'unknown_app' });
						return refuse(reply, 404, 'not_found', `Meta app ${appId} not found`);
					}
					const header = request.headers['x-hub-signature-256'];
					let check = checkSignature(raw, header, found);
					if (!check.ok && check.reason === 'bad_signature') {
						const fresher = await registrations.refresh(appId);
						if (fresher) {
							found = fresher;
							check = checkSignature(raw, header, found);
						}
					}
					if (!check.ok) {
						inboundWebhooks.inc({ result: check.reason === 'bad_signature' ? 'bad_signature' : 'missing_signature' });
						rejections.warn(`${appId}:${check.reason}`, { appId, reason: check.reason, bytes: raw.length }, `Meta webhook refused (${check.reason.replace('_', ' ')}); nothing stored`);
						return refuse(reply, 401, 'unauthorized', check.reason === 'bad_signature' ? 'Signature does not match the app secret' : 'X-Hub-Signature-256 header missing or malformed');
					}
					// Parsed and normalized by the intake, on its own thread unless INGEST_THREAD is off.
					const outcome = await intake.submitWebhook({ appId, signedBy: check.signedBy, body: raw.toString('utf8'), receivedAt: new Date().toISOString() });
					if ('malformed' in outcome) {
						inboundWebhooks.inc({ result: 'malformed' });
						return refuse(reply, 400, 'validation_failed', outcome.malformed);
					}
					inboundWebhooks.inc({ result: outcome.accepted > 0 ? 'accepted' : outcome.unrouted > 0 ? 'unrouted' : 'duplicate' });
					if (outcome.unrouted > 0) rejections.warn(`${appId}:unrouted`, { appId, reasons: outcome.reasons.slice(0, 5) }, 'Meta webhook changes kept as unrouted (see GET /v1/platform/unrouted-webhooks)');
					return { accepted: outcome.accepted, duplicates: outcome.duplicates, unrouted: outcome.unrouted };
				},
			);
		});
	};
}
