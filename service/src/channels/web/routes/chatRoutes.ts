import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { requireAuth, tenantScopeOf } from '../../../http/auth';
import { errorResponses } from '../../../http/schemas';
import { invalidField, notFound } from '../../../shared/errors';
import type { ChatChanges, WebChatSummary, WebOwnProfile } from '../driver';
import { toChatId, toUserId } from '../normalize/chatIds';
import { toNormalizedMessage } from '../normalize/toNormalizedMessage';
import type { SessionManager } from '../sessions/sessionManager';
import type { SessionRuntime } from '../sessions/sessionRuntime';
import { sessionRouteKit } from './sessionClient';
import { checkPlainBase64, ChatChangesBody, OwnProfileBody, PresenceBody, StarBody, ChatParams, ChatSchema, ContactInfoSchema, ContactParams, CheckParams, CheckResponse, DeleteQuery, Deleted, EditBody, ForwardBody, Forwarded, LimitQuery, MeSchema, MessageParams, MessageSchema, SessionParams, Success, TypingBody } from './schemas';

/** What a WORKING session can tell and do besides sending: its account, chats, history, seen, typing, number checks, media, edits and deletions. */
export function webChatRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { read, send, base, withClient } = sessionRouteKit(ctx, manager, 'web-chats');


		app.get('/v1/web/sessions/:name/me', { preHandler: read, schema: { ...base, summary: "The session's own WhatsApp account", params: SessionParams, response: { 200: MeSchema, ...errorResponses(400, 401, 404, 409) } } }, async (request) =>
			withClient(tenantScopeOf(request), request.params.name, {}, async (client, runtime) => meView(await client.getOwnProfile(), runtime)),
		);

		app.patch(
			'/v1/web/sessions/:name/me',
			{ preHandler: requireAuth(ctx.authenticator, { scope: 'admin' }), schema: { ...base, summary: "Change the account's name, About or profile picture (null removes it); answers the account", params: SessionParams, body: OwnProfileBody, response: { 200: MeSchema, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, {}, async (client, runtime) => {
					const { picture, ...rest } = request.body;
					if (picture) checkPlainBase64('body.picture.base64', picture.base64);
					await client.updateOwnProfile({ ...rest, ...(picture !== undefined ? { picture: picture && { data: picture.base64, mimetype: picture.mimeType } } : {}) });
					return meView(await client.getOwnProfile(), runtime);
				}),
		);

		app.get(
			'/v1/web/sessions/:name/chats',
			{ preHandler: read, schema: { ...base, summary: 'Chats, most recent first', params: SessionParams, querystring: LimitQuery(50, 500), response: { 200: Type.Object({ data: Type.Array(ChatSchema) }), ...errorResponses(400, 401, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, {}, async (client, runtime) => {
					const chats = (await client.listChats()).sort((a, b) => b.timestamp - a.timestamp).slice(0, request.query.limit ?? 50);
					return { data: chats.map((chat) => chatView(chat, runtime)) };
				}),
		);

		app.patch(
			'/v1/web/sessions/:name/chats/:chatId',
			{ preHandler: send, schema: { ...base, summary: 'Archive, pin, mute or mark a chat unread (and undo each); answers the chat as it is now', params: ChatParams, body: ChatChangesBody, response: { 200: ChatSchema, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => {
				const { muteUntil, ...rest } = request.body;
				if (muteUntil !== undefined && rest.muted !== true) throw invalidField('body.muteUntil', 'goes with muted: true');
				const until = muteUntil !== undefined ? Math.floor(Date.parse(muteUntil) / 1000) : undefined;
				if (until !== undefined && !(until > Date.now() / 1000)) throw invalidField('body.muteUntil', 'must be a time in the future');
				const changes: ChatChanges = { ...rest, ...(until !== undefined ? { muteUntil: until } : {}) };
				return withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId }, async (client, runtime) => chatView(await client.updateChat(request.params.chatId, changes), runtime));
			},
		);

		app.get(
			'/v1/web/sessions/:name/chats/:chatId/messages',
			{ preHandler: read, schema: { ...base, summary: "A chat's newest messages, oldest first (what WhatsApp Web holds, normalized like message.received events)", params: ChatParams, querystring: LimitQuery(50, 500), response: { 200: Type.Object({ data: Type.Array(MessageSchema) }), ...errorResponses(400, 401, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId }, async (client, runtime) => ({
					data: (await client.getChatMessages(request.params.chatId, { limit: request.query.limit ?? 50 })).map((message) => toNormalizedMessage(message, runtime.account)),
				})),
		);

		app.post(
			'/v1/web/sessions/:name/chats/:chatId/seen',
			{ preHandler: send, schema: { ...base, summary: 'Mark the chat seen (blue ticks for its messages)', params: ChatParams, response: { 200: Success, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId }, async (client) => {
					await client.markSeen(request.params.chatId);
					return { success: true as const };
				}),
		);

		app.post(
			'/v1/web/sessions/:name/chats/:chatId/typing',
			{ preHandler: send, schema: { ...base, summary: 'Show typing… or recording… in the chat, or clear it', params: ChatParams, body: TypingBody, response: { 200: Success, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.chatId }, async (client) => {
					await client.setChatActivity(request.params.chatId, request.body.state);
					return { success: true as const };
				}),
		);

		app.get(
			'/v1/web/sessions/:name/contacts/:number/check',
			{ preHandler: read, schema: { ...base, summary: 'Whether a phone number has WhatsApp, and its chat id (check sparingly: bulk checks get accounts banned)', params: CheckParams, response: { 200: CheckResponse, ...errorResponses(400, 401, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, {}, async (client) => {
					const number = request.params.number.replace(/\D/g, '');
					const id = await client.getNumberId(number);
					return { number, exists: id !== null, chatId: id?._serialized ?? null };
				}),
		);

		app.post(
			'/v1/web/sessions/:name/presence',
			{ preHandler: send, schema: { ...base, summary: 'Show the account online (available) or offline to everyone; while online the phone gets no notifications', params: SessionParams, body: PresenceBody, response: { 200: Type.Object({ success: Type.Literal(true), state: Type.String() }), ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => {
				await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.setPresence(request.body.state));
				return { success: true as const, state: request.body.state };
			},
		);

		app.get(
			'/v1/web/sessions/:name/contacts/:contactId',
			{ preHandler: read, schema: { ...base, summary: 'A person as WhatsApp shows them to this account: names, business flag, blocked, About and profile picture', params: ContactParams, response: { 200: ContactInfoSchema, ...errorResponses(400, 401, 404, 409, 502) } } },
			async (request) => {
				const userId = toUserId(request.params.contactId);
				if (!userId) throw invalidField('params.contactId', 'is neither a phone number with country code nor a user id (…@c.us)');
				return withClient(tenantScopeOf(request), request.params.name, { chatId: userId }, (client) => client.getContactInfo(userId));
			},
		);

		app.patch(
			'/v1/web/sessions/:name/messages/:messageId',
			{ preHandler: send, schema: { ...base, summary: 'Edit the text or caption of a message the session sent (WhatsApp allows it for 15 minutes); answers the edited message', params: MessageParams, body: EditBody, response: { 200: MessageSchema, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, {}, async (client, runtime) => toNormalizedMessage(await client.editMessage(request.params.messageId, request.body.text), runtime.account)),
		);

		app.post(
			'/v1/web/sessions/:name/messages/:messageId/star',
			{ preHandler: send, schema: { ...base, summary: 'Star or unstar a message on this account; answers the message (starred: true while starred)', params: MessageParams, body: StarBody, response: { 200: MessageSchema, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, {}, async (client, runtime) => toNormalizedMessage(await client.starMessage(request.params.messageId, request.body.starred), runtime.account)),
		);

		app.post(
			'/v1/web/sessions/:name/messages/:messageId/forward',
			{ preHandler: send, schema: { ...base, summary: 'Forward a message to a chat (marked as forwarded there); the copy is recorded in history and emitted as message.sent', params: MessageParams, body: ForwardBody, response: { 200: Forwarded, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => {
				const to = toChatId(request.body.to);
				if (!to) throw invalidField('body.to', 'is neither a phone number with country code nor a chat id');
				await withClient(tenantScopeOf(request), request.params.name, { chatField: 'body.to' }, (client) => client.forwardMessage(request.params.messageId, to));
				return { success: true as const, messageId: request.params.messageId, to };
			},
		);

		app.delete(
			'/v1/web/sessions/:name/messages/:messageId',
			{ preHandler: send, schema: { ...base, summary: 'Delete a message for everyone (one the session sent) or only from this device', params: MessageParams, querystring: DeleteQuery, response: { 200: Deleted, ...errorResponses(400, 401, 403, 404, 409, 502) } } },
			async (request) => {
				const forEveryone = request.query.forEveryone ?? true;
				await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.deleteMessage(request.params.messageId, forEveryone));
				return { success: true as const, messageId: request.params.messageId, forEveryone };
			},
		);

		app.get(
			'/v1/web/sessions/:name/messages/:messageId/media',
			{
				preHandler: read,
				schema: {
					...base,
					summary: "A message's media bytes with its Content-Type (media.id of Web messages is the message id)",
					params: MessageParams,
					response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' }), ...errorResponses(400, 401, 404, 409, 502) },
				},
			},
			async (request, reply) => {
				const media = await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.downloadMedia(request.params.messageId));
				if (!media) throw notFound('Media of message', request.params.messageId);
				const filename = (media.filename ?? 'media').replace(/[^\w .()-]/g, '_');
				return reply.header('content-type', media.mimetype).header('content-disposition', `attachment; filename="${filename}"`).send(Buffer.from(media.data, 'base64'));
			},
		);
	};
}

/** The account as WhatsApp Web knows it, or as the session last recorded it while the profile is not loaded. */
function meView(profile: WebOwnProfile | null, runtime: SessionRuntime) {
	if (!profile) return { id: runtime.me?.id ?? '', pushName: runtime.me?.pushName ?? null, platform: null };
	return { id: profile.id, pushName: profile.pushname || null, platform: profile.platform || null };
}

export function chatView(chat: WebChatSummary, runtime: SessionRuntime) {
	return {
		id: chat.id,
		name: chat.name,
		isGroup: chat.isGroup,
		isReadOnly: chat.isReadOnly,
		unreadCount: chat.unreadCount,
		lastMessageAt: chat.timestamp > 0 ? new Date(chat.timestamp * 1000).toISOString() : null,
		archived: chat.archived,
		pinned: chat.pinned,
		isMuted: chat.isMuted,
		mutedUntil: chat.muteExpiration ? new Date(chat.muteExpiration * 1000).toISOString() : null,
		lastMessage: chat.lastMessage ? toNormalizedMessage(chat.lastMessage, runtime.account) : null,
	};
}
