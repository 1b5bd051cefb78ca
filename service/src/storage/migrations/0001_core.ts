import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes, withTableOptions } from './columnTypes';

/** Tenancy, identities and per-tenant WhatsApp configuration. */
export function coreMigration(dialect: Dialect) {
	const t = columnTypes(dialect);
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await withTableOptions(dialect, db.schema.createTable('tenants'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('name', t.shortText, (c) => c.notNull())
				.addColumn('slug', 'varchar(64)', (c) => c.notNull().unique())
				.addColumn('status', 'varchar(16)', (c) => c.notNull())
				.addColumn('default_mode', 'varchar(8)')
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.execute();

			await withTableOptions(dialect, db.schema.createTable('users'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.references('tenants.id').onDelete('cascade'))
				.addColumn('email', t.shortText, (c) => c.notNull().unique())
				.addColumn('name', t.shortText)
				.addColumn('password_hash', t.shortText, (c) => c.notNull())
				.addColumn('role', 'varchar(16)', (c) => c.notNull())
				.addColumn('disabled_at', t.timestamp)
				.addColumn('last_login_at', t.timestamp)
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.execute();
			await db.schema.createIndex('users_tenant').on('users').column('tenant_id').execute();

			await withTableOptions(dialect, db.schema.createTable('api_keys'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.references('tenants.id').onDelete('cascade'))
				.addColumn('name', t.shortText, (c) => c.notNull())
				.addColumn('prefix', 'varchar(32)', (c) => c.notNull())
				.addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
				.addColumn('scopes', 'varchar(64)', (c) => c.notNull())
				.addColumn('created_by', t.id)
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('last_used_at', t.timestamp)
				.addColumn('expires_at', t.timestamp)
				.addColumn('revoked_at', t.timestamp)
				.execute();
			await db.schema.createIndex('api_keys_tenant').on('api_keys').column('tenant_id').execute();

			await withTableOptions(dialect, db.schema.createTable('system_settings'))
				.addColumn('key', 'varchar(64)', (c) => c.primaryKey())
				.addColumn('value', t.largeText, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.execute();

			await withTableOptions(dialect, db.schema.createTable('meta_apps'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('app_id', 'varchar(64)', (c) => c.notNull())
				.addColumn('name', t.shortText)
				.addColumn('app_secret_enc', 'varchar(512)', (c) => c.notNull())
				.addColumn('verify_token_enc', 'varchar(512)', (c) => c.notNull())
				.addColumn('graph_api_version', 'varchar(16)')
				.addColumn('graph_base_url', t.shortText)
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.addUniqueConstraint('meta_apps_tenant_app', ['tenant_id', 'app_id'])
				.execute();
			await db.schema.createIndex('meta_apps_app').on('meta_apps').column('app_id').execute();

			await withTableOptions(dialect, db.schema.createTable('cloud_numbers'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('meta_app_id', t.id, (c) => c.notNull().references('meta_apps.id').onDelete('cascade'))
				.addColumn('phone_number_id', 'varchar(64)', (c) => c.notNull().unique())
				.addColumn('waba_id', 'varchar(64)', (c) => c.notNull())
				.addColumn('display_phone_number', 'varchar(32)')
				.addColumn('verified_name', t.shortText)
				.addColumn('access_token_enc', 'varchar(2048)', (c) => c.notNull())
				.addColumn('throughput_per_second', 'integer', (c) => c.notNull())
				.addColumn('is_default', 'integer', (c) => c.notNull())
				.addColumn('last_test_at', t.timestamp)
				.addColumn('last_test_ok', 'integer')
				.addColumn('last_test_error', 'varchar(1024)')
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.execute();
			await db.schema.createIndex('cloud_numbers_tenant').on('cloud_numbers').column('tenant_id').execute();
			await db.schema.createIndex('cloud_numbers_waba').on('cloud_numbers').column('waba_id').execute();
		},
	};
}
