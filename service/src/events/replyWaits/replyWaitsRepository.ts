import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { TenantScope } from '../../auth/tenantScope';
import type { ChannelKind, NormalizedMessage } from '../../channels/messages';
import { conversationKey } from '../../messages/conversationKey';
import type { StoredMessage } from '../../messages/ledger';
import { newId } from '../../shared/ids';
import type { Dialect } from '../../storage/database';
import type { Database } from '../../storage/schema';
import type { SecretBox } from '../../storage/secretBox';
import type { EventDraft } from '../eventDraft';
import type { RecipientSource } from '../outbox';
import { SubscriptionsRepository } from '../subscriptionsRepository';
import type { ReplyWaitDatabase, ReplyWaitExecutor, ReplyWaitState, ReplyWaitsTable } from './tables';

/** The event a wait gets when nobody answered in time. Only waits receive it: no subscription filter can ask for it. */
export const REPLY_TIMEOUT_EVENT = 'reply.timeout';

export interface ReplyWait {
	id: string;
	messageId: string;
	channel: ChannelKind;
	account: string;
	chatId: string;
	conversationId: string;
	messageTypes: string[];
	expiresAt: string | null;
	state: ReplyWaitState;
	createdAt: string;
	settledAt: string | null;
}

export interface NewReplyWait {
	prompt: StoredMessage;
	targetUrl: string;
	secret: string;
	messageTypes: string[];
	expiresAt?: string;
}

function toReplyWait(row: ReplyWaitsTable): ReplyWait {
	return {
		id: row.id,
		messageId: row.prompt_message_id,
		channel: row.channel,
		account: row.account_id,
		chatId: row.chat_id,
		conversationId: row.conversation_id,
		messageTypes: JSON.parse(row.message_types_json) as string[],
		expiresAt: row.expires_at,
		state: row.state,
		createdAt: row.created_at,
		settledAt: row.settled_at,
	};
}

/**
 * Reply waits of all tenants. A wait is armed until the first answer in its conversation (delivered to its
 * subscription through the outbox, in the transaction that records the answer) or until it expires (a
 * `reply.timeout` event, written by the sweeper). Settled waits are removed once their delivery is done.
 */
export class ReplyWaitsRepository {
	private readonly db: Kysely<ReplyWaitDatabase>;

	constructor(
		db: Kysely<Database>,
		private readonly dialect: Dialect,
		private readonly secrets: SecretBox,
	) {
		this.db = db as unknown as Kysely<ReplyWaitDatabase>;
	}

	async create(scope: TenantScope, input: NewReplyWait): Promise<ReplyWait> {
		const now = new Date().toISOString();
		return this.db.transaction().execute(async (tx) => {
			const { subscription } = await new SubscriptionsRepository(tx as never, this.secrets).create(scope, {
				targetUrl: input.targetUrl,
				description: `Reply wait for ${input.prompt.id}`,
				// Matches no event by filter: the wait's own matching below decides what it receives.
				events: [],
				channel: input.prompt.channel,
				accounts: [input.prompt.account.id],
				secret: input.secret,
			});
			const row: ReplyWaitsTable = {
				id: newId('rwt'),
				tenant_id: scope.tenantId,
				subscription_id: subscription.id,
				channel: input.prompt.channel,
				account_id: input.prompt.account.id,
				chat_id: input.prompt.chatId,
				conversation_id: input.prompt.conversationId,
				prompt_message_id: input.prompt.id,
				prompt_provider_id: input.prompt.providerId,
				message_types_json: JSON.stringify(input.messageTypes),
				expires_at: input.expiresAt ?? null,
				state: 'armed',
				settled_event_id: null,
				created_at: now,
				settled_at: null,
			};
			await tx.insertInto('reply_waits').values(row).execute();
			return toReplyWait(row);
		});
	}

	async get(scope: TenantScope, id: string): Promise<ReplyWait | undefined> {
		const row = await this.db.selectFrom('reply_waits').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		return row && toReplyWait(row);
	}

	/** Cancelling drops the wait with its subscription (and any delivery not yet made). */
	async cancel(scope: TenantScope, id: string): Promise<boolean> {
		const row = await this.db.selectFrom('reply_waits').select('subscription_id').where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
		if (!row) return false;
		// Through the subscriptions repository, which also drops the wait's queued delivery.
		return new SubscriptionsRepository(this.db as never, this.secrets).delete(scope, row.subscription_id);
	}

