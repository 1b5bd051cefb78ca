import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes, withTableOptions } from './columnTypes';

/** Reply waits: one-shot subscriptions to the first answer in a chat (the n8n send-and-wait operation). */
export function replyWaitsMigration(dialect: Dialect) {
	const t = columnTypes(dialect);
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await withTableOptions(dialect, db.schema.createTable('reply_waits'))
				.addColumn('id', t.id, (c) => c.primaryKey())
				.addColumn('tenant_id', t.id, (c) => c.notNull().references('tenants.id').onDelete('cascade'))
				.addColumn('subscription_id', t.id, (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
				.addColumn('channel', 'varchar(8)', (c) => c.notNull())
				.addColumn('account_id', 'varchar(128)', (c) => c.notNull())
				.addColumn('chat_id', 'varchar(128)', (c) => c.notNull())
				.addColumn('conversation_id', t.id, (c) => c.notNull())
				.addColumn('prompt_message_id', t.id, (c) => c.notNull())
				.addColumn('prompt_provider_id', t.shortText)
				.addColumn('message_types_json', 'varchar(512)', (c) => c.notNull())
				.addColumn('expires_at', t.timestamp)
				.addColumn('state', 'varchar(16)', (c) => c.notNull())
				.addColumn('settled_event_id', t.id)
				.addColumn('created_at', t.timestamp, (c) => c.notNull())
				.addColumn('settled_at', t.timestamp)
				.execute();
			await db.schema.createIndex('reply_waits_conversation').on('reply_waits').columns(['tenant_id', 'state', 'conversation_id']).execute();
			await db.schema.createIndex('reply_waits_due').on('reply_waits').columns(['state', 'expires_at']).execute();
			await db.schema.createIndex('reply_waits_subscription').on('reply_waits').column('subscription_id').execute();
		},
	};
}
