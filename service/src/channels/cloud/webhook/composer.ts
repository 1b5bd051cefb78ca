import type { Composer } from '../../../service';
import { InboundWriter } from '../../../messages/inboundWriter';
import { AppRegistrations } from './appRegistrations';
import { WebhookIntake } from './intake';
import { UnroutedWebhooksRepository } from './unroutedRepository';
import { unroutedRoutes } from './unroutedRoutes';
import { webhookRoutes } from './webhookRoutes';

/** The Meta webhook endpoint (one URL per Meta app, shared by every tenant registered under it) and unrouted changes. */
export const metaWebhookComposer: Composer = (ctx) => {
	// MySQL overlaps a few batches' round trips; SQLite has one writer, so one batch at a time.
	const intake = new WebhookIntake(ctx.storage.db, new InboundWriter(ctx.storage.dialect, ctx.outbox), ctx.outbox, ctx.config.events.ingestMaxBatch, ctx.storage.dialect === 'mysql' ? 4 : 1);
	const registrations = new AppRegistrations(ctx.repos.metaApps);
	const unrouted = new UnroutedWebhooksRepository(ctx.storage.db);
	return {
		features: [
			async (app) => {
				await webhookRoutes(ctx, registrations, intake)(app);
				await app.register(unroutedRoutes(unrouted, intake), { ctx });
			},
		],
	};
};
