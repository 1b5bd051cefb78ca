import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../context';
import { requireAuth, tenantScopeOf } from '../http/auth';
import { errorResponses, SECURITY } from '../http/schemas';
import { resolveChannel } from '../messages/sendRoutes';
import type { Composer } from '../service';
import { toUserId } from '../channels/web/normalize/chatIds';
import { invalidField } from '../shared/errors';

/** Meta takes at most 1,000 people per request; WhatsApp Web goes one by one, so one request is bounded the same. */
const MAX_USERS = 1000;

const ChannelChoice = Type.Optional(Type.Union([Type.Literal('cloud'), Type.Literal('web'), Type.Literal('default')], { description: "Default: the tenant's default mode" }));
const From = Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Cloud phone_number_id or Web session name; default: the default (or only) one' }));

const BlockBody = Type.Object(
	{
		channel: ChannelChoice,
		from: From,
		users: Type.Array(Type.String({ minLength: 1, maxLength: 64, description: 'Phone number with country code, or a user id (…@c.us)' }), { minItems: 1, maxItems: MAX_USERS }),
	},
	{ additionalProperties: false },
);

const Outcomes = Type.Object({
	account: Type.Object({ channel: Type.String(), id: Type.String() }),
	data: Type.Array(
		Type.Object({
			input: Type.String(),
			user: Type.Union([Type.String(), Type.Null()], { description: "WhatsApp's id for the person (Cloud wa_id, Web user id)" }),
			ok: Type.Boolean(),
			code: Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: "The provider's reason code, e.g. Meta's 131047 (the person has not written in the last 24 hours)" })),
			message: Type.Optional(Type.String()),
		}),
	),
});

/** Each person as the channel knows them: Cloud takes the digits (a wa_id), Web a user id; a bad one is named by its place. */
function usersFor(channel: 'cloud' | 'web', users: readonly string[]): string[] {
	return users.map((raw, index) => {
		const userId = toUserId(raw);
		if (!userId) throw invalidField(`body.users[${index}]`, 'is neither a phone number with country code nor a user id (…@c.us)');
		return channel === 'cloud' ? (userId.split('@')[0] as string) : userId;
	});
}

/**
 * Blocking people, on either channel, through the channel port: blocked people can no longer message the account,
 * nor it them. Results are per person, as WhatsApp gives them.
 */
export function blocklistRoutes(): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const send = requireAuth(ctx.authenticator, { scope: 'send' });
		const base = { tags: ['contacts'], security: SECURITY };

		for (const change of ['block', 'unblock'] as const) {
			app.post(
				`/v1/contacts/${change}`,
				{
					preHandler: send,
					schema: {
						...base,
						summary: change === 'block' ? 'Block people: they can no longer message the account, nor it them (Cloud: only people who wrote in the last 24 hours)' : 'Unblock people',
						body: BlockBody,
						response: { 200: Outcomes, ...errorResponses(400, 401, 403, 404, 409, 422, 429, 502, 503, 504) },
					},
				},
				async (request) => {
					const scope = tenantScopeOf(request);
					const port = await resolveChannel(ctx, scope, request.body.channel);
					const users = usersFor(port.kind, request.body.users);
					const account = await port.resolveAccount(scope, request.body.from);
					const outcomes = await port.changeBlocklist(scope, account, change, users);
					// Reported against what the caller wrote, in the caller's order.
					return { account: { channel: account.channel, id: account.id }, data: outcomes.map((outcome, index) => ({ ...outcome, input: request.body.users[index] ?? outcome.input })) };
				},
			);
		}

		app.get(
			'/v1/contacts/blocked',
			{
				preHandler: read,
				schema: {
					...base,
					summary: 'The people an account has blocked',
					querystring: Type.Object({ channel: ChannelChoice, from: From }, { additionalProperties: false }),
					response: { 200: Type.Object({ account: Type.Object({ channel: Type.String(), id: Type.String() }), data: Type.Array(Type.String()) }), ...errorResponses(400, 401, 404, 409, 422, 429, 502, 503, 504) },
				},
			},
			async (request) => {
				const scope = tenantScopeOf(request);
				const port = await resolveChannel(ctx, scope, request.query.channel);
				const account = await port.resolveAccount(scope, request.query.from);
				return { account: { channel: account.channel, id: account.id }, data: await port.blocked(scope, account) };
			},
		);
	};
}

export const blocklistComposer: Composer = () => ({
	features: [async (app, ctx) => void (await app.register(blocklistRoutes(), { ctx }))],
});
