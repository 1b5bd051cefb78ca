import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Dialect } from '../database';
import { coreMigration } from './0001_core';
import { messagingMigration } from './0002_messaging';
import { eventsMigration } from './0003_events';
import { webMigration } from './0004_web';
import { replyWaitsMigration } from './0005_reply_waits';
import { replicaUrlsMigration } from './0006_replica_urls';
import { sendPacingMigration } from './0007_send_pacing';
import { messagesInStorageOrderMigration } from './0008_messages_in_storage_order';
import { outboxLastFailedAtMigration } from './0009_outbox_last_failed_at';
import { eventLookupsMigration } from './0010_event_lookups';
import { outboxRetryingMigration } from './0011_outbox_retrying';

/**
 * The ordered list of migrations, one set for both dialects. Each concern adds its file here;
 * names sort in application order and must never change once released.
 */
const MIGRATIONS: ReadonlyArray<readonly [string, (dialect: Dialect) => Migration]> = [
	['0001_core', coreMigration],
	['0002_messaging', messagingMigration],
	['0003_events', eventsMigration],
	['0004_web', webMigration],
	['0005_reply_waits', replyWaitsMigration],
	['0006_replica_urls', replicaUrlsMigration],
	['0007_send_pacing', sendPacingMigration],
	['0008_messages_in_storage_order', messagesInStorageOrderMigration],
	['0009_outbox_last_failed_at', outboxLastFailedAtMigration],
	['0010_event_lookups', eventLookupsMigration],
	['0011_outbox_retrying', outboxRetryingMigration],
];

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: {
			async getMigrations() {
				return Object.fromEntries(MIGRATIONS.map(([name, build]) => [name, build(dialect)]));
			},
		},
	});
	const result = await migrator.migrateToLatest();
	if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
	return result;
}
