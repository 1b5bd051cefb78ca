import { sql } from 'kysely';
import { STATUS_RANK, type DeliveryStatus } from '../channels/messages';
import { chunks } from '../events/sql';
import type { Executor } from '../storage/database';

/** A stored message moving to a provider status (statuses webhooks, or acks stored before the message). */
export interface StatusUpdate {
	messageRowId: string;
	status: DeliveryStatus;
	at: string;
	/** JSON of the provider's errors, for `failed`. */
	errors: string | null;
}

/** One statement per target status; the WHERE clause re-checks the rank so a concurrent writer is never overruled downwards. */
export async function applyStatuses(tx: Executor, updates: StatusUpdate[], now: string): Promise<void> {
	const byStatus = new Map<DeliveryStatus, typeof updates>();
	for (const update of updates) byStatus.set(update.status, [...(byStatus.get(update.status) ?? []), update]);
	for (const [status, group] of byStatus) {
		const lower = lowerStatuses(status);
		for (const part of chunks(group, 200)) {
			const statusAt = sql`(case id ${sql.join(part.map((u) => sql`when ${u.messageRowId} then ${u.at}`), sql` `)} end)`;
			const failed = status === 'failed';
			const errorJson = failed ? sql`(case id ${sql.join(part.map((u) => sql`when ${u.messageRowId} then ${u.errors}`), sql` `)} end)` : sql`error_json`;
			await sql`update messages set status = ${status}, status_at = ${statusAt}, error_json = ${errorJson}, updated_at = ${now}
				where id in (${sql.join(part.map((u) => u.messageRowId))}) and status in (${sql.join(lower)})`.execute(tx);
		}
	}
}

function lowerStatuses(status: DeliveryStatus): string[] {
	const rank = STATUS_RANK[status];
	return ['accepted', 'received', ...Object.entries(STATUS_RANK).filter(([, r]) => r < rank).map(([name]) => name)];
}
