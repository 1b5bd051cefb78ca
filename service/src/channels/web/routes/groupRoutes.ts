import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { tenantScopeOf } from '../../../http/auth';
import { errorResponses } from '../../../http/schemas';
import { invalidField } from '../../../shared/errors';
import type { WebGroupInfo } from '../driver';
import { toUserId } from '../normalize/chatIds';
import type { SessionManager } from '../sessions/sessionManager';
import { chatView } from './chatRoutes';
import { CreatedGroup, CreateGroupBody, GroupParams, GroupSchema, InviteSchema, JoinBody, Joined, JoinRequestOutcomes, JoinRequests, JoinRequestsAnswer, ParticipantOutcomes, ParticipantsBody, UpdateGroupBody } from './groupSchemas';
import { ChatSchema, checkPlainBase64, LimitQuery, PictureSchema, SessionParams, Success } from './schemas';
import { inviteCodeOf } from './inviteCode';
import { sessionRouteKit } from './sessionClient';

const INVITE_LINK = 'https://chat.whatsapp.com/';
const PictureChanged = Type.Object({ success: Type.Literal(true), groupId: Type.String(), picture: Type.Boolean({ description: 'Whether the group has a picture now' }) });

/**
 * Group management on a WORKING session: list, create, read, change settings, add/remove/promote/demote participants,
 * invite links, leave and join. Changes WhatsApp reserves to admins answer 409 when this account is not one; each
 * change also arrives as a group.* event, as WhatsApp reports it.
 */
