import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { withTableOptions } from './columnTypes';

/** The send schedule replicas share per Cloud number (see channels/cloud/limits/sharedThroughput.ts). */
export function sendPacingMigration(dialect: Dialect) {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await withTableOptions(dialect, db.schema.createTable('send_pacing'))
				.addColumn('pace_key', 'varchar(191)', (c) => c.primaryKey())
				.addColumn('next_at_ms', 'bigint', (c) => c.notNull())
				.execute();
		},
	};
}
