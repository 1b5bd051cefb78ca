import type { Composer } from '../service';
import { DeadLettersRepository } from './deadLettersRepository';
import { DeliveryWorker } from './deliveryWorker';
import { HttpSender } from './httpSender';
import { deadLettersRoutes } from './routes/deadLettersRoutes';
import { RetentionWorker } from './retentionWorker';
import { metricsRoute } from './routes/metricsRoute';
import { subscriptionsRoutes } from './routes/subscriptionsRoutes';
import { SubscriptionsRepository } from './subscriptionsRepository';

/** Subscriptions, dead letters, /metrics and (unless disabled) the delivery worker of this process. */
export const eventsComposer: Composer = (ctx) => {
	const subscriptions = new SubscriptionsRepository(ctx.storage.db, ctx.secrets);
	const deadLetters = new DeadLettersRepository(ctx.storage.db);
	const settings = ctx.config.events;
	const workers: Array<DeliveryWorker | RetentionWorker> = settings.deliveryEnabled
		? [
				new DeliveryWorker({
					db: ctx.storage.db,
					dialect: ctx.storage.dialect,
					settings,
					logger: ctx.logger,
					metrics: ctx.metrics,
					outbox: ctx.outbox,
					subscriptions,
					sender: new HttpSender({ timeoutMs: settings.timeoutMs, maxSocketsPerHost: settings.concurrency }),
				}),
			]
		: [];
	workers.push(new RetentionWorker({ db: ctx.storage.db, logger: ctx.logger, retentionDays: settings.retentionDays }));
	return {
		workers,
		features: [
			async (app) => {
				await app.register(subscriptionsRoutes(subscriptions), { ctx });
				await app.register(deadLettersRoutes(deadLetters, ctx.outbox), { ctx });
				await app.register(metricsRoute, { ctx });
			},
		],
	};
};
