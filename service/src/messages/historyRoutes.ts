import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../context';
import { requireAuth, tenantScopeOf } from '../http/auth';
import { errorResponses, IdParam, Nullable, SECURITY } from '../http/schemas';
import { notFound } from '../shared/errors';
import type { HistoryRepository } from './historyRepository';

const ChannelName = Type.Union([Type.Literal('cloud'), Type.Literal('web')]);
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 }));
const Cursor = Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' }));

/** How old a message must be to be listed by GET /v1/messages: longer than any transaction storing one takes. */
const SETTLE_MS = 2000;

const ConversationSchema = Type.Object({
	id: Type.String(),
	channel: ChannelName,
	account: Type.String({ description: 'phone_number_id (Cloud) or session name (Web)' }),
	peer: Type.String({ description: 'wa_id (Cloud) or chat id (Web)' }),
	contact: Nullable(Type.Object({ name: Nullable(Type.String()) })),
	lastMessageAt: Nullable(Type.String()),
	lastInboundAt: Nullable(Type.String()),
	createdAt: Type.String(),
});

const ErrorSchema = Type.Object({ code: Type.Union([Type.Number(), Type.String()]), title: Type.Optional(Type.String()), message: Type.Optional(Type.String()), details: Type.Optional(Type.String()) });

export const StoredMessageSchema = Type.Object({
	id: Type.String({ description: 'Our id (msg_…)' }),
	providerId: Nullable(Type.String({ description: 'wamid (Cloud) or serialized id (Web)' })),
	channel: ChannelName,
	direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]),
	conversationId: Type.String(),
	account: Type.Object({ channel: ChannelName, id: Type.String() }),
	chatId: Type.String(),
	type: Type.String(),
	status: Type.String({ description: 'received (inbound), or pending, accepted, sent, delivered, read, played, failed' }),
	body: Type.Unknown({ description: 'The normalized message (inbound) or the message as requested (outbound)' }),
	error: Nullable(ErrorSchema),
	occurredAt: Type.String(),
	statusAt: Nullable(Type.String()),
});

/** Message history per tenant: conversations (one per account and contact) and their messages, newest first. */
export function historyRoutes(history: HistoryRepository): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const base = { tags: ['messages'], security: SECURITY };

		app.get(
			'/v1/conversations',
			{
				preHandler: read,
				schema: {
					...base,
					summary: 'Conversations, most recent first',
					querystring: Type.Object({ channel: Type.Optional(ChannelName), account: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })), peer: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })), limit: Limit, cursor: Cursor }, { additionalProperties: false }),
					response: { 200: Type.Object({ data: Type.Array(ConversationSchema), nextCursor: Nullable(Type.String()) }), ...errorResponses(400, 401, 404) },
				},
			},
			async (request) => history.conversations(tenantScopeOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
		);

		app.get(
			'/v1/conversations/:conversationId/messages',
			{
				preHandler: read,
				schema: {
					...base,
					summary: "A conversation's messages, newest first unless order=asc",
					params: IdParam('conversationId', 'cnv'),
					querystring: Type.Object({ limit: Limit, cursor: Cursor, order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })) }, { additionalProperties: false }),
					response: { 200: Type.Object({ data: Type.Array(StoredMessageSchema), nextCursor: Nullable(Type.String()) }), ...errorResponses(400, 401, 404) },
				},
			},
			async (request) => {
				const page = await history.messages(tenantScopeOf(request), request.params.conversationId, { limit: request.query.limit ?? 50, cursor: request.query.cursor, order: request.query.order ?? 'desc' });
				if (!page) throw notFound('Conversation', request.params.conversationId);
				return page;
			},
		);

		app.get(
			'/v1/messages',
			{
				preHandler: read,
				schema: {
					...base,
					summary: 'Messages of every conversation in the order they were stored, after one of ours or from a time: catching up after downtime, or polling',
					description: `Oldest first. Pass the id of the last message you processed as \`after\` (or \`nextCursor\` when a page was full). A message is listed once it is ${SETTLE_MS / 1000} s old, so a reader moving past it never skips one still being stored.`,
					querystring: Type.Object(
						{
							after: Type.Optional(Type.String({ pattern: '^msg_[0-9a-z]{26}$', description: 'Start after this message (msg_… id)' })),
							since: Type.Optional(Type.String({ format: 'date-time', description: 'Start with messages stored at or after this time (ISO 8601); not with after' })),
							channel: Type.Optional(ChannelName),
							account: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'phone_number_id (Cloud) or session name (Web)' })),
							direction: Type.Optional(Type.Union([Type.Literal('inbound'), Type.Literal('outbound')])),
							type: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Message type (text, image, …)' })),
							limit: Limit,
						},
						{ additionalProperties: false },
					),
					response: { 200: Type.Object({ data: Type.Array(StoredMessageSchema), nextCursor: Nullable(Type.String({ description: 'The last id of a full page: pass it as after' })) }), ...errorResponses(400, 401) },
				},
			},
			async (request) => history.stored(tenantScopeOf(request), { ...request.query, limit: request.query.limit ?? 50, settleMs: SETTLE_MS }),
		);

		app.get(
			'/v1/messages/:messageId',
			{
				preHandler: read,
				schema: {
					...base,
					summary: 'A message by our id (msg_…) or the provider id (wamid, Web id), with the raw provider payload',
					params: Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 255 }) }),
					response: { 200: Type.Object({ ...StoredMessageSchema.properties, raw: Type.Unknown({ description: 'What the provider sent (inbound) or answered (outbound)' }) }), ...errorResponses(400, 401, 404) },
				},
			},
			async (request) => {
				const found = await history.message(tenantScopeOf(request), request.params.messageId);
				if (!found) throw notFound('Message', request.params.messageId);
				return found;
			},
		);
	};
}
