import type { Kysely } from 'kysely';
import { systemScope, type TenantScope } from '../../../auth/tenantScope';
import type { EventOutbox, PendingHandoffs } from '../../../events/outbox';
import { chunks, isDuplicateKey, transactionWithRetry } from '../../../events/sql';
import { GroupCommitter } from '../../../messages/groupCommit';
import type { InboundWriter } from '../../../messages/inboundWriter';
import type { InboundItem } from '../../../messages/ledger';
import { newId } from '../../../shared/ids';
import type { Executor } from '../../../storage/database';
import type { Database } from '../../../storage/schema';
import { normalizeWebhook, type DraftItem, type NormalizedChange } from './normalize';

export interface IntakeUnit {
	appId: string;
	/** Tenants whose registration of the app verified the request's signature. */
	signedBy: ReadonlySet<string>;
	changes: NormalizedChange[];
	receivedAt: string;
	/** Replaying a stored unrouted change: mark it replayed when it routes, store nothing new when it does not. */
	replayOf?: string;
}

export interface IntakeOutcome {
	accepted: number;
	duplicates: number;
	unrouted: number;
	reasons: string[];
	/** Tenants that received items (for replay answers). */
	tenants: string[];
}

/** A webhook whose signature the route has checked, its body not parsed yet. */
export interface SignedWebhook {
	appId: string;
	signedBy: ReadonlySet<string>;
	/** The body as received, decoded as UTF-8. */
	body: string;
	receivedAt: string;
}

/** A signed body that is not a webhook: the route answers 400 with this message. */
export interface Malformed {
	malformed: string;
}

/** Where the webhook route hands its work: a WebhookIntake in this thread, or one on a thread of its own (ThreadedIntake). */
export interface Intake {
	/** Parses and normalizes a signed body, then commits it as submit() does. */
	submitWebhook(webhook: SignedWebhook): Promise<IntakeOutcome | Malformed>;
	/** Commits changes already normalized (a stored unrouted change, replayed). */
	submit(unit: IntakeUnit): Promise<IntakeOutcome>;
}

/** The unit of a signed body, or why it is not a webhook. */
export function unitOfWebhook(webhook: SignedWebhook): IntakeUnit | Malformed {
	let body: unknown;
	try {
		body = JSON.parse(webhook.body);
	} catch {
		return { malformed: 'Body is not valid JSON' };
	}
	const changes = normalizeWebhook(body, webhook.receivedAt);
	if ('malformed' in changes) return { malformed: `Not a webhook payload: ${changes.malformed}` };
	return { appId: webhook.appId, signedBy: webhook.signedBy, changes, receivedAt: webhook.receivedAt };
}

const SEP = '\u0000';

/** After a batch that held a retried message, this many batches commit the careful way (see commitBatch). */
export const CAREFUL_BATCHES_AFTER_A_RETRY = 20;

/**
 * Webhook changes to committed rows: routes each change to the tenant owning its phone number (or WABA) under the
 * app, writes history and events, and keeps what no tenant owns as unrouted. Requests are group-committed: each
 * is answered when the transaction holding it commits.
 */
export class WebhookIntake implements Intake {
	private readonly committer: GroupCommitter<IntakeUnit, IntakeOutcome>;
	/** Batches still to commit the careful way since the last one that held a retried message (MySQL). */
	private carefulBatches = 0;

	constructor(
		private readonly db: Kysely<Database>,
		private readonly writer: InboundWriter,
		private readonly outbox: EventOutbox,
		maxBatch: number,
		parallelBatches = 1,
	) {
		this.committer = new GroupCommitter(
			async (units) => {
				const { outcomes, handoffs } = await this.commitBatch(units);
				this.outbox.committed(await handoffs.ready());
				return outcomes;
			},
			maxBatch,
			parallelBatches,
		);
	}

	submit(unit: IntakeUnit): Promise<IntakeOutcome> {
		return this.committer.submit(unit);
	}

	async submitWebhook(webhook: SignedWebhook): Promise<IntakeOutcome | Malformed> {
		const unit = unitOfWebhook(webhook);
		return 'malformed' in unit ? unit : this.submit(unit);
	}

