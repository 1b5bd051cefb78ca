import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { platformScopeOf, requireAuth, tenantScopeOf } from '../../http/auth';
import { bodyOptional, errorResponses, IdParam, SECURITY } from '../../http/schemas';
import { notFound } from '../../shared/errors';
import type { DeadLettersRepository } from '../deadLettersRepository';
import type { EventOutbox } from '../outbox';
import { DeadLetterQuery, DeadLetterSchema } from './schemas';

const Params = IdParam('deadLetterId', 'dlq');
const Page = Type.Object({ data: Type.Array(DeadLetterSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) });
const Replayed = Type.Object({ replayed: Type.Integer({ description: 'Deliveries moved back into the outbox' }) });

const pageOf = <T extends { id: string }>(rows: T[], limit: number) => ({ data: rows, nextCursor: rows.length === limit ? (rows[rows.length - 1] as T).id : null });

/** Deliveries that were given up: list them, replay them (same event id), or discard them. */
export function deadLettersRoutes(deadLetters: DeadLettersRepository, outbox: EventOutbox): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
	return async (app, { ctx }) => {
		const read = requireAuth(ctx.authenticator, { scope: 'read' });
		const write = requireAuth(ctx.authenticator, { scope: 'send' });
		const platform = requireAuth(ctx.authenticator, { scope: 'admin', platform: true });
		const base = { tags: ['dead-letters'], security: SECURITY };

		app.get(
			'/v1/dead-letters',
			{ preHandler: read, schema: { ...base, summary: "List the tenant's dead-lettered deliveries", querystring: DeadLetterQuery, response: { 200: Page, ...errorResponses(400, 401, 404) } } },
			async (request) => {
				const limit = request.query.limit ?? 100;
				return pageOf(await deadLetters.list(tenantScopeOf(request), { ...request.query, limit }), limit);
			},
		);

		app.post(
			'/v1/dead-letters/replay',
			{
				preHandler: write,
				preValidation: bodyOptional,
				schema: {
					...base,
					summary: "Replay every dead letter of the tenant, or of one subscription (e.g. once its listener is back)",
					body: Type.Object({ subscriptionId: Type.Optional(Type.String({ pattern: '^sub_[0-9a-z]{26}$' })) }, { additionalProperties: false }),
					response: { 200: Replayed, ...errorResponses(400, 401, 403, 404) },
				},
			},
			async (request) => {
				const replayed = await deadLetters.replay(tenantScopeOf(request), { subscriptionId: request.body.subscriptionId });
				if (replayed > 0) outbox.committed();
				return { replayed };
			},
		);

		app.post(
			'/v1/dead-letters/:deadLetterId/replay',
			{ preHandler: write, schema: { ...base, summary: 'Replay one dead letter', params: Params, response: { 200: Replayed, ...errorResponses(400, 401, 403, 404) } } },
			async (request) => {
				const replayed = await deadLetters.replay(tenantScopeOf(request), { ids: [request.params.deadLetterId] });
				if (replayed === 0) throw notFound('Dead letter', request.params.deadLetterId);
				outbox.committed();
				return { replayed };
			},
		);

		app.delete(
			'/v1/dead-letters/:deadLetterId',
			{ preHandler: write, schema: { ...base, summary: 'Discard a dead letter', params: Params, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
			async (request, reply) => {
				if (!(await deadLetters.discard(tenantScopeOf(request), request.params.deadLetterId))) throw notFound('Dead letter', request.params.deadLetterId);
				return reply.status(204).send(null);
			},
		);

		app.get(
			'/v1/platform/dead-letters',
			{
				preHandler: platform,
				schema: {
					...base,
					summary: "Every tenant's dead letters (platform admins)",
					querystring: Type.Object({ ...DeadLetterQuery.properties, tenantId: Type.Optional(Type.String({ pattern: '^ten_[0-9a-z]{26}$' })) }, { additionalProperties: false }),
					response: { 200: Page, ...errorResponses(400, 401, 403) },
				},
			},
			async (request) => {
				const limit = request.query.limit ?? 100;
				return pageOf(await deadLetters.listAll(platformScopeOf(request), { ...request.query, limit }), limit);
			},
		);

		app.post(
			'/v1/platform/dead-letters/:deadLetterId/replay',
			{ preHandler: platform, schema: { ...base, summary: "Replay any tenant's dead letter (platform admins)", params: Params, response: { 200: Replayed, ...errorResponses(400, 401, 403, 404) } } },
			async (request) => {
				const replayed = await deadLetters.replayAny(platformScopeOf(request), request.params.deadLetterId);
				if (replayed === 0) throw notFound('Dead letter', request.params.deadLetterId);
				outbox.committed();
				return { replayed };
			},
		);
	};
}
