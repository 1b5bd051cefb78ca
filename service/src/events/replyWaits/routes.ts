import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { INBOUND_TYPES } from '../../channels/messages';
import type { AppContext } from '../../context';
import { requireAuth, tenantScopeOf } from '../../http/auth';
import { errorResponses, IdParam, Nullable, SECURITY } from '../../http/schemas';
import type { HistoryRepository } from '../../messages/historyRepository';
import { conflict, invalidField, notFound } from '../../shared/errors';
import { TargetUrl } from '../routes/schemas';
import type { ReplyWaitsRepository } from './replyWaitsRepository';

const CreateBody = Type.Object(
	{
		messageId: Type.String({ minLength: 1, maxLength: 255, description: 'The question: our id (msg_…) or the provider id of a message this tenant sent' }),
		targetUrl: TargetUrl,
		secret: Type.String({ minLength: 16, maxLength: 256, description: 'Signs the delivery (X-Signature-256), chosen by the caller so it can check it without storing anything' }),
		messageTypes: Type.Optional(Type.Array(Type.Union(INBOUND_TYPES.map((type) => Type.Literal(type))), { uniqueItems: true, description: 'Only these received message types are an answer; empty or absent for any' })),
		expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Without an answer by then, a reply.timeout event is delivered instead' })),
	},
	{ additionalProperties: false },
);

const ReplyWaitSchema = Type.Object({
	id: Type.String(),
	messageId: Type.String({ description: 'Our id of the question' }),
	channel: Type.Union([Type.Literal('cloud'), Type.Literal('web')]),
	account: Type.String({ description: 'phone_number_id or session name the question went out from' }),
	chatId: Type.String({ description: 'The contact whose answer is awaited' }),
	conversationId: Type.String(),
	messageTypes: Type.Array(Type.String()),
	expiresAt: Nullable(Type.String()),
	state: Type.Union([Type.Literal('armed'), Type.Literal('answered'), Type.Literal('expired')]),
	createdAt: Type.String(),
	settledAt: Nullable(Type.String()),
});

const Params = IdParam('replyWaitId', 'rwt');

/**
 * One-shot listeners for the answer to a question (n8n's send-and-wait): the first message received in the
 * question's conversation, or a reply.timeout event at the expiry, is POSTed once to the target URL through the
 * durable outbox, signed like every subscription delivery.
 */
export function replyWaitsRoutes(waits: ReplyWaitsRepository, history: HistoryRepository): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const write = requireAuth(ctx.authenticator, { scope: 'send' });
		const base = { tags: ['subscriptions'], security: SECURITY };

		app.post(
			'/v1/reply-waits',
			{ preHandler: write, schema: { ...base, summary: 'Wait for the answer to a sent message; it (or the timeout) is delivered once to targetUrl', body: CreateBody, response: { 201: ReplyWaitSchema, ...errorResponses(400, 401, 403, 404, 409) } } },
			async (request, reply) => {
				const scope = tenantScopeOf(request);
				const prompt = await history.message(scope, request.body.messageId);
				if (!prompt) throw notFound('Message', request.body.messageId);
				if (prompt.direction !== 'outbound') throw invalidField('body.messageId', 'must be a message this tenant sent');
				if (prompt.status === 'failed') throw conflict(`Message ${prompt.id} failed; nobody can answer it`, { messageId: prompt.id });
				if (request.body.expiresAt !== undefined && Date.parse(request.body.expiresAt) <= Date.now()) throw invalidField('body.expiresAt', 'must be in the future');
				const created = await waits.create(scope, {
					prompt,
					targetUrl: request.body.targetUrl,
					secret: request.body.secret,
					messageTypes: request.body.messageTypes ?? [],
					expiresAt: request.body.expiresAt === undefined ? undefined : new Date(request.body.expiresAt).toISOString(),
				});
				reply.status(201);
				return created;
			},
		);

		app.get('/v1/reply-waits/:replyWaitId', { preHandler: read, schema: { ...base, summary: 'A reply wait and its state', params: Params, response: { 200: ReplyWaitSchema, ...errorResponses(400, 401, 404) } } }, async (request) => {
			const found = await waits.get(tenantScopeOf(request), request.params.replyWaitId);
			if (!found) throw notFound('Reply wait', request.params.replyWaitId);
			return found;
		});

		app.delete(
			'/v1/reply-waits/:replyWaitId',
			{ preHandler: write, schema: { ...base, summary: 'Stop waiting (nothing more is delivered)', params: Params, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
			async (request, reply) => {
				if (!(await waits.cancel(tenantScopeOf(request), request.params.replyWaitId))) throw notFound('Reply wait', request.params.replyWaitId);
				return reply.status(204).send(null);
			},
		);
	};
}
