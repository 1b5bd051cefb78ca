import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

/** Where the replica holding a Web session's lease can be reached, so the others forward that session's requests to it. */
export function replicaUrlsMigration(_dialect: Dialect) {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await db.schema.alterTable('web_sessions').addColumn('owner_url', 'varchar(512)').execute();
		},
	};
}
