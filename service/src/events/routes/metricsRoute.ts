import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';

/**
 * Prometheus text exposition. It carries counts only (no tenant ids, numbers or payloads), so it needs no key,
 * like /healthz; keep it off the public internet with the rest of the operator endpoints.
 */
export const metricsRoute: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
	app.get('/metrics', { schema: { tags: ['health'], summary: 'Prometheus metrics', produces: ['text/plain'], response: { 200: Type.String() } } }, async (_request, reply) => {
		const db = ctx.storage.db;
		const [outbox, oldest, dead] = await Promise.all([
			db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
			// Outbox ids grow with time: the first one is the oldest, found through the primary key.
			db.selectFrom('outbox').select('created_at').orderBy('id').limit(1).executeTakeFirst(),
			db.selectFrom('dead_letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
		]);
		ctx.metrics.outboxDepth.set(Number(outbox?.n ?? 0));
		ctx.metrics.outboxOldest.set(oldest ? Math.max(0, (Date.now() - Date.parse(oldest.created_at)) / 1000) : 0);
		ctx.metrics.deadLetterCount.set(Number(dead?.n ?? 0));
		reply.type(ctx.metrics.registry.contentType);
		return ctx.metrics.registry.metrics();
	});
};
