import type { Kysely } from 'kysely';
import type { TenantScope } from '../auth/tenantScope';
import type { ChannelKind } from '../channels/messages';
import { newId, randomSecret } from '../shared/ids';
import { nowIso } from '../shared/time';
import type { Executor } from '../storage/database';
import type { Database } from '../storage/schema';
import type { SecretBox } from '../storage/secretBox';
import type { SubscriptionsTable } from './tables';
import { transactionWithRetry } from './sql';

export interface Subscription {
	id: string;
	targetUrl: string;
	description: string | null;
	events: string[];
	channel: ChannelKind | null;
	accounts: string[];
	messageTypes: string[];
	statuses: string[];
	active: boolean;
	createdAt: string;
	updatedAt: string;
}

export interface SubscriptionInput {
	targetUrl: string;
	description?: string | null;
	events: string[];
	channel?: ChannelKind | null;
	accounts?: string[];
	messageTypes?: string[];
	statuses?: string[];
	active?: boolean;
	/** A secret chosen by the caller (reply waits derive theirs); otherwise one is generated. Never from the API body. */
	secret?: string;
}

/** What the delivery worker needs to post and sign. */
export interface SubscriptionTarget {
	id: string;
	tenantId: string;
	targetUrl: string;
	secret: string;
	active: boolean;
}

const secretContext = (id: string) => `subscriptions.secret:${id}`;

/** Signing secrets look like this so a leaked one is recognisable (and greppable) wherever it turns up. */
export const generateSigningSecret = () => `whsec_${randomSecret(32)}`;

function toSubscription(row: SubscriptionsTable): Subscription {
	return {
		id: row.id,
		targetUrl: row.target_url,
		description: row.description,
		events: JSON.parse(row.event_types) as string[],
		channel: row.channel,
		accounts: JSON.parse(row.accounts_json) as string[],
		messageTypes: JSON.parse(row.message_types_json) as string[],
		statuses: JSON.parse(row.statuses_json) as string[],
		active: row.active === 1,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

/** Subscriptions of one tenant. The signing secret goes in encrypted and comes out only from create and rotate. */
export class SubscriptionsRepository {
	constructor(
		private readonly db: Executor,
		private readonly secrets: SecretBox,
	) {}

	async create(scope: TenantScope, input: SubscriptionInput): Promise<{ subscription: Subscription; secret: string }> {
		const id = newId('sub');
		const now = nowIso();
		const secret = input.secret ?? generateSigningSecret();
		const row: SubscriptionsTable = {
			id,
			tenant_id: scope.tenantId,
			target_url: input.targetUrl,
			description: input.description ?? null,
			event_types: JSON.stringify(input.events),
			channel: input.channel ?? null,
			accounts_json: JSON.stringify(input.accounts ?? []),
			message_types_json: JSON.stringify(input.messageTypes ?? []),
			statuses_json: JSON.stringify(input.statuses ?? []),
			secret_enc: this.secrets.seal(secret, secretContext(id)),
			active: input.active === false ? 0 : 1,
			created_at: now,
			updated_at: now,
		};
		await this.db.insertInto('subscriptions').values(row).execute();
		return { subscription: toSubscription(row), secret };
	}

	async list(scope: TenantScope, filter: { active?: boolean } = {}): Promise<Subscription[]> {
		let query = this.db.selectFrom('subscriptions').selectAll().where('tenant_id', '=', scope.tenantId);
		if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
		return (await query.orderBy('id').execute()).map(toSubscription);
	}

	async get(scope: TenantScope, id: string): Promise<Subscription | undefined> {
		const row = await this.db.selectFrom('subscriptions').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return row && toSubscription(row);
	}

	async update(scope: TenantScope, id: string, patch: Partial<SubscriptionInput>): Promise<Subscription | undefined> {
		const result = await this.db
			.updateTable('subscriptions')
			.set({
				...(patch.targetUrl !== undefined ? { target_url: patch.targetUrl } : {}),
				...(patch.description !== undefined ? { description: patch.description } : {}),
				...(patch.events !== undefined ? { event_types: JSON.stringify(patch.events) } : {}),
				...(patch.channel !== undefined ? { channel: patch.channel } : {}),
				...(patch.accounts !== undefined ? { accounts_json: JSON.stringify(patch.accounts) } : {}),
				...(patch.messageTypes !== undefined ? { message_types_json: JSON.stringify(patch.messageTypes) } : {}),
				...(patch.statuses !== undefined ? { statuses_json: JSON.stringify(patch.statuses) } : {}),
				...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
				updated_at: nowIso(),
			})
			.where('tenant_id', '=', scope.tenantId)
			.where('id', '=', id)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) return undefined;
		return this.get(scope, id);
	}

	/** The old secret stops signing at once; deliveries already in flight finish with whichever they started with. */
	async rotateSecret(scope: TenantScope, id: string): Promise<{ subscription: Subscription; secret: string } | undefined> {
		const secret = generateSigningSecret();
		const result = await this.db
			.updateTable('subscriptions')
			.set({ secret_enc: this.secrets.seal(secret, secretContext(id)), updated_at: nowIso() })
			.where('tenant_id', '=', scope.tenantId)
			.where('id', '=', id)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) return undefined;
		const subscription = await this.get(scope, id);
		return subscription && { subscription, secret };
	}

	/** Deleting drops its queued deliveries (here) and dead letters (their foreign key cascades). */
	/** The subscription and its pending deliveries go together; a deadlock with the delivery worker (MySQL) is retried, not a 500. */
	delete(scope: TenantScope, id: string): Promise<boolean> {
		const work = async (tx: Executor) => {
			const result = await tx.deleteFrom('subscriptions').where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
			if (Number(result.numDeletedRows) === 0) return false;
			await tx.deleteFrom('outbox').where('tenant_id', '=', scope.tenantId).where('subscription_id', '=', id).execute();
			return true;
		};
		// Inside a caller's transaction, that transaction decides.
		return this.db.isTransaction ? work(this.db) : transactionWithRetry(this.db as Kysely<Database>, work);
	}

	/** Delivery worker only: a signing secret from its sealed form (as the outbox read it with the subscription). */
	openSecret(id: string, secretEnc: string): string {
		return this.secrets.open(secretEnc, secretContext(id));
	}

	/** Delivery worker only: targets of claimed deliveries, secrets opened. Rows claimed from any tenant. */
	async targetsForDelivery(ids: readonly string[]): Promise<Map<string, SubscriptionTarget & { version: string }>> {
		if (ids.length === 0) return new Map();
		const rows = await this.db.selectFrom('subscriptions').select(['id', 'tenant_id', 'target_url', 'secret_enc', 'active', 'updated_at']).where('id', 'in', ids).execute();
		return new Map(rows.map((row) => [row.id, { id: row.id, tenantId: row.tenant_id, targetUrl: row.target_url, secret: this.secrets.open(row.secret_enc, secretContext(row.id)), active: row.active === 1, version: row.updated_at }]));
	}
}
