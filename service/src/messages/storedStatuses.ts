import { sql } from 'kysely';
import type { ChannelKind } from '../channels/messages';
import { chunks } from '../events/sql';
import type { Dialect, Executor } from '../storage/database';
import { statusRank } from './statusRank';

/** A message by its provider id, as statuses name it. */
export interface ProviderRef {
	tenantId: string;
	channel: ChannelKind;
	providerId: string;
}

export interface StoredStatusRow {
	tenant_id: string;
	channel: ChannelKind;
	provider_id: string;
	status: string;
	occurred_at: string;
}

export const providerKey = (tenantId: string, channel: string, providerId: string): string => `${tenantId}\u0000${channel}\u0000${providerId}`;

/**
 * Statuses stored for these messages. With `latest`, MySQL reads past the transaction's snapshot (a shared lock):
 * a message record and its status written by concurrent transactions must each see the other whichever commits
 * second. MariaDB knows no FOR SHARE; both it and MySQL know the older spelling.
 */
export async function storedStatuses(tx: Executor, dialect: Dialect, messages: readonly ProviderRef[], latest: boolean): Promise<StoredStatusRow[]> {
	const rows: StoredStatusRow[] = [];
	for (const part of chunks(messages)) {
		let query = tx
			.selectFrom('message_statuses')
			.select(['tenant_id', 'channel', 'provider_id', 'status', 'occurred_at'])
			.where('tenant_id', 'in', [...new Set(part.map((m) => m.tenantId))])
			.where('channel', 'in', [...new Set(part.map((m) => m.channel))])
			.where('provider_id', 'in', [...new Set(part.map((m) => m.providerId))]);
		if (latest && dialect === 'mysql') query = query.modifyEnd(sql`lock in share mode`);
		rows.push(...(await query.execute()));
	}
	return rows;
}

/** Per message (providerKey), the highest-ranked of these stored statuses. */
export function bestStatuses(rows: readonly StoredStatusRow[]): Map<string, { status: string; at: string }> {
	const best = new Map<string, { status: string; at: string }>();
	for (const row of rows) {
		const key = providerKey(row.tenant_id, row.channel, row.provider_id);
		const top = best.get(key);
		if (!top || statusRank(row.status) > statusRank(top.status)) best.set(key, { status: row.status, at: row.occurred_at });
	}
	return best;
}
