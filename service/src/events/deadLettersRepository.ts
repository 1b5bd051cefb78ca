import type { PlatformScope, TenantScope } from '../auth/tenantScope';
import { nowIso } from '../shared/time';
import type { Executor } from '../storage/database';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema';
import { chunks } from './sql';

export interface DeadLetter {
	id: string;
	tenantId: string;
	eventId: string;
	eventType: string;
	subscriptionId: string;
	attempts: number;
	lastError: string | null;
	lastStatus: number | null;
	queuedAt: string;
	failedAt: string;
}

export interface DeadLetterQuery {
	subscriptionId?: string;
	limit: number;
	after?: string;
}

/**
 * Deliveries given up after the maximum age. Replaying moves them back into the outbox with the same event id
 * (consumers dedupe on it) and a fresh maximum age; they then go after whatever is queued on their chain.
 */
export class DeadLettersRepository {
	constructor(private readonly db: Kysely<Database>) {}

	private base(db: Executor) {
		return db
			.selectFrom('dead_letters as d')
			.innerJoin('events as e', 'e.id', 'd.event_id')
			.select(['d.id', 'd.tenant_id', 'd.event_id', 'e.type', 'd.subscription_id', 'd.attempts', 'd.last_error', 'd.last_status', 'd.queued_at', 'd.failed_at']);
	}

	private async page(tenantId: string | undefined, query: DeadLetterQuery): Promise<DeadLetter[]> {
		let select = this.base(this.db);
		if (tenantId) select = select.where('d.tenant_id', '=', tenantId);
		if (query.subscriptionId) select = select.where('d.subscription_id', '=', query.subscriptionId);
		if (query.after) select = select.where('d.id', '>', query.after);
		const rows = await select.orderBy('d.id').limit(query.limit).execute();
		return rows.map((row) => ({
			id: row.id,
			tenantId: row.tenant_id,
			eventId: row.event_id,
			eventType: row.type,
			subscriptionId: row.subscription_id,
			attempts: row.attempts,
			lastError: row.last_error,
			lastStatus: row.last_status,
			queuedAt: row.queued_at,
			failedAt: row.failed_at,
		}));
	}

	list(scope: TenantScope, query: DeadLetterQuery): Promise<DeadLetter[]> {
		return this.page(scope.tenantId, query);
	}

	/** Every tenant's dead letters (or one tenant's), for the platform operator. */
	listAll(_platform: PlatformScope, query: DeadLetterQuery & { tenantId?: string }): Promise<DeadLetter[]> {
		return this.page(query.tenantId, query);
	}

	/** Replays the tenant's dead letters with these ids (or all of them, optionally for one subscription). */
	async replay(scope: TenantScope, selection: { ids?: readonly string[]; subscriptionId?: string }): Promise<number> {
		return this.move(scope.tenantId, selection);
	}

	async replayAny(_platform: PlatformScope, id: string): Promise<number> {
		return this.move(undefined, { ids: [id] });
	}

	async discard(scope: TenantScope, id: string): Promise<boolean> {
		const result = await this.db.deleteFrom('dead_letters').where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return Number(result.numDeletedRows) > 0;
	}

	async count(): Promise<number> {
		const row = await this.db.selectFrom('dead_letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
		return Number(row?.n ?? 0);
	}

	private async move(tenantId: string | undefined, selection: { ids?: readonly string[]; subscriptionId?: string }): Promise<number> {
		if (selection.ids && selection.ids.length === 0) return 0;
		return this.db.transaction().execute(async (tx) => {
			let select = tx.selectFrom('dead_letters').selectAll();
			if (tenantId) select = select.where('tenant_id', '=', tenantId);
			if (selection.ids) select = select.where('id', 'in', selection.ids);
			if (selection.subscriptionId) select = select.where('subscription_id', '=', selection.subscriptionId);
			const rows = await select.orderBy('id').limit(10_000).execute();
			if (rows.length === 0) return 0;
			const now = nowIso();
			for (const part of chunks(rows)) {
				await tx
					.insertInto('outbox')
					.values(part.map((row) => ({ tenant_id: row.tenant_id, event_id: row.event_id, subscription_id: row.subscription_id, ordering_key: row.ordering_key, attempts: 0, next_attempt_at: now, lease_token: null, last_error: null, last_status: null, created_at: now })))
					.execute();
				await tx.deleteFrom('dead_letters').where('id', 'in', part.map((row) => row.id)).execute();
			}
			return rows.length;
		});
	}
}
