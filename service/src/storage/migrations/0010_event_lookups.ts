import type { Kysely } from 'kysely';

/**
 * Lookups the periodic sweeps make per row, which had no index on SQLite and so read a whole table each time:
 * - the retention sweep asks, per old event, whether a delivery or a dead letter still refers to it (see
 *   finishedEventsBefore): with a subscriber's backlog of 100,000 deliveries, every candidate event cost a pass over
 *   all of them. Deleting an event also made SQLite look for dead letters to cascade to, by event.
 * - the reply-wait purge asks, per settled wait, whether its subscription has dead letters (see
 *   settledWaitsWithoutDeliveries), and deleting a subscription cascades to its dead letters.
 * MySQL had the dead letters' ones already (InnoDB indexes foreign keys) and drops them for these. Event ids grow
 * with time, so each new delivery lands at the end of outbox_event: one more page per batch, not one per row.
 */
export function eventLookupsMigration() {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await db.schema.createIndex('outbox_event').on('outbox').column('event_id').execute();
			await db.schema.createIndex('dead_letters_event').on('dead_letters').column('event_id').execute();
			await db.schema.createIndex('dead_letters_subscription').on('dead_letters').column('subscription_id').execute();
		},
	};
}
