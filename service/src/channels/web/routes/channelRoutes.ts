import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import { CHANNEL_LIMITS, CHANNEL_SEARCH_LIMITS, CHANNEL_SEARCH_VIEWS } from '../driver/webChannels';
import type { SessionManager } from '../sessions/sessionManager';
import { ChannelParams, ChannelSchema, channelView } from './channelSchemas';
import { inviteCodeOf } from './inviteCode';
import { SessionParams } from './schemas';
import { sessionRouteKit } from './sessionClient';

const CreateChannelBody = Type.Object(
	{
		name: Type.String({ minLength: 1, maxLength: CHANNEL_LIMITS.name, pattern: '\\S' }),
		description: Type.Optional(Type.String({ maxLength: CHANNEL_LIMITS.description })),
	},
	{ additionalProperties: false },
);
const LookupQuery = Type.Object({ invite: Type.String({ minLength: 1, maxLength: 200, description: 'An invite code or link (https://whatsapp.com/channel/<code>)' }) });
const SearchQuery = Type.Object(
	{
		q: Type.Optional(Type.String({ maxLength: CHANNEL_SEARCH_LIMITS.text, description: 'Words in the name or description; without them the view is listed' })),
		countries: Type.Optional(
			Type.String({
				pattern: `^[A-Za-z]{2}(,[A-Za-z]{2}){0,${CHANNEL_SEARCH_LIMITS.countries - 1}}$`,
				description: `ISO 3166-1 alpha-2 codes, comma separated (up to ${CHANNEL_SEARCH_LIMITS.countries}), e.g. US,GB; WhatsApp uses the account's region when none`,
			}),
		),
		view: Type.Optional(Type.Union(CHANNEL_SEARCH_VIEWS.map((view) => Type.Literal(view)), { description: 'Which directory list a search without q reads' })),
		limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CHANNEL_SEARCH_LIMITS.maxLimit, default: CHANNEL_SEARCH_LIMITS.defaultLimit })),
		skipFollowed: Type.Optional(Type.Boolean({ default: false, description: 'Leave out the channels this account follows' })),
	},
	{ additionalProperties: false },
);
const Following = Type.Object({ success: Type.Literal(true), channelId: Type.String(), following: Type.Boolean() });
const Deleted = Type.Object({ success: Type.Literal(true), channelId: Type.String(), deleted: Type.Literal(true) });

/**
 * WhatsApp channels (newsletters) on a WORKING session: the ones this account runs or follows, lookup by invite link,
 * search of WhatsApp's directory, create, follow, unfollow and delete. Posting is a send to the channel's id through POST /v1/messages (owners and
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

		app.get(`${path}/search`, { preHandler: read, schema: { ...base, summary: "Public channels in WhatsApp's directory, by words, country and view", params: SessionParams, querystring: SearchQuery, response: { 200: Type.Object({ data: Type.Array(ChannelSchema) }), ...errors } } }, async (request) => {
			const { q, countries, view, limit, skipFollowed } = request.query;
			const search = { ...(q?.trim() ? { text: q.trim() } : {}), ...(countries ? { countryCodes: countries.toUpperCase().split(',') } : {}), ...(view ? { view } : {}), limit, skipFollowed };
			return { data: (await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.channels.search(search))).map(channelView) };
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
