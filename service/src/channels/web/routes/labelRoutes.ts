import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import { errorResponses, Nullable } from '../../../http/schemas';
import type { SessionManager } from '../sessions/sessionManager';
import { ChatParams, SessionParams } from './schemas';
import { sessionRouteKit } from './sessionClient';

const Labels = Type.Object({ data: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), color: Nullable(Type.String({ description: '#rrggbb' })) })) });
const SetLabelsBody = Type.Object({ labelIds: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 20, uniqueItems: true, description: "The chat's labels from now on (an empty list removes them all)" }) }, { additionalProperties: false });

/** WhatsApp Business app labels: the account's, and which a chat carries. A personal account has none (409). */
export function webLabelRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { read, send, base, withClient } = sessionRouteKit(ctx, manager, 'web-labels');

		app.get('/v1/web/sessions/:name/labels', { preHandler: read, schema: { ...base, summary: "The account's labels (WhatsApp Business app accounts only)", params: SessionParams, response: { 200: Labels, ...errorResponses(400, 401, 404, 409, 502) } } }, async (request) => ({
			data: await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.listLabels()),
		}));

		app.get('/v1/web/sessions/:name/chats/:chatId/labels', { preHandler: read, schema: { ...base, summary: 'The labels a chat carries', params: ChatParams, response: { 200: Labels, ...errorResponses(400, 401, 404, 409, 502) } } }, async (request) => ({
			data: await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId }, (client) => client.chatLabels(request.params.chatId)),
		}));

		app.put(
			'/v1/web/sessions/:name/chats/:chatId/labels',
			{ preHandler: send, schema: { ...base, summary: 'Give a chat exactly these labels; answers them', params: ChatParams, body: SetLabelsBody, response: { 200: Labels, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => ({
				data: await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId, argumentField: 'body.labelIds' }, (client) => client.setChatLabels(request.params.chatId, request.body.labelIds)),
			}),
		);
	};
}
