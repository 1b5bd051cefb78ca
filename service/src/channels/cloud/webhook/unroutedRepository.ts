import type { Kysely } from 'kysely';
import type { PlatformScope } from '../../../auth/tenantScope';
import type { Database } from '../../../storage/schema';
import type { UnroutedWebhooksTable } from './tables';

export interface UnroutedWebhook {
	id: string;
	appId: string;
	wabaId: string;
	phoneNumberId: string | null;
	field: string;
	reason: string;
	payload: unknown;
	receivedAt: string;
	replayedAt: string | null;
	replayedToTenantId: string | null;
}

const toUnrouted = (row: UnroutedWebhooksTable): UnroutedWebhook => ({
	id: row.id,
	appId: row.app_id,
	wabaId: row.waba_id,
	phoneNumberId: row.phone_number_id,
	field: row.field,
	reason: row.reason,
	payload: JSON.parse(row.payload) as unknown,
	receivedAt: row.received_at,
	replayedAt: row.replayed_at,
	replayedToTenantId: row.replayed_to_tenant_id,
});

/** Webhook changes no tenant took: platform data (they belong to no tenant until replayed). */
export class UnroutedWebhooksRepository {
	constructor(private readonly db: Kysely<Database>) {}

	async list(_platform: PlatformScope, query: { appId?: string; phoneNumberId?: string; pending?: boolean; limit: number; after?: string }): Promise<UnroutedWebhook[]> {
		let select = this.db.selectFrom('unrouted_webhooks').selectAll();
		if (query.appId) select = select.where('app_id', '=', query.appId);
		if (query.phoneNumberId) select = select.where('phone_number_id', '=', query.phoneNumberId);
		if (query.pending) select = select.where('replayed_at', 'is', null);
		if (query.after) select = select.where('id', '>', query.after);
		return (await select.orderBy('id').limit(query.limit).execute()).map(toUnrouted);
	}

	async getForReplay(_platform: PlatformScope, id: string): Promise<(UnroutedWebhook & { signedBy: string[] }) | undefined> {
		const row = await this.db.selectFrom('unrouted_webhooks').selectAll().where('id', '=', id).executeTakeFirst();
		return row && { ...toUnrouted(row), signedBy: JSON.parse(row.signed_by_json) as string[] };
	}
}