	/**
	 * On MySQL, the subscriptions are read with the owners, and messages are written ahead (InboundWriter): with
	 * delivery off, a small batch commits in two round trips instead of four (owners, messages, touch and
	 * subscriptions, the rest with the COMMIT). A batch holding a message stored before (a retried webhook) fails
	 * with a duplicate key, is rolled back, and runs again the careful way; retries come in runs (Meta redelivering
	 * what timed out), so the next batches go the careful way too instead of paying two transactions each.
	 */
	private async commitBatch(units: IntakeUnit[]): Promise<{ outcomes: IntakeOutcome[]; handoffs: PendingHandoffs }> {
		const ahead = this.outbox.dialect === 'mysql' && this.carefulBatches === 0;
		if (this.carefulBatches > 0) this.carefulBatches--;
		try {
			return await transactionWithRetry(this.db, (tx) => this.commit(tx, units, ahead));
		} catch (error) {
			if (!ahead || !isDuplicateKey(error)) throw error;
			this.carefulBatches = CAREFUL_BATCHES_AFTER_A_RETRY;
			return transactionWithRetry(this.db, (tx) => this.commit(tx, units, false));
		}
	}

	private async commit(tx: Executor, units: IntakeUnit[], ahead: boolean): Promise<{ outcomes: IntakeOutcome[]; handoffs: PendingHandoffs }> {
		// Only tenants that signed a request can receive its items: their subscriptions travel with the owners' read.
		const signers = [...new Set(units.flatMap((unit) => [...unit.signedBy]))];
		const subscriptions = ahead && signers.length > 0 ? await this.outbox.subscriptionsAhead(tx, signers) : undefined;
		const owners = await this.owners(tx, units);
		const items: InboundItem[] = [];
		const itemUnit: number[] = [];
		const outcomes: IntakeOutcome[] = units.map(() => ({ accepted: 0, duplicates: 0, unrouted: 0, reasons: [], tenants: [] }));
		const unrouted: Database['unrouted_webhooks'][] = [];
		const scopes = new Map<string, TenantScope>();
		const scopeOf = (tenantId: string) => scopes.get(tenantId) ?? (scopes.set(tenantId, systemScope(tenantId, 'meta-webhook')), scopes.get(tenantId) as TenantScope);

		units.forEach((unit, unitIndex) => {
			const outcome = outcomes[unitIndex] as IntakeOutcome;
			for (const change of unit.changes) {
				let reason = change.problem;
				let tenants: string[] = [];
				if (!reason && change.route) {
					const owning = change.route.by === 'number' ? owners.numbers.get([unit.appId, change.route.phoneNumberId].join(SEP)) : owners.wabas.get([unit.appId, change.route.wabaId].join(SEP));
					if (!owning || owning.size === 0) {
						reason = change.route.by === 'number' ? `no tenant registered phone number ${change.route.phoneNumberId} under app ${unit.appId}` : `no tenant registered WABA ${change.route.wabaId} under app ${unit.appId}`;
					} else {
						tenants = [...owning].filter((tenantId) => unit.signedBy.has(tenantId));
						// A registration with another secret must not be able to inject into the owner's tenant.
						if (tenants.length === 0) reason = "the signature was not made with the owning tenant's app secret";
					}
				} else if (!reason) {
					reason = 'change names no phone number or WABA';
				}
				if (reason) {
					outcome.unrouted++;
					outcome.reasons.push(reason);
					if (!unit.replayOf) unrouted.push(unroutedRow(unit, change, reason));
					continue;
				}
				for (const tenantId of tenants) {
					if (!outcome.tenants.includes(tenantId)) outcome.tenants.push(tenantId);
					for (const draft of change.items) {
						items.push(scoped(draft, scopeOf(tenantId)));
						itemUnit.push(unitIndex);
					}
				}
			}
		});

		const { outcomes: written, handoffs } = await this.writer.write(tx, items, { ahead, subscriptions });
		written.forEach((result, index) => {
			const outcome = outcomes[itemUnit[index] as number] as IntakeOutcome;
			if (result === 'accepted') outcome.accepted++;
			else outcome.duplicates++;
		});
		for (const part of chunks(unrouted, 100)) await tx.insertInto('unrouted_webhooks').values(part).execute();
		for (const [index, unit] of units.entries()) {
			const outcome = outcomes[index] as IntakeOutcome;
			if (unit.replayOf && outcome.unrouted === 0) {
				await tx.updateTable('unrouted_webhooks').set({ replayed_at: new Date().toISOString(), replayed_to_tenant_id: outcome.tenants.join(',').slice(0, 40) || null }).where('id', '=', unit.replayOf).execute();
			}
		}
		return { outcomes, handoffs };
	}

