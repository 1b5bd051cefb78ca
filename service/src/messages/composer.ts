import type { Composer } from '../service';
import { HistoryRepository } from './historyRepository';
import { historyRoutes } from './historyRoutes';

/** Read routes over the message history the ledger writes. */
export const historyComposer: Composer = (ctx) => ({
	features: [async (app) => void (await app.register(historyRoutes(new HistoryRepository(ctx.storage.db)), { ctx }))],
});
