import { HistoryRepository } from '../../messages/historyRepository';
import type { Composer } from '../../service';
import { ReplyWaitsRepository } from './replyWaitsRepository';
import { replyWaitsRoutes } from './routes';
import { ReplyWaitSweeper } from './sweeper';

/** Reply waits: their routes, their matching inside the outbox, and the sweeper that times them out. */
export function replyWaitsComposer(options: { sweepIntervalMs?: number } = {}): Composer {
	return (ctx) => {
		const waits = new ReplyWaitsRepository(ctx.storage.db, ctx.storage.dialect, ctx.secrets);
		ctx.outbox.addRecipientSource('replyWaits');
		return {
			features: [async (app) => void (await app.register(replyWaitsRoutes(waits, new HistoryRepository(ctx.storage.db)), { ctx }))],
			workers: [new ReplyWaitSweeper({ waits, outbox: ctx.outbox, logger: ctx.logger, intervalMs: options.sweepIntervalMs ?? 1000 })],
		};
	};
}