	/** Who owns each (app, phone number) and (app, WABA) of the batch: two queries, read inside the transaction. */
	private async owners(tx: Executor, units: IntakeUnit[]): Promise<{ numbers: Map<string, Set<string>>; wabas: Map<string, Set<string>> }> {
		const apps = new Set<string>();
		const numbers = new Set<string>();
		const wabas = new Set<string>();
		for (const unit of units) {
			for (const change of unit.changes) {
				if (!change.route || change.problem) continue;
				apps.add(unit.appId);
				if (change.route.by === 'number') numbers.add(change.route.phoneNumberId);
				else wabas.add(change.route.wabaId);
			}
		}
		const result = { numbers: new Map<string, Set<string>>(), wabas: new Map<string, Set<string>>() };
		const add = (map: Map<string, Set<string>>, key: string, tenantId: string) => map.set(key, (map.get(key) ?? new Set()).add(tenantId));
		if (numbers.size > 0) {
			for (const part of chunks([...numbers])) {
				const rows = await tx
					.selectFrom('cloud_numbers')
					.innerJoin('meta_apps', 'meta_apps.id', 'cloud_numbers.meta_app_id')
					.select(['cloud_numbers.phone_number_id', 'cloud_numbers.tenant_id', 'meta_apps.app_id'])
					.where('meta_apps.app_id', 'in', [...apps])
					.where('cloud_numbers.phone_number_id', 'in', part)
					.execute();
				for (const row of rows) add(result.numbers, [row.app_id, row.phone_number_id].join(SEP), row.tenant_id);
			}
		}
		if (wabas.size > 0) {
			for (const part of chunks([...wabas])) {
				const rows = await tx
					.selectFrom('cloud_numbers')
					.innerJoin('meta_apps', 'meta_apps.id', 'cloud_numbers.meta_app_id')
					.select(['cloud_numbers.waba_id', 'cloud_numbers.tenant_id', 'meta_apps.app_id'])
					.distinct()
					.where('meta_apps.app_id', 'in', [...apps])
					.where('cloud_numbers.waba_id', 'in', part)
					.execute();
				for (const row of rows) add(result.wabas, [row.app_id, row.waba_id].join(SEP), row.tenant_id);
			}
		}
		return result;
	}
}

function scoped(draft: DraftItem, scope: TenantScope): InboundItem {
	if (draft.kind === 'message') return { kind: 'message', scope, message: draft.message, raw: draft.raw };
	if (draft.kind === 'status') return { kind: 'status', scope, status: draft.status, raw: draft.raw };
	return { kind: 'event', scope, type: draft.type, channel: draft.channel, data: draft.data, raw: draft.raw, occurredAt: draft.occurredAt, orderingKey: draft.orderingKey, accountId: draft.accountId, dedupeKey: draft.dedupeKey };
}

function unroutedRow(unit: IntakeUnit, change: NormalizedChange, reason: string): Database['unrouted_webhooks'] {
	return {
		id: newId('unr'),
		app_id: unit.appId,
		waba_id: change.wabaId,
		phone_number_id: change.route?.by === 'number' ? change.route.phoneNumberId : null,
		field: change.field,
		reason: reason.slice(0, 255),
		payload: JSON.stringify(change.original),
		signed_by_json: JSON.stringify([...unit.signedBy]),
		received_at: unit.receivedAt,
		replayed_at: null,
		replayed_to_tenant_id: null,
	};
}
