import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Logger } from '../logging/logger';
import type { Worker } from '../service';
import { bookkeepingTransaction } from '../events/sql';
import type { Database } from '../storage/schema';

/** How often pending entries move: each conversation's index page is then written once per round, not per commit. */
const INDEX_INTERVAL_MS = 500;
/** Entries per transaction, so a large backlog (after a restart) never holds the write turn for long. */
const ENTRIES_PER_STEP = 5000;

/**
 * SQLite only: moves stored messages from `message_history_pending` into `message_history_index`, by conversation
 * and time, in bulk (see 0010_history_index_off_the_intake for why). History reads take pending entries too, so this
 * only bounds how many they scan. Each step is one bookkeeping transaction: should a crash lose it, the entries are
 * still pending (the move and the removal commit together) and the next round moves them again.
 */
export class HistoryIndexer implements Worker {
	readonly name = 'history-indexer';
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<unknown> | undefined;

	constructor(private readonly deps: { db: Kysely<Database>; logger: Logger; intervalMs?: number }) {}

	async start(): Promise<void> {
		this.timer = setInterval(() => {
			if (!this.running) this.running = this.indexPending().finally(() => (this.running = undefined));
		}, this.deps.intervalMs ?? INDEX_INTERVAL_MS);
		this.timer.unref();
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		await this.running;
	}

	/** Moves every entry pending now; returns how many moved. */
	async indexPending(): Promise<number> {
		let moved = 0;
		try {
			for (;;) {
				const step = await bookkeepingTransaction(this.deps.db, 'sqlite', (tx) => moveStep(tx));
				moved += step;
				if (step < ENTRIES_PER_STEP) break;
			}
		} catch (error) {
			this.deps.logger.error({ err: error, moved }, 'indexing message history failed; the entries stay pending and are retried');
		}
		return moved;
	}
}

/** Up to ENTRIES_PER_STEP pending entries, oldest ids first, into the index and out of pending. */
async function moveStep(tx: Kysely<Database>): Promise<number> {
	const last = await tx.selectFrom('message_history_pending').select('message_id').orderBy('message_id').offset(ENTRIES_PER_STEP - 1).limit(1).executeTakeFirst();
	const upTo = last?.message_id;
	const within = (column: string) => (upTo === undefined ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.ref(column)} <= ${upTo}`);
	await sql`insert into message_history_index (conversation_id, occurred_at, message_id)
		select m.conversation_id, m.occurred_at, m.id from message_history_pending p join messages m on m.id = p.message_id where ${within('p.message_id')}
		on conflict do nothing`.execute(tx);
	const removed = await tx.deleteFrom('message_history_pending').where(within('message_id')).executeTakeFirst();
	return Number(removed.numDeletedRows);
}
