import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes, withTableOptions } from './columnTypes';

/** WhatsApp Web sessions (status, ownership lease) and their encrypted login archives. */
export function webMigration(dialect: Dialect) {
	const t = columnTypes(dialect);
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await withTableOptions(dialect, db.schema.createTable('web_sessions'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('name', 'varchar(64)', (c) => c.notNull())
				.addColumn('is_default', 'integer', (c) => c.notNull())
				.addColumn('pairing_phone', 'varchar(32)')
				.addColumn('settings_json', t.largeText, (c) => c.notNull())
				.addColumn('desired', 'varchar(8)', (c) => c.notNull())
				.addColumn('status', 'varchar(16)', (c) => c.notNull())
				.addColumn('status_reason', 'varchar(1024)')
				.addColumn('status_changed_at', t.timestamp, (c) => c.notNull())
				.addColumn('qr_value', 'varchar(1024)')
				.addColumn('qr_rotation', 'integer', (c) => c.notNull())
				.addColumn('pairing_code', 'varchar(16)')
				.addColumn('own_id', 'varchar(128)')
				.addColumn('push_name', t.shortText)
				.addColumn('owner_id', 'varchar(128)')
				.addColumn('lease_expires_at', t.timestamp)
				.addColumn('pending_command', 'varchar(16)')
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.addUniqueConstraint('web_sessions_name', ['tenant_id', 'name'])
				.execute();
			// Takeover scans for sessions that should run and whose lease ran out; renewal scans by owner.
			await db.schema.createIndex('web_sessions_takeover').on('web_sessions').columns(['desired', 'lease_expires_at']).execute();
			await db.schema.createIndex('web_sessions_owner').on('web_sessions').column('owner_id').execute();

			await withTableOptions(dialect, db.schema.createTable('web_session_archives'))
				.addColumn('session_id', t.id, (c) => c.primaryKey().references('web_sessions.id').onDelete('cascade'))
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('archive', t.blob, (c) => c.notNull())
				.addColumn('size_bytes', 'integer', (c) => c.notNull())
				.addColumn('saved_at', t.timestamp, (c) => c.notNull())
				.execute();
		},
	};
}
