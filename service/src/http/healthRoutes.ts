import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../context';

/** Liveness says the process answers; readiness says it can do work (the database answers). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

	app.get(
		'/readyz',
		{
			schema: {
				tags: ['health'],
				summary: 'Readiness: the database answers',
				response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }), 503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String(), reason: Type.String() }) },
			},
		},
		async (_request, reply) => {
			try {
				await ctx.storage.ping();
				return { status: 'ready' as const, database: ctx.storage.dialect };
			} catch (error) {
				return reply.status(503).send({ status: 'unavailable' as const, database: ctx.storage.dialect, reason: (error as Error).message });
			}
		},
	);
};
