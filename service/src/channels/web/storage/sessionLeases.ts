import type { Kysely } from 'kysely';
import type { PlatformScope } from '../../../auth/tenantScope';
import type { Database } from '../../../storage/schema';
import type { PendingCommand } from './tables';

export interface OwnedSession {
	id: string;
	tenantId: string;
	name: string;
	pendingCommand: PendingCommand | null;
}

export interface TakeoverCandidate {
	id: string;
	tenantId: string;
	name: string;
	/** Whose lease expired (null: it was released, e.g. by a clean shutdown). */
	previousOwner: string | null;
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * Which process runs which session, across all tenants (hence a platform scope): a lease per session row,
 * claimed with a conditional update so two replicas can never both win, renewed by its owner, released on a
 * clean stop, and free for anyone once it expires.
 */
export class SessionLeases {
	constructor(
		private readonly db: Kysely<Database>,
		readonly workerId: string,
		private readonly ttlMs: number,
		/** Our REPLICA_URL, written with every lease we take so the other replicas can forward to us. */
		private readonly ownUrl: string | null = null,
	) {}

	/** Takes the session if nobody (else) holds a live lease on it; requests left for a previous owner are dropped. */
	async claim(_platform: PlatformScope, sessionId: string): Promise<boolean> {
		const now = new Date().toISOString();
		const result = await this.db
			.updateTable('web_sessions')
			.set({ owner_id: this.workerId, owner_url: this.ownUrl, lease_expires_at: inMs(this.ttlMs), pending_command: null })
			.where('id', '=', sessionId)
			.where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', this.workerId), eb('lease_expires_at', '<', now)]))
			.executeTakeFirst();
		return Number(result.numUpdatedRows) === 1;
	}

	/** Extends every lease this process holds and reports the sessions it still owns (with requests for them). */
	async renew(_platform: PlatformScope): Promise<OwnedSession[]> {
		await this.db.updateTable('web_sessions').set({ lease_expires_at: inMs(this.ttlMs) }).where('owner_id', '=', this.workerId).execute();
		const rows = await this.db.selectFrom('web_sessions').select(['id', 'tenant_id', 'name', 'pending_command']).where('owner_id', '=', this.workerId).execute();
		return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, name: row.name, pendingCommand: row.pending_command }));
	}

	async release(_platform: PlatformScope, sessionId: string): Promise<void> {
		await this.db.updateTable('web_sessions').set({ owner_id: null, owner_url: null, lease_expires_at: null }).where('id', '=', sessionId).where('owner_id', '=', this.workerId).execute();
	}

	/** Clears a request once acted on, unless a newer one replaced it meanwhile. */
	async clearCommand(_platform: PlatformScope, sessionId: string, command: PendingCommand): Promise<void> {
		await this.db.updateTable('web_sessions').set({ pending_command: null }).where('id', '=', sessionId).where('owner_id', '=', this.workerId).where('pending_command', '=', command).execute();
	}

	/** Sessions that should run and that no live process holds, longest-waiting first. */
	async orphans(_platform: PlatformScope, limit: number): Promise<TakeoverCandidate[]> {
		if (limit <= 0) return [];
		const now = new Date().toISOString();
		const rows = await this.db
			.selectFrom('web_sessions')
			.select(['id', 'tenant_id', 'name', 'owner_id'])
			.where('desired', '=', 'running')
			.where((eb) => eb.or([eb('owner_id', 'is', null), eb('lease_expires_at', '<', now)]))
			.orderBy('status_changed_at')
			.limit(limit)
			.execute();
		return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, name: row.name, previousOwner: row.owner_id }));
	}
}
