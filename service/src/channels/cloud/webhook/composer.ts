import type { Composer } from '../../../service';
import { InboundWriter } from '../../../messages/inboundWriter';
import { AppRegistrations } from './appRegistrations';
import { WebhookIntake, type Intake } from './intake';
import { ThreadedIntake } from './intakeThread/threadedIntake';
import { UnroutedWebhooksRepository } from './unroutedRepository';
import { unroutedRoutes } from './unroutedRoutes';
import { webhookRoutes } from './webhookRoutes';

/** The Meta webhook endpoint (one URL per Meta app, shared by every tenant registered under it) and unrouted changes. */
export const metaWebhookComposer: Composer = (ctx) => {
	const { storage, outbox, config, logger } = ctx;
	const sqliteFile = storage.sqliteFile;
	// A SQLite file's intake runs on a thread of its own (see ThreadedIntake). MySQL overlaps a few batches' round
	// trips; SQLite has one writer, so one batch at a time.
	const threaded = config.events.ingestThread && sqliteFile ? new ThreadedIntake({ storage: { ...storage, sqliteFile }, outbox, maxBatch: config.events.ingestMaxBatch, logger }) : undefined;
	const intake: Intake = threaded ?? new WebhookIntake(storage.db, new InboundWriter(storage.dialect, outbox), outbox, config.events.ingestMaxBatch, storage.dialect === 'mysql' ? 4 : 1);
	const registrations = new AppRegistrations(ctx.repos.metaApps);
	const unrouted = new UnroutedWebhooksRepository(ctx.storage.db);
	return {
		features: [
			async (app) => {
				await webhookRoutes(ctx, registrations, intake)(app);
				await app.register(unroutedRoutes(unrouted, intake), { ctx });
			},
		],
		workers: threaded ? [threaded] : [],
	};
};
