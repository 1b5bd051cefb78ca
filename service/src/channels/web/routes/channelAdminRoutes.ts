import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import type { SessionManager } from '../sessions/sessionManager';
import { ChannelId, ChannelParams, Person, userIdOf } from './channelSchemas';
import { SessionName } from './schemas';
import { sessionRouteKit } from './sessionClient';

const PersonParams = Type.Object({ name: SessionName, channelId: ChannelId, userId: Person });
const InviteBody = Type.Object(
	{
		user: Person,
		comment: Type.Optional(Type.String({ maxLength: 1024, description: 'A note shown with the invite' })),
	},
	{ additionalProperties: false },
);
const OwnerBody = Type.Object(
	{
		user: { ...Person, description: 'The new owner: one of the channel\'s admins (phone number or user id)' },
		dismissSelfAsAdmin: Type.Optional(Type.Boolean({ default: false, description: 'Only follow the channel afterwards instead of staying an admin' })),
	},
	{ additionalProperties: false },
);
const Accepted = Type.Object({ success: Type.Literal(true), channelId: Type.String(), role: Type.Literal('admin') });
const Transferred = Type.Object({ success: Type.Literal(true), channelId: Type.String(), owner: Type.String(), role: Type.Union([Type.Literal('admin'), Type.Literal('subscriber')], { description: "This account's role afterwards" }) });
const PersonChanged = (flag: string) => Type.Object({ success: Type.Literal(true), channelId: Type.String(), userId: Type.String(), [flag]: Type.Literal(true) });

/**
 * Who runs a channel (owner only, except accepting an invite and an admin demoting itself): invite a person to become
 * an admin, withdraw the invite, accept one this account received, demote an admin, hand the channel to an admin.
 * WhatsApp tells the person by a message; its refusals are 409.
 */
export function webChannelAdminRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { send, base, withClient, errors } = sessionRouteKit(ctx, manager, 'web-channels');
		const path = '/v1/web/sessions/:name/channels/:channelId';

		app.post(`${path}/admins/invites`, { preHandler: send, schema: { ...base, summary: 'Invite a person to become an admin of a channel this account owns', params: ChannelParams, body: InviteBody, response: { 201: PersonChanged('invited'), ...errors } } }, async (request, reply) => {
			const { channelId } = request.params;
			const userId = userIdOf(request.body.user, 'body.user');
			const comment = request.body.comment?.trim();
			await withClient(tenantScopeOf(request), request.params.name, { chatId: channelId, argumentField: 'body.user' }, (client) => client.channels.inviteAdmin(channelId, userId, comment ? { comment } : {}));
			return reply.code(201).send({ success: true as const, channelId, userId, invited: true as const });
		});

		app.post(`${path}/admins/invites/accept`, { preHandler: send, schema: { ...base, summary: 'Accept the admin invite this account received for the channel', params: ChannelParams, response: { 200: Accepted, ...errors } } }, async (request) => {
			const { channelId } = request.params;
			await withClient(tenantScopeOf(request), request.params.name, { chatId: channelId }, (client) => client.channels.acceptAdminInvite(channelId));
			return { success: true as const, channelId, role: 'admin' as const };
		});

		app.delete(`${path}/admins/invites/:userId`, { preHandler: send, schema: { ...base, summary: 'Withdraw an admin invite the person has not accepted yet', params: PersonParams, response: { 200: PersonChanged('revoked'), ...errors } } }, async (request) => {
			const { channelId } = request.params;
			const userId = userIdOf(request.params.userId, 'params.userId');
			await withClient(tenantScopeOf(request), request.params.name, { chatId: channelId }, (client) => client.channels.revokeAdminInvite(channelId, userId));
			return { success: true as const, channelId, userId, revoked: true as const };
		});

		app.delete(`${path}/admins/:userId`, { preHandler: send, schema: { ...base, summary: "Demote an admin to a follower (the owner demotes others; an admin may demote itself with its own id)", params: PersonParams, response: { 200: PersonChanged('demoted'), ...errors } } }, async (request) => {
			const { channelId } = request.params;
			const userId = userIdOf(request.params.userId, 'params.userId');
			await withClient(tenantScopeOf(request), request.params.name, { chatId: channelId }, (client) => client.channels.demoteAdmin(channelId, userId));
			return { success: true as const, channelId, userId, demoted: true as const };
		});

		app.put(`${path}/owner`, { preHandler: send, schema: { ...base, summary: 'Hand the channel to one of its admins; this account stays an admin unless dismissSelfAsAdmin', params: ChannelParams, body: OwnerBody, response: { 200: Transferred, ...errors } } }, async (request) => {
			const { channelId } = request.params;
			const owner = userIdOf(request.body.user, 'body.user');
			const dismissSelfAsAdmin = request.body.dismissSelfAsAdmin === true;
			await withClient(tenantScopeOf(request), request.params.name, { chatId: channelId }, (client) => client.channels.transferOwnership(channelId, owner, { dismissSelfAsAdmin }));
			return { success: true as const, channelId, owner, role: dismissSelfAsAdmin ? ('subscriber' as const) : ('admin' as const) };
		});
	};
}
