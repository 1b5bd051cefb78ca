import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes, withTableOptions } from './columnTypes';

/** Durable event delivery (subscriptions, events, outbox, dead letters), inbound dedupe keys and unrouted webhooks. */
export function eventsMigration(dialect: Dialect) {
	const t = columnTypes(dialect);
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await withTableOptions(dialect, db.schema.createTable('subscriptions'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('target_url', 'varchar(2048)', (c) => c.notNull())
				.addColumn('description', 'varchar(500)')
				.addColumn('event_types', 'varchar(1024)', (c) => c.notNull())
				.addColumn('channel', 'varchar(8)')
				.addColumn('accounts_json', t.largeText, (c) => c.notNull())
				.addColumn('message_types_json', 'varchar(1024)', (c) => c.notNull())
				.addColumn('statuses_json', 'varchar(255)', (c) => c.notNull())
				.addColumn('secret_enc', 'varchar(512)', (c) => c.notNull())
				.addColumn('active', 'integer', (c) => c.notNull())
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.execute();
			await db.schema.createIndex('subscriptions_tenant').on('subscriptions').columns(['tenant_id', 'active']).execute();

			await withTableOptions(dialect, db.schema.createTable('events'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('type', 'varchar(32)', (c) => c.notNull())
				.addColumn('channel', 'varchar(8)', (c) => c.notNull())
				.addColumn('ordering_key', t.shortText, (c) => c.notNull())
				.addColumn('body', t.largeText, (c) => c.notNull())
				.addColumn('occurred_at', t.timestamp, (c) => c.notNull())
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.execute();

			await withTableOptions(dialect, db.schema.createTable('outbox'))
				.addColumn('id', t.autoIncrementId, (c) => c.primaryKey().autoIncrement())
				.addColumn('tenant_id', t.id, (c) => c.notNull())
				// No foreign keys here: checking two parents per row costs about a third of the insert on MySQL, on the
				// hottest table. Rows whose subscription or event is gone are dropped by the delivery worker when claimed.
				.addColumn('event_id', t.id, (c) => c.notNull())
				.addColumn('subscription_id', t.id, (c) => c.notNull())
				.addColumn('ordering_key', t.shortText, (c) => c.notNull())
				.addColumn('attempts', 'integer', (c) => c.notNull())
				.addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
				.addColumn('lease_token', 'varchar(40)')
				.addColumn('last_error', 'varchar(1024)')
				.addColumn('last_status', 'integer')
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.execute();
			await db.schema.createIndex('outbox_due').on('outbox').columns(['next_attempt_at', 'id']).execute();
			await db.schema.createIndex('outbox_chain').on('outbox').columns(['subscription_id', 'ordering_key', 'id']).execute();

			await withTableOptions(dialect, db.schema.createTable('dead_letters'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
				.addColumn('subscription_id', t.id, (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
				.addColumn('ordering_key', t.shortText, (c) => c.notNull())
				.addColumn('attempts', 'integer', (c) => c.notNull())
				.addColumn('last_error', 'varchar(1024)')
				.addColumn('last_status', 'integer')
				.addColumn('queued_at', t.timestamp, (c) => c.notNull())
				.addColumn('failed_at', t.timestamp, (c) => c.notNull())
				.execute();
			await db.schema.createIndex('dead_letters_tenant').on('dead_letters').columns(['tenant_id', 'id']).execute();

			await withTableOptions(dialect, db.schema.createTable('inbound_event_keys'))
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('dedupe_key', 'varchar(128)', (c) => c.notNull())
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addPrimaryKeyConstraint('inbound_event_keys_pk', ['tenant_id', 'dedupe_key'])
				.execute();

			// Which status rows a batch inserted (INSERT IGNORE does not say which): each carries the id its event got.
			await db.schema.alterTable('message_statuses').addColumn('record_id', t.id).execute();
			await db.schema.createIndex('message_statuses_record').on('message_statuses').column('record_id').execute();

			await withTableOptions(dialect, db.schema.createTable('unrouted_webhooks'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('app_id', 'varchar(64)', (c) => c.notNull())
				.addColumn('waba_id', 'varchar(64)', (c) => c.notNull())
				.addColumn('phone_number_id', 'varchar(64)')
				.addColumn('field', 'varchar(64)', (c) => c.notNull())
				.addColumn('reason', 'varchar(255)', (c) => c.notNull())
				.addColumn('payload', t.largeText, (c) => c.notNull())
				.addColumn('signed_by_json', t.largeText, (c) => c.notNull())
				.addColumn('received_at', t.timestamp, (c) => c.notNull())
				.addColumn('replayed_at', t.timestamp)
				.addColumn('replayed_to_tenant_id', t.id)
				.execute();
			await db.schema.createIndex('unrouted_webhooks_number').on('unrouted_webhooks').columns(['app_id', 'phone_number_id']).execute();
		},
	};
}
