import type { Composer } from '../service';
import { HistoryIndexer } from './historyIndexer';
import { HistoryRepository } from './historyRepository';
import { historyRoutes } from './historyRoutes';

/** Read routes over the message history the ledger writes, and on SQLite the indexer of that history. */
export const historyComposer: Composer = (ctx) => ({
	features: [async (app) => void (await app.register(historyRoutes(new HistoryRepository(ctx.storage.db, ctx.storage.dialect)), { ctx }))],
	workers: ctx.storage.dialect === 'sqlite' ? [new HistoryIndexer({ db: ctx.storage.db, logger: ctx.logger })] : [],
});
