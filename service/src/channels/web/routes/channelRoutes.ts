import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import { Nullable } from '../../../http/schemas';
import { CHANNEL_LIMITS, type WebChannelInfo } from '../driver/webChannels';
import type { SessionManager } from '../sessions/sessionManager';
import { inviteCodeOf } from './inviteCode';
import { SessionName, SessionParams } from './schemas';
import { sessionRouteKit } from './sessionClient';

const ChannelId = Type.String({ pattern: '^[0-9]{5,40}@newsletter$', description: 'A channel id, <digits>@newsletter' });
const ChannelParams = Type.Object({ name: SessionName, channelId: ChannelId });
const ChannelSchema = Type.Object({
	id: Type.String(),
	name: Type.String(),
	description: Type.String(),
	role: Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('subscriber'), Type.Literal('guest')], { description: 'owner and admin post; subscriber follows; guest neither' }),
	inviteLink: Nullable(Type.String()),
	subscribers: Nullable(Type.Integer({ description: 'Followers, when WhatsApp tells (to those who run the channel)' })),
	verified: Type.Boolean(),
	muted: Type.Boolean(),
	createdAt: Nullable(Type.String({ format: 'date-time' })),
});
const CreateChannelBody = Type.Object(
	{
		name: Type.String({ minLength: 1, maxLength: CHANNEL_LIMITS.name, pattern: '\\S' }),
		description: Type.Optional(Type.String({ maxLength: CHANNEL_LIMITS.description })),
	},
	{ additionalProperties: false },
);
const LookupQuery = Type.Object({ invite: Type.String({ minLength: 1, maxLength: 200, description: 'An invite code or link (https://whatsapp.com/channel/<code>)' }) });
const Following = Type.Object({ success: Type.Literal(true), channelId: Type.String(), following: Type.Boolean() });
const Deleted = Type.Object({ success: Type.Literal(true), channelId: Type.String(), deleted: Type.Literal(true) });

/**
 * WhatsApp channels (newsletters) on a WORKING session: the ones this account runs or follows, lookup by invite link,
 * create, follow, unfollow and delete. Posting is a send to the channel's id through POST /v1/messages (owners and
 * admins only; 409 for a follower).
 */
export function webChannelRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { read, send, base, withClient, errors } = sessionRouteKit(ctx, manager, 'web-channels');
		const path = '/v1/web/sessions/:name/channels';

		app.get(path, { preHandler: read, schema: { ...base, summary: 'The channels this account owns, administers or follows', params: SessionParams, response: { 200: Type.Object({ data: Type.Array(ChannelSchema) }), ...errors } } }, async (request) => ({
			data: (await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.channels.list())).map(channelView),
		}));

		app.post(path, { preHandler: send, schema: { ...base, summary: 'Create a channel this account owns', params: SessionParams, body: CreateChannelBody, response: { 201: ChannelSchema, ...errors } } }, async (request, reply) => {
			const channel = await withClient(tenantScopeOf(request), request.params.name, { argumentField: 'body.name' }, (client) => client.channels.create(request.body.name, { description: request.body.description }));
			return reply.code(201).send(channelView(channel));
		});

		app.get(`${path}/lookup`, { preHandler: read, schema: { ...base, summary: 'A channel by its invite code or link, followed or not', params: SessionParams, querystring: LookupQuery, response: { 200: ChannelSchema, ...errors } } }, async (request) => {
			const code = inviteCodeOf(request.query.invite, 'channel', 'querystring.invite');
			return channelView(await withClient(tenantScopeOf(request), request.params.name, { argumentField: 'querystring.invite' }, (client) => client.channels.byInviteCode(code)));
		});

		app.get(`${path}/:channelId`, { preHandler: read, schema: { ...base, summary: 'A channel this account knows', params: ChannelParams, response: { 200: ChannelSchema, ...errors } } }, async (request) =>
			channelView(await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.channelId }, (client) => client.channels.get(request.params.channelId))),
		);

		for (const following of [true, false]) {
			const route = following ? app.post.bind(app) : app.delete.bind(app);
			route(`${path}/:channelId/follow`, { preHandler: send, schema: { ...base, summary: following ? 'Follow a channel (its posts arrive as messages)' : 'Stop following a channel', params: ChannelParams, response: { 200: Following, ...errors } } }, async (request) => {
				await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.channelId }, (client) => client.channels.setFollowing(request.params.channelId, following));
				return { success: true as const, channelId: request.params.channelId, following };
			});
		}

		app.delete(`${path}/:channelId`, { preHandler: send, schema: { ...base, summary: 'Delete a channel this account owns', params: ChannelParams, response: { 200: Deleted, ...errors } } }, async (request) => {
			await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.channelId }, (client) => client.channels.remove(request.params.channelId));
			return { success: true as const, channelId: request.params.channelId, deleted: true as const };
		});
	};
}

function channelView(channel: WebChannelInfo) {
	return { ...channel, createdAt: channel.createdAt > 0 ? new Date(channel.createdAt * 1000).toISOString() : null };
}
