import type { Kysely } from 'kysely';
import type { TenantScope } from '../auth/tenantScope';
import type { AccountRef, DeliveryStatus, OutboundMessage, ProviderError } from '../channels/messages';
import type { EventDraft } from '../events/eventDraft';
import type { EventOutbox } from '../events/outbox';
import { isRetryableTransactionError } from '../events/sql';
import type { ServiceMetrics } from '../events/metrics';
import { conflict, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import type { Database, MessagesTable } from '../storage/schema';
import { conversationKey, peerOf } from './conversationKey';
import { GroupCommitter } from './groupCommit';
import { InboundWriter } from './inboundWriter';
import type { InboundItem, InboundOutcome, ItemOutcome, MessageLedger, StoredMessage } from './ledger';
import { statusRank } from './statusRank';

type MessageRow = MessagesTable & { sender: string; peer: string };

export function toStoredMessage(row: MessageRow): StoredMessage {
	const errors = row.error_json ? (JSON.parse(row.error_json) as ProviderError[] | ProviderError) : null;
	return {
		id: row.id,
		providerId: row.provider_id,
		channel: row.channel,
		direction: row.direction,
		conversationId: row.conversation_id,
		account: { channel: row.channel, id: row.sender },
		chatId: row.peer,
		type: row.type,
		status: row.status,
		body: JSON.parse(row.body_json) as unknown,
		error: Array.isArray(errors) ? (errors[0] ?? null) : errors,
		occurredAt: row.occurred_at,
		statusAt: row.status_at,
	};
}

/**
 * The MessageLedger over the history tables and the outbox. Every method commits its rows and the events they
 * cause in one transaction. Inbound items from all callers go through one group committer, so a burst of Web
 * events or webhooks shares fsyncs.
 */
export class SqlMessageLedger implements MessageLedger {
	readonly writer: InboundWriter;
	private readonly committer: GroupCommitter<readonly InboundItem[], ItemOutcome[]>;

	constructor(
		private readonly db: Kysely<Database>,
		dialect: Dialect,
		private readonly outbox: EventOutbox,
		private readonly metrics: ServiceMetrics,
		maxBatchItems: number,
	) {
		this.writer = new InboundWriter(dialect, outbox);
		this.committer = new GroupCommitter(async (units) => {
			const all = units.flat();
			const { outcomes, handoffs } = await this.transaction((tx) => this.writer.write(tx, all));
			this.outbox.committed(handoffs);
			let offset = 0;
			return units.map((unit) => {
				const own = outcomes.slice(offset, offset + unit.length);
				offset += unit.length;
				return own;
			});
		}, maxBatchItems, dialect === 'mysql' ? 4 : 1);
	}

	async recordInbound(items: readonly InboundItem[]): Promise<InboundOutcome> {
		if (items.length === 0) return { accepted: 0, duplicates: 0 };
		const outcomes = await this.committer.submit(items);
		items.forEach((item, index) => this.metrics.inboundItems.inc({ kind: item.kind, result: outcomes[index] as string }));
		const accepted = outcomes.filter((o) => o === 'accepted').length;
		return { accepted, duplicates: outcomes.length - accepted };
	}

	/** Runs work in a transaction, again if MySQL reports a deadlock between replicas (nothing was committed then). */
	async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.db.transaction().execute(work);
			} catch (error) {
				if (attempt >= 5 || !isRetryableTransactionError(error)) throw error;
				await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
			}
		}
	}

	async recordOutboundPending(scope: TenantScope, input: { account: AccountRef; message: OutboundMessage; idempotencyKey?: string }): Promise<StoredMessage> {
		const now = new Date().toISOString();
		const id = newId('msg');
		const key = input.idempotencyKey;
		const refuseRepeat = async () => {
			const earlier = key ? await this.findByIdempotencyKey(scope, key) : undefined;
			if (earlier) throw conflict('This Idempotency-Key was already used; the first message stands', { messageId: earlier.id });
		};
		await refuseRepeat();
		await this.transaction(async (tx) => {
			const conversationId = await conversationFor(tx, scope, input.account.channel, input.account.id, peerOf(input.account.channel, input.message.to), now);
			await tx
				.insertInto('messages')
				.values({ id, tenant_id: scope.tenantId, conversation_id: conversationId, channel: input.account.channel, direction: 'outbound', provider_id: null, type: input.message.type, body_json: JSON.stringify(input.message), raw_json: null, status: 'pending', status_at: now, error_json: null, occurred_at: now, created_at: now, updated_at: now, idempotency_key: key ?? null })
				.execute();
		}).catch(async (error: unknown) => {
			// Two requests with one key raced past the check: the unique index let one in.
			await refuseRepeat();
			throw error;
		});
		return this.mustGet(this.db, scope, id);
	}

	async findByIdempotencyKey(scope: TenantScope, key: string): Promise<StoredMessage | undefined> {
		const row = await this.db.selectFrom('messages').select('id').where('tenant_id', '=', scope.tenantId).where('idempotency_key', '=', key).executeTakeFirst();
		return row ? this.mustGet(this.db, scope, row.id) : undefined;
	}

	async markDispatched(scope: TenantScope, messageId: string, dispatch: { providerMessageId: string; recipient: string; status: 'accepted' | 'sent'; raw?: unknown }): Promise<StoredMessage> {
		const now = new Date().toISOString();
		const { stored, handoffs } = await this.transaction(async (tx) => {
			const current = await this.mustGet(tx, scope, messageId);
			// The Web channel may have recorded its own echo of this message first: this record takes its place.
			const echo = await tx.selectFrom('messages').select('id').where('tenant_id', '=', scope.tenantId).where('channel', '=', current.channel).where('provider_id', '=', dispatch.providerMessageId).where('id', '!=', messageId).executeTakeFirst();
			if (echo) await tx.deleteFrom('messages').where('id', '=', echo.id).execute();
			const peer = peerOf(current.channel, dispatch.recipient);
			const conversationId = peer === current.chatId ? current.conversationId : await conversationFor(tx, scope, current.channel, current.account.id, peer, now);
			// A status webhook may have overtaken this call: start from the best status already recorded.
			const seen = await tx.selectFrom('message_statuses').select(['status', 'occurred_at', 'payload_json']).where('tenant_id', '=', scope.tenantId).where('channel', '=', current.channel).where('provider_id', '=', dispatch.providerMessageId).execute();
			const best = seen.reduce<{ status: string; at: string } | undefined>((top, row) => (statusRank(row.status) > statusRank(top?.status ?? dispatch.status) ? { status: row.status, at: row.occurred_at } : top), undefined);
			await tx
				.updateTable('messages')
				.set({ provider_id: dispatch.providerMessageId, conversation_id: conversationId, status: best?.status ?? dispatch.status, status_at: best?.at ?? now, raw_json: dispatch.raw === undefined ? null : JSON.stringify(dispatch.raw), updated_at: now })
				.where('tenant_id', '=', scope.tenantId)
				.where('id', '=', messageId)
				.execute();
			const updated = await this.mustGet(tx, scope, messageId);
			const handed = echo ? [] : await this.outbox.append(tx, [sentDraft(scope.tenantId, updated, dispatch.recipient, now, dispatch.raw)], { handOff: true });
			return { stored: updated, handoffs: handed };
		});
		this.outbox.committed(handoffs);
		return stored;
	}

	async markFailed(scope: TenantScope, messageId: string, error: ProviderError): Promise<StoredMessage> {
		const now = new Date().toISOString();
		const { stored, handoffs } = await this.transaction(async (tx) => {
			await this.mustGet(tx, scope, messageId);
			await tx.updateTable('messages').set({ status: 'failed', status_at: now, error_json: JSON.stringify([error]), updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', '=', messageId).execute();
			const updated = await this.mustGet(tx, scope, messageId);
			const status: DeliveryStatus = 'failed';
			const handed = await this.outbox.append(tx, [
				{
					id: newId('evt'),
					tenantId: scope.tenantId,
					type: 'message.status',
					channel: updated.channel,
					orderingKey: conversationKey(updated.channel, updated.account.id, updated.chatId),
					occurredAt: now,
					data: { messageId: updated.providerId ?? updated.id, channel: updated.channel, account: updated.account, recipient: updated.chatId, status, timestamp: now, errors: [error], recordId: updated.id, conversationId: updated.conversationId },
					match: { accountId: updated.account.id, status },
				},
			], { handOff: true });
			return { stored: updated, handoffs: handed };
		});
		this.outbox.committed(handoffs);
		return stored;
	}

	private async mustGet(db: Executor, scope: TenantScope, id: string): Promise<StoredMessage> {
		const row = await db
			.selectFrom('messages')
			.innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
			.selectAll('messages')
			.select(['conversations.sender', 'conversations.peer'])
			.where('messages.tenant_id', '=', scope.tenantId)
			.where('messages.id', '=', id)
			.executeTakeFirst();
		if (!row) throw notFound('Message', id);
		return toStoredMessage(row);
	}
}

/** The conversation row for (account, peer), created if new; its last-message time moves forward. */
async function conversationFor(tx: Executor, scope: TenantScope, channel: AccountRef['channel'], sender: string, peer: string, now: string): Promise<string> {
	const existing = await tx.selectFrom('conversations').select('id').where('tenant_id', '=', scope.tenantId).where('channel', '=', channel).where('sender', '=', sender).where('peer', '=', peer).executeTakeFirst();
	if (existing) {
		await tx.updateTable('conversations').set({ last_message_at: now, updated_at: now }).where('id', '=', existing.id).execute();
		return existing.id;
	}
	const id = newId('cnv');
	await tx.insertInto('conversations').values({ id, tenant_id: scope.tenantId, channel, sender, peer, contact_id: null, last_message_at: now, last_inbound_at: null, created_at: now, updated_at: now }).execute();
	return id;
}

function sentDraft(tenantId: string, message: StoredMessage, recipient: string, now: string, raw: unknown): EventDraft {
	return {
		id: newId('evt'),
		tenantId,
		type: 'message.sent',
		channel: message.channel,
		orderingKey: conversationKey(message.channel, message.account.id, message.chatId),
		occurredAt: now,
		data: {
			id: message.providerId,
			recordId: message.id,
			conversationId: message.conversationId,
			channel: message.channel,
			direction: 'outbound',
			account: message.account,
			chatId: message.chatId,
			to: recipient,
			type: message.type,
			status: message.status,
			timestamp: now,
			message: message.body,
		},
		raw,
		match: { accountId: message.account.id, messageType: message.type },
	};
}