	/** Settles waits past their expiry with a `reply.timeout` event each; returns how many. */
	async expireDue(limit = 100): Promise<number> {
		const now = new Date().toISOString();
		return this.db.transaction().execute(async (tx) => {
			let query = tx.selectFrom('reply_waits').selectAll().where('state', '=', 'armed').where('expires_at', '<=', now).orderBy('expires_at').limit(limit);
			if (this.dialect === 'mysql') query = query.forUpdate().skipLocked();
			const due = await query.execute();
			for (const wait of due) {
				const eventId = newId('evt');
				const settled = await tx.updateTable('reply_waits').set({ state: 'expired', settled_event_id: eventId, settled_at: now }).where('id', '=', wait.id).where('state', '=', 'armed').executeTakeFirst();
				if (Number(settled.numUpdatedRows) !== 1) continue;
				const orderingKey = conversationKey(wait.channel, wait.account_id, wait.chat_id);
				const body = JSON.stringify({
					id: eventId,
					type: REPLY_TIMEOUT_EVENT,
					tenantId: wait.tenant_id,
					channel: wait.channel,
					occurredAt: now,
					data: { waitId: wait.id, messageId: wait.prompt_message_id, account: wait.account_id, chatId: wait.chat_id, conversationId: wait.conversation_id, expiresAt: wait.expires_at },
				});
				await tx.insertInto('events').values({ id: eventId, tenant_id: wait.tenant_id, type: REPLY_TIMEOUT_EVENT, channel: wait.channel, ordering_key: orderingKey, body, occurred_at: now, created_at: now }).execute();
				await tx
					.insertInto('outbox')
					.values({ tenant_id: wait.tenant_id, event_id: eventId, subscription_id: wait.subscription_id, ordering_key: orderingKey, attempts: 0, next_attempt_at: now, lease_token: null, last_error: null, last_status: null, created_at: now })
					.execute();
			}
			return due.length;
		});
	}

	/**
	 * Removes settled waits whose delivery is finished (nothing left in the outbox). A dead-lettered delivery keeps
	 * its wait until the dead letter is replayed or deleted, so it can still be replayed.
	 */
	async purgeSettled(settledBefore: string, limit = 500): Promise<number> {
		// Two steps: MySQL will not cascade into reply_waits while a subquery of the same statement reads it.
		const done = await settledWaitsWithoutDeliveries(this.db, settledBefore, limit).execute();
		if (done.length === 0) return 0;
		const result = await this.db.deleteFrom('subscriptions').where('id', 'in', done.map((row) => row.subscription_id)).executeTakeFirst();
		return Number(result.numDeletedRows);
	}
}

/**
 * Settled waits whose subscription has nothing left to deliver: no delivery waiting, no dead letter to replay. Each
 * wait costs an index probe per table (outbox_chain's first column, dead_letters_subscription_failed).
 */
export const settledWaitsWithoutDeliveries = (db: Kysely<ReplyWaitDatabase>, settledBefore: string, limit: number) =>
	db
		.selectFrom('reply_waits as w')
		.select('w.subscription_id')
		.where('w.state', '!=', 'armed')
		.where('w.settled_at', '<', settledBefore)
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('outbox as o').select(sql<number>`1`.as('one')).whereRef('o.subscription_id', '=', 'w.subscription_id'))))
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('dead_letters as d').select(sql<number>`1`.as('one')).whereRef('d.subscription_id', '=', 'w.subscription_id'))))
		.limit(limit);

function conversationOf(draft: EventDraft): string | undefined {
	const id = (draft.data as { conversationId?: unknown }).conversationId;
	return typeof id === 'string' ? id : undefined;
}

function accepts(wait: ReplyWaitsTable, messageType: string): boolean {
	const types = JSON.parse(wait.message_types_json) as string[];
	return types.length === 0 || types.includes(messageType);
}

/**
 * The outbox's extra recipients: each received message answers at most one armed wait of its conversation,
 * the one whose question it quotes (a tapped button quotes it), else the newest. Taking a wait is a
 * conditional update, so two transactions never both deliver to the same wait. It reads and writes only through
 * the executor it is given, so the webhook intake's thread runs it too.
 */
export const replyWaitRecipients: RecipientSource = async (executor, drafts, subscriptions) => {
	const replies = drafts.filter((draft) => draft.type === 'message.received');
	if (replies.length === 0) return [];
	// A wait receives through its own subscription, which asks for no event type by filter. When none such is active
	// among these tenants' subscriptions, no wait can receive: the look-up (a statement per webhook batch) is skipped.
	if (!subscriptions.some((subscription) => subscription.eventTypes?.size === 0)) return [];
	const tx = executor as unknown as ReplyWaitExecutor;
	const now = new Date().toISOString();
	const conversationIds = [...new Set(replies.map((draft) => conversationOf(draft)).filter((id): id is string => id !== undefined))];
	if (conversationIds.length === 0) return [];
	const armed = await tx
		.selectFrom('reply_waits')
		.selectAll()
		.where('tenant_id', 'in', [...new Set(replies.map((draft) => draft.tenantId))])
		.where('state', '=', 'armed')
		.where('conversation_id', 'in', conversationIds)
		.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
		.orderBy('created_at', 'desc')
		.execute();
	if (armed.length === 0) return [];
	const taken: Array<{ eventId: string; subscriptionId: string }> = [];
	for (const draft of replies) {
		const message = draft.data as NormalizedMessage;
		const candidates = armed.filter((wait) => wait.state === 'armed' && wait.tenant_id === draft.tenantId && wait.conversation_id === conversationOf(draft) && accepts(wait, message.type));
		const quoted = message.context?.messageId;
		const wait = candidates.find((candidate) => quoted !== undefined && candidate.prompt_provider_id === quoted) ?? candidates[0];
		if (!wait) continue;
		const result = await tx.updateTable('reply_waits').set({ state: 'answered', settled_event_id: draft.id, settled_at: now }).where('id', '=', wait.id).where('state', '=', 'armed').executeTakeFirst();
		wait.state = 'answered';
		if (Number(result.numUpdatedRows) === 1) taken.push({ eventId: draft.id, subscriptionId: wait.subscription_id });
	}
	return taken;
};
