import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import { bodyOptional, errorResponses } from '../../../http/schemas';
import { PIN_DURATIONS, type PinDuration } from '../driver/webPins';
import { toNormalizedMessage } from '../normalize/toNormalizedMessage';
import type { SessionManager } from '../sessions/sessionManager';
import { ChatParams, MessageParams, MessageSchema } from './schemas';
import { sessionRouteKit } from './sessionClient';

const DURATIONS = Object.keys(PIN_DURATIONS) as PinDuration[];
const PinBody = Type.Object(
	{ duration: Type.Optional(Type.Union(DURATIONS.map((d) => Type.Literal(d)), { default: '7d', description: 'How long it stays pinned: 24h, 7d or 30d (the choices WhatsApp offers)' })) },
	{ additionalProperties: false },
);
const Pinned = Type.Object({ success: Type.Literal(true), messageId: Type.String(), pinned: Type.Literal(true), expiresAt: Type.String({ format: 'date-time', description: 'When WhatsApp unpins it by itself' }) });
const Unpinned = Type.Object({ success: Type.Literal(true), messageId: Type.String(), pinned: Type.Literal(false) });

/**
 * Messages pinned to the top of a chat for everyone in it. At most three per chat (a fourth unpins the oldest); in a
 * group that keeps its info to admins, only admins may pin (409 otherwise).
 */
export function webPinRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { read, send, base, withClient } = sessionRouteKit(ctx, manager, 'web-chats');

		app.post(
			'/v1/web/sessions/:name/messages/:messageId/pin',
			{ preHandler: send, preValidation: bodyOptional, schema: { ...base, summary: 'Pin a message in its chat for 24h, 7d (default) or 30d; a fourth pin unpins the oldest', params: MessageParams, body: PinBody, response: { 200: Pinned, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => {
				const seconds = PIN_DURATIONS[request.body.duration ?? '7d'];
				await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.pins.pin(request.params.messageId, seconds));
				return { success: true as const, messageId: request.params.messageId, pinned: true as const, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
			},
		);

		app.delete(
			'/v1/web/sessions/:name/messages/:messageId/pin',
			{ preHandler: send, schema: { ...base, summary: 'Unpin a message', params: MessageParams, response: { 200: Unpinned, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => {
				await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.pins.unpin(request.params.messageId));
				return { success: true as const, messageId: request.params.messageId, pinned: false as const };
			},
		);

		app.get(
			'/v1/web/sessions/:name/chats/:chatId/pinned',
			{ preHandler: read, schema: { ...base, summary: "A chat's pinned messages, oldest pin first, normalized like message.received events", params: ChatParams, response: { 200: Type.Object({ data: Type.Array(MessageSchema) }), ...errorResponses(400, 401, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId }, async (client, runtime) => ({
					data: (await client.pins.pinned(request.params.chatId)).map((message) => toNormalizedMessage(message, runtime.account)),
				})),
		);
	};
}
