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
	// MySQL overlaps a few batches' round trips; SQLite has one writer, so one batch at a time.
	const parallelBatches = storage.dialect === 'mysql' ? 4 : 1;
	const maxBatch = config.events.ingestMaxBatch;
	// On a thread of its own (see ThreadedIntake), unless turned off or the database is SQLite in memory (one connection).
	const threaded = config.events.ingestThread && (storage.dialect === 'mysql' || storage.sqliteFile) ? new ThreadedIntake({ storage, database: config.database, outbox, maxBatch, parallelBatches, logger }) : undefined;
	const intake: Intake = threaded ?? new WebhookIntake(storage.db, new InboundWriter(storage.dialect, outbox), outbox, maxBatch, parallelBatches);
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
