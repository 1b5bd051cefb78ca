import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './columnTypes';

/**
 * When a delivery's last attempt failed, so a subscription's delivery figures can name its most recent failure
 * rather than the one tried most often. Null until a first failure (and for rows that failed before this column).
 */
export function outboxLastFailedAtMigration(dialect: Dialect) {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await db.schema.alterTable('outbox').addColumn('last_failed_at', columnTypes(dialect).timestamp).execute();
		},
	};
}