export function webGroupRoutes(manager: SessionManager): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const { read, send, base, withClient, errors } = sessionRouteKit(ctx, manager, 'web-groups');

		app.get('/v1/web/sessions/:name/groups', { preHandler: read, schema: { ...base, summary: 'The groups this account is in, most recent first', params: SessionParams, querystring: LimitQuery(50, 500), response: { 200: Type.Object({ data: Type.Array(ChatSchema) }), ...errorResponses(400, 401, 404, 409, 502) } } }, async (request) =>
			withClient(tenantScopeOf(request), request.params.name, {}, async (client, runtime) => {
				const groups = (await client.listChats()).filter((chat) => chat.isGroup).sort((a, b) => b.timestamp - a.timestamp);
				return { data: groups.slice(0, request.query.limit ?? 50).map((chat) => chatView(chat, runtime)) };
			}),
		);

		app.post(
			'/v1/web/sessions/:name/groups',
			{ preHandler: send, schema: { ...base, summary: 'Create a group with this account as its admin; each participant gets their own result (some only accept invitations)', params: SessionParams, body: CreateGroupBody, response: { 201: CreatedGroup, ...errors } } },
			async (request, reply) => {
				const participants = userIds(request.body.participants ?? []);
				const created = await withClient(tenantScopeOf(request), request.params.name, {}, (client) => client.groups.create(request.body.subject, participants));
				return reply.status(201).send({ group: groupView(created.group), participants: created.participants });
			},
		);

		app.post('/v1/web/sessions/:name/groups/join', { preHandler: send, schema: { ...base, summary: 'Join a group by its invite code or link', params: SessionParams, body: JoinBody, response: { 200: Joined, ...errors } } }, async (request) => {
			const code = inviteCodeOf(request.body.invite, 'group', 'body.invite');
			const groupId = await withClient(tenantScopeOf(request), request.params.name, { argumentField: 'body.invite' }, (client) => client.groups.join(code));
			return { groupId };
		});

		app.get('/v1/web/sessions/:name/groups/:groupId', { preHandler: read, schema: { ...base, summary: 'A group: subject, description, settings and participants with their roles', params: GroupParams, response: { 200: GroupSchema, ...errorResponses(400, 401, 404, 409, 502) } } }, async (request) =>
			withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, async (client) => groupView(await client.groups.get(request.params.groupId))),
		);

		app.patch(
			'/v1/web/sessions/:name/groups/:groupId',
			{ preHandler: send, schema: { ...base, summary: "Change a group's subject, description or who may send and edit its info; answers the group as it is now", params: GroupParams, body: UpdateGroupBody, response: { 200: GroupSchema, ...errors } } },
			async (request) =>
				withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, async (client) => groupView(await client.groups.update(request.params.groupId, request.body))),
		);

		app.post(
			'/v1/web/sessions/:name/groups/:groupId/participants',
			{ preHandler: send, schema: { ...base, summary: 'Add, remove, promote or demote participants (admins only); each gets their own result', params: GroupParams, body: ParticipantsBody, response: { 200: ParticipantOutcomes, ...errors } } },
			async (request) => {
				const participants = userIds(request.body.participants);
				const data = await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.changeParticipants(request.params.groupId, request.body.action, participants));
				return { data };
			},
		);

		app.put(
			'/v1/web/sessions/:name/groups/:groupId/picture',
			{ preHandler: send, schema: { ...base, summary: "Set the group's picture (a JPEG or PNG); admins only once the group restricts its info", params: GroupParams, body: PictureSchema, response: { 200: PictureChanged, ...errors } } },
			async (request) => {
				checkPlainBase64('body.base64', request.body.base64);
				const picture = { data: request.body.base64, mimetype: request.body.mimeType };
				await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.setPicture(request.params.groupId, picture));
				return { success: true as const, groupId: request.params.groupId, picture: true };
			},
		);

		app.delete('/v1/web/sessions/:name/groups/:groupId/picture', { preHandler: send, schema: { ...base, summary: "Remove the group's picture", params: GroupParams, response: { 200: PictureChanged, ...errors } } }, async (request) => {
			await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.setPicture(request.params.groupId, null));
			return { success: true as const, groupId: request.params.groupId, picture: false };
		});

		app.get('/v1/web/sessions/:name/groups/:groupId/requests', { preHandler: read, schema: { ...base, summary: 'Pending requests to join a group that approves new members (admins only)', params: GroupParams, response: { 200: JoinRequests, ...errors } } }, async (request) => {
			const requests = await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.joinRequests(request.params.groupId));
			return { data: requests.map((entry) => ({ ...entry, requestedAt: entry.requestedAt > 0 ? new Date(entry.requestedAt * 1000).toISOString() : null })) };
		});

		app.post(
			'/v1/web/sessions/:name/groups/:groupId/requests',
			{ preHandler: send, schema: { ...base, summary: 'Approve or reject requests to join, the given ones or all (admins only); each requester gets their own result', params: GroupParams, body: JoinRequestsAnswer, response: { 200: JoinRequestOutcomes, ...errors } } },
			async (request) => {
				const requesters = request.body.requesters ? userIds(request.body.requesters, 'body.requesters') : undefined;
				const data = await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.answerJoinRequests(request.params.groupId, request.body.action, requesters));
				return { data };
			},
		);

		app.get('/v1/web/sessions/:name/groups/:groupId/invite', { preHandler: send, schema: { ...base, summary: "The group's invite link (admins only; anyone with it can join)", params: GroupParams, response: { 200: InviteSchema, ...errors } } }, async (request) => {
			const code = await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.inviteCode(request.params.groupId));
			return inviteView(request.params.groupId, code);
		});

		app.post('/v1/web/sessions/:name/groups/:groupId/invite/revoke', { preHandler: send, schema: { ...base, summary: 'Reset the invite link: the old one stops working (admins only)', params: GroupParams, response: { 200: InviteSchema, ...errors } } }, async (request) => {
			const code = await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.inviteCode(request.params.groupId, { revoke: true }));
			return inviteView(request.params.groupId, code);
		});

		app.post('/v1/web/sessions/:name/groups/:groupId/leave', { preHandler: send, schema: { ...base, summary: 'Leave the group', params: GroupParams, response: { 200: Success, ...errors } } }, async (request) => {
			await withClient(tenantScopeOf(request), request.params.name, { chatId: request.params.groupId }, (client) => client.groups.leave(request.params.groupId));
			return { success: true as const };
		});
	};
}

/** Phone numbers or user ids to user ids, each bad one named by its place in the field; repeats dropped. */
function userIds(values: readonly string[], field = 'body.participants'): string[] {
	const ids = values.map((value, index) => {
		const id = toUserId(value);
		if (!id) throw invalidField(`${field}[${index}]`, 'is neither a phone number with country code nor a user id (…@c.us, …@lid)');
		return id;
	});
	return [...new Set(ids)];
}

function inviteView(groupId: string, code: string) {
	return { groupId, code, url: `${INVITE_LINK}${code}` };
}

function groupView(group: WebGroupInfo) {
	return {
		id: group.id,
		subject: group.subject,
		description: group.description,
		owner: group.owner,
		createdAt: group.createdAt > 0 ? new Date(group.createdAt * 1000).toISOString() : null,
		size: group.participants.length,
		participants: group.participants.map((participant) => ({ id: participant.id, isAdmin: participant.isAdmin, isSuperAdmin: participant.isSuperAdmin })),
		messagesAdminsOnly: group.messagesAdminsOnly,
		infoAdminsOnly: group.infoAdminsOnly,
	};
}
