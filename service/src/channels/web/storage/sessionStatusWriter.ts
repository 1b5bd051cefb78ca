import type { Kysely } from 'kysely';
import type { TenantScope } from '../../../auth/tenantScope';
import type { EventOutbox } from '../../../events/outbox';
import { transactionWithRetry } from '../../../events/sql';
import { newId } from '../../../shared/ids';
import { nowIso } from '../../../shared/time';
import type { Dialect } from '../../../storage/database';
import type { Database } from '../../../storage/schema';
import type { SessionStatusEvent, WebSession } from '../sessions/webSession';
import { toWebSession } from './webSessionsRepository';
import type { DesiredState, WebSessionStatus } from './tables';

export interface StatusChange {
	status: WebSessionStatus;
	reason: string | null;
	desired?: DesiredState;
	/** undefined leaves the stored value; null clears it. */
	qr?: { value: string; rotation: number } | null;
	pairingCode?: string | null;
	/** undefined leaves the stored account; null forgets it (logout). */
	me?: { id: string; pushName: string | null } | null;
	loginMethod?: 'qr' | 'pairing';
	/** The last write of a runtime: free the lease in the same statement, so no reader sees it ended yet still held. */
	releaseLease?: boolean;
}

/** Who may write: the replica holding the lease, or (for a session nobody runs) the replica handling the request. */
export type WriteGuard = { readonly owner: string } | { readonly unownedOr: string };

/**
 * The one place a session's status changes. The row and the `session.status` event (with the previous status)
 * are committed in one transaction, so a subscriber never misses a change and never hears of one that was not
 * stored. A write from a replica that lost the session's lease changes nothing and returns undefined.
 */
export class SessionStatusWriter {
	constructor(
		private readonly db: Kysely<Database>,
		private readonly dialect: Dialect,
		private readonly outbox: EventOutbox,
	) {}

	async transition(scope: TenantScope, sessionId: string, change: StatusChange, guard: WriteGuard): Promise<WebSession | undefined> {
		const now = nowIso();
		let emitted = false;
		// A deadlock with another writer of the outbox (MySQL picks a victim) must not lose a status change: the
		// in-memory view has already moved on, and a lost write left a session reading STARTING while it worked.
		const session = await transactionWithRetry(this.db, async (tx) => {
			emitted = false;
			const select = tx.selectFrom('web_sessions').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', sessionId);
			// SQLite serializes writers already; MySQL needs the row locked so two replicas cannot interleave.
			const row = await (this.dialect === 'mysql' ? select.forUpdate() : select).executeTakeFirst();
			if (!row || !allowed(row, guard, now)) return undefined;
			await tx
				.updateTable('web_sessions')
				.set({
					status: change.status,
					status_reason: change.reason,
					...(row.status !== change.status ? { status_changed_at: now } : {}),
					...(change.desired ? { desired: change.desired } : {}),
					...(change.qr !== undefined ? { qr_value: change.qr?.value ?? null, qr_rotation: change.qr?.rotation ?? 0 } : {}),
					...(change.pairingCode !== undefined ? { pairing_code: change.pairingCode } : {}),
					...(change.me !== undefined ? { own_id: change.me?.id ?? null, push_name: change.me?.pushName ?? null } : {}),
					...(change.releaseLease ? { owner_id: null, owner_url: null, lease_expires_at: null } : {}),
					updated_at: now,
				})
				.where('id', '=', sessionId)
				.execute();
			// A new QR is not news (it is on GET /qr); a new status or a new reason is.
			if (row.status !== change.status || row.status_reason !== change.reason) {
				const data: SessionStatusEvent = {
					session: row.name,
					status: change.status,
					previousStatus: row.status,
					reason: change.reason,
					me: change.me !== undefined ? change.me : row.own_id ? { id: row.own_id, pushName: row.push_name } : null,
					loginMethod: change.loginMethod ?? (row.pairing_phone ? 'pairing' : 'qr'),
					timestamp: now,
				};
				await this.outbox.append(tx, [
					{ id: newId('evt'), tenantId: scope.tenantId, type: 'session.status', channel: 'web', orderingKey: `web:session:${row.name}`, occurredAt: now, data, match: { accountId: row.name } },
				]);
				emitted = true;
			}
			return tx.selectFrom('web_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
		});
		if (emitted) this.outbox.committed();
		return session ? toWebSession(session) : undefined;
	}
}

function allowed(row: { owner_id: string | null; lease_expires_at: string | null }, guard: WriteGuard, now: string): boolean {
	if ('owner' in guard) return row.owner_id === guard.owner;
	return row.owner_id === null || row.owner_id === guard.unownedOr || (row.lease_expires_at ?? '') < now;
}
