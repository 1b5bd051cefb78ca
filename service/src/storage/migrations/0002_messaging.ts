import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes, withTableOptions } from './columnTypes';

/** Contacts, conversations and message history, shared by both channels. */
export function messagingMigration(dialect: Dialect) {
	const t = columnTypes(dialect);
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await withTableOptions(dialect, db.schema.createTable('contacts'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('channel', 'varchar(8)', (c) => c.notNull())
				.addColumn('address', 'varchar(128)', (c) => c.notNull())
				.addColumn('name', t.shortText)
				.addColumn('profile_json', t.largeText)
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.addUniqueConstraint('contacts_address', ['tenant_id', 'channel', 'address'])
				.execute();

			await withTableOptions(dialect, db.schema.createTable('conversations'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('channel', 'varchar(8)', (c) => c.notNull())
				.addColumn('sender', 'varchar(128)', (c) => c.notNull())
				.addColumn('peer', 'varchar(128)', (c) => c.notNull())
				.addColumn('contact_id', t.id, (c) => c.references('contacts.id').onDelete('set null'))
				.addColumn('last_message_at', t.timestamp)
				.addColumn('last_inbound_at', t.timestamp)
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.addUniqueConstraint('conversations_pair', ['tenant_id', 'channel', 'sender', 'peer'])
				.execute();
			await db.schema.createIndex('conversations_recent').on('conversations').columns(['tenant_id', 'last_message_at']).execute();

			await withTableOptions(dialect, db.schema.createTable('messages'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('conversation_id', t.id, (c) => c.notNull().references('conversations.id').onDelete('cascade'))
				.addColumn('channel', 'varchar(8)', (c) => c.notNull())
				.addColumn('direction', 'varchar(8)', (c) => c.notNull())
				.addColumn('provider_id', t.shortText)
				.addColumn('type', 'varchar(32)', (c) => c.notNull())
				.addColumn('body_json', t.largeText, (c) => c.notNull())
				.addColumn('raw_json', t.largeText)
				.addColumn('status', 'varchar(16)', (c) => c.notNull())
				.addColumn('status_at', t.timestamp)
				.addColumn('error_json', t.largeText)
				.addColumn('occurred_at', t.timestamp, (c) => c.notNull())
				.addColumn('idempotency_key', 'varchar(128)')
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('updated_at', t.timestamp, (c) => c.notNull())
				.addUniqueConstraint('messages_provider', ['tenant_id', 'channel', 'provider_id'])
				.addUniqueConstraint('messages_idempotency', ['tenant_id', 'idempotency_key'])
				.execute();
			await db.schema.createIndex('messages_conversation').on('messages').columns(['conversation_id', 'occurred_at']).execute();

			await withTableOptions(dialect, db.schema.createTable('message_statuses'))
				.addColumn('id', t.autoIncrementId, (c) => c.primaryKey().autoIncrement())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('channel', 'varchar(8)', (c) => c.notNull())
				.addColumn('provider_id', t.shortText, (c) => c.notNull())
				.addColumn('status', 'varchar(16)', (c) => c.notNull())
				.addColumn('occurred_at', t.timestamp, (c) => c.notNull())
				.addColumn('payload_json', t.largeText, (c) => c.notNull())
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addUniqueConstraint('message_statuses_once', ['tenant_id', 'channel', 'provider_id', 'status'])
				.execute();
		},
	};
}
