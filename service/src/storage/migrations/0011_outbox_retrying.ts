import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * What a subscription's delivery figures read (see deliveryHealth) without reading through its backlog. Behind a
 * subscriber that is down, a subscription may hold a million queued deliveries, and later as many dead letters; read
 * through the table, the figures cost 1.3 s per million rows, and on SQLite that time blocks the service's event loop.
 * - outbox_retrying: the deliveries tried at least once. Only the head of a conversation's chain is ever tried, so
 *   these are a few rows among the backlog. A partial index holds only them, and the ingest, which writes untried rows,
 *   never touches it. MySQL has no partial indexes and its reads do not block the event loop: it reads the
 *   subscription's rows, as before.
 * - dead_letters_subscription_failed replaces dead_letters_subscription: the same first column (the cascade from a
 *   subscription and the reply-wait purge still probe it), then the failure time, so the latest dead letter is the
 *   last entry of the subscription's range. Created first: on MySQL the foreign key needs an index at all times.
 */
export function outboxRetryingMigration(dialect: Dialect) {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			if (dialect === 'sqlite') await db.schema.createIndex('outbox_retrying').on('outbox').columns(['subscription_id', 'next_attempt_at']).where(sql.ref('attempts'), '>', 0).execute();
			await db.schema.createIndex('dead_letters_subscription_failed').on('dead_letters').columns(['subscription_id', 'failed_at']).execute();
			const drop = db.schema.dropIndex('dead_letters_subscription');
			await (dialect === 'mysql' ? drop.on('dead_letters') : drop).execute();
		},
	};
}
