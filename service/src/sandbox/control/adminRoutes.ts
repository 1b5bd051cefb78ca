import type { FastifyInstance } from 'fastify';
import type { ConfigPatch } from '../config';
import { controlErrors } from '../controlError';
import { isObject } from '../validation/fields';
import type { ControlDeps } from './controlPlugin';
import { objectBody, optionalBoolean, optionalNumber } from './input';
import { deliveryView } from './views';

/** Stats, webhook log, configuration, simulated time and reset. */
export function registerAdminRoutes(fastify: FastifyInstance, deps: ControlDeps): void {
	const { sim } = deps;

	fastify.get('/stats', async () => ({
		...sim.stats.snapshot(),
		webhooks: sim.webhooks.stats(),
		pendingStatusWebhooks: sim.statuses.pending(),
		messagesRemembered: sim.messages.sentCount,
	}));

	fastify.get<{ Querystring: Record<string, string | undefined> }>('/webhooks', async (request) => ({
		data: sim.webhooks.recent(optionalNumber(request.query, 'limit', undefined, { min: 1, max: 10_000 })).map(deliveryView),
	}));

	/** Waits until every planned status webhook went out and every delivery settled (or the timeout passed). */
	fastify.post('/webhooks/drain', async (request) => {
		const timeoutMs = optionalNumber(objectBody(request.body), 'timeoutMs', undefined, { min: 0, max: 600_000 }) ?? 30_000;
		let timer: NodeJS.Timeout | undefined;
		const drained = await Promise.race([
			sim.settle().then(() => true),
			new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
		]);
		clearTimeout(timer);
		return { drained, webhooks: sim.webhooks.stats() };
	});

	fastify.get('/config', async () => sim.config);
	fastify.patch('/config', async (request) => {
		const body = objectBody(request.body);
		for (const key of Object.keys(body)) {
			if (!(key in sim.config)) throw controlErrors.badRequest(`unknown setting ${key}`, { field: key });
			const current = (sim.config as unknown as Record<string, unknown>)[key];
			const value = body[key];
			const sameKind = isObject(current) || current === false ? isObject(value) || value === false : typeof current === typeof value || value === null;
			if (!sameKind) throw controlErrors.badRequest(`${key} has the wrong type`, { field: key });
		}
		return sim.configure(body as ConfigPatch);
	});

	fastify.get('/clock', async () => ({ now: sim.clock.now(), iso: new Date(sim.clock.now()).toISOString() }));
	fastify.post('/clock/advance', async (request) => {
		const body = objectBody(request.body);
		const ms =
			(optionalNumber(body, 'ms', undefined, { min: 0 }) ?? 0) +
			(optionalNumber(body, 'seconds', undefined, { min: 0 }) ?? 0) * 1000 +
			(optionalNumber(body, 'minutes', undefined, { min: 0 }) ?? 0) * 60_000 +
			(optionalNumber(body, 'hours', undefined, { min: 0 }) ?? 0) * 3_600_000;
		const now = sim.advanceClock(ms);
		return { now, iso: new Date(now).toISOString() };
	});

	fastify.post('/reset', async (request) => {
		sim.reset({ keepProvisioning: optionalBoolean(objectBody(request.body), 'keepProvisioning') ?? false });
		return { reset: true };
	});
}
