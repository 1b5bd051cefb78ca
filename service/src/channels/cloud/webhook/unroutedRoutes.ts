import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../context';
import { platformScopeOf, requireAuth } from '../../../http/auth';
import { errorResponses, IdParam, Nullable, SECURITY } from '../../../http/schemas';
import { conflict, notFound } from '../../../shared/errors';
import type { Intake } from './intake';
import { normalizeWebhook } from './normalize';
import type { UnroutedWebhooksRepository } from './unroutedRepository';

const UnroutedSchema = Type.Object({
	id: Type.String(),
	appId: Type.String(),
	wabaId: Type.String(),
	phoneNumberId: Nullable(Type.String()),
	field: Type.String(),
	reason: Type.String(),
	payload: Type.Unknown({ description: 'The entry id/time and the change exactly as Meta sent them' }),
	receivedAt: Type.String(),
	replayedAt: Nullable(Type.String()),
	replayedToTenantId: Nullable(Type.String()),
});

/** Platform admins see webhook changes that reached no tenant and replay them once the number is registered. */
export function unroutedRoutes(repository: UnroutedWebhooksRepository, intake: Intake): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const platform = requireAuth(ctx.authenticator, { scope: 'admin', platform: true });
		const base = { tags: ['webhooks'], security: SECURITY };

		app.get(
			'/v1/platform/unrouted-webhooks',
			{
				preHandler: platform,
				schema: {
					...base,
					summary: 'Webhook changes no tenant owned (unknown phone number or WABA)',
					querystring: Type.Object(
						{
							appId: Type.Optional(Type.String({ pattern: '^[0-9]{1,32}$' })),
							phoneNumberId: Type.Optional(Type.String({ pattern: '^[0-9]{1,64}$' })),
							pending: Type.Optional(Type.Boolean({ description: 'Only those not replayed yet' })),
							limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
							after: Type.Optional(Type.String({ pattern: '^unr_[0-9a-z]{26}$' })),
						},
						{ additionalProperties: false },
					),
					response: { 200: Type.Object({ data: Type.Array(UnroutedSchema), nextCursor: Nullable(Type.String()) }), ...errorResponses(400, 401, 403) },
				},
			},
			async (request) => {
				const limit = request.query.limit ?? 100;
				const data = await repository.list(platformScopeOf(request), { ...request.query, limit });
				return { data, nextCursor: data.length === limit ? (data[data.length - 1]?.id ?? null) : null };
			},
		);

		app.post(
			'/v1/platform/unrouted-webhooks/:unroutedId/replay',
			{
				preHandler: platform,
				schema: {
					...base,
					summary: 'Route a stored change again (after registering its number); 409 if still no tenant takes it',
					params: IdParam('unroutedId', 'unr'),
					response: { 200: Type.Object({ accepted: Type.Integer(), duplicates: Type.Integer(), tenants: Type.Array(Type.String()) }), ...errorResponses(400, 401, 403, 404, 409) },
				},
			},
			async (request) => {
				const stored = await repository.getForReplay(platformScopeOf(request), request.params.unroutedId);
				if (!stored) throw notFound('Unrouted webhook', request.params.unroutedId);
				const original = stored.payload as { entry: { id: string; time?: unknown }; change: unknown };
				const changes = normalizeWebhook({ object: 'whatsapp_business_account', entry: [{ ...original.entry, changes: [original.change] }] }, stored.receivedAt);
				if ('malformed' in changes) throw conflict(`The stored change cannot be read: ${changes.malformed}`);
				const outcome = await intake.submit({ appId: stored.appId, signedBy: new Set(stored.signedBy), changes, receivedAt: stored.receivedAt, replayOf: stored.id });
				if (outcome.unrouted > 0) throw conflict(`Still unrouted: ${outcome.reasons.join('; ')}`, { reasons: outcome.reasons });
				return { accepted: outcome.accepted, duplicates: outcome.duplicates, tenants: outcome.tenants };
			},
		);
	};
}
