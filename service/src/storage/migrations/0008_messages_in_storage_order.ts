import type { Kysely } from 'kysely';

/**
 * GET /v1/messages reads a tenant's messages in the order they were stored (ids sort by creation time) from a point
 * on. Without this index the only way in by tenant was the idempotency key's, and every poll sorted all the tenant's
 * messages; with it a poll reads just the rows it returns. Ids grow, so inserts append to each tenant's range.
 */
export function messagesInStorageOrderMigration() {
	return {
		async up(db: Kysely<unknown>): Promise<void> {
			await db.schema.createIndex('messages_tenant_stored').on('messages').columns(['tenant_id', 'id']).execute();
		},
	};
}
