import { sql } from 'kysely';
import type { TenantScope } from '../auth/tenantScope';
import type { AccountRef, DeliveryStatus, OutboundMessage, ProviderError } from '../channels/messages';
import type { EventDraft } from '../events/eventDraft';
import type { EventOutbox, PendingHandoffs } from '../events/outbox';
import { chunks, insertRows, writeChunks } from '../events/sql';
import { notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import { deferredWrite } from '../storage/pipelining';
import type { MessagesTable } from '../storage/schema';
import { conversationKey, peerOf } from './conversationKey';
import { ConversationRows, conversationRowKey, type ConversationWant } from './conversationRows';
import type { StoredMessage } from './ledger';
import { toStoredMessage, type MessageRow } from './storedMessage';
import { statusRank } from './statusRank';
import { bestStatuses, providerKey, storedStatuses } from './storedStatuses';

export interface Dispatch {
	providerMessageId: string;
	recipient: string;
	status: 'accepted' | 'sent';
	raw?: unknown;
}

/** One step of a send's life, as the send route reports it: recorded before it leaves, its outcome after. */
export type OutboundOp =
	| { kind: 'pending'; scope: TenantScope; id: string; account: AccountRef; message: OutboundMessage; idempotencyKey?: string }
	| { kind: 'dispatched'; scope: TenantScope; messageId: string; dispatch: Dispatch }
	| { kind: 'failed'; scope: TenantScope; messageId: string; error: ProviderError };

/**
 * Writes a batch of sends' records (new pending messages, dispatch outcomes, failures; any mix, any tenants) in one
 * transaction, with the events they cause, in a fixed number of statements per kind: the send path's share of
 * group commit. Each op gets the message as stored after the batch, exactly what reading it back would return.
 */
export class OutboundWriter {
	private readonly conversations: ConversationRows;

	constructor(
		private readonly dialect: Dialect,
		private readonly outbox: EventOutbox,
	) {
		this.conversations = new ConversationRows(dialect);
	}

	async write(tx: Executor, ops: readonly OutboundOp[]): Promise<{ stored: StoredMessage[]; handoffs: PendingHandoffs }> {
		const now = new Date().toISOString();
		const stored: StoredMessage[] = new Array<StoredMessage>(ops.length);
		const drafts: Array<EventDraft | undefined> = ops.map(() => undefined);

		// What the outcomes are about, as stored now.
		const outcomeIds = ops.flatMap((op) => (op.kind === 'pending' ? [] : [op.messageId]));
		const current = new Map<string, MessageRow>();
		for (const part of chunks(outcomeIds)) {
			const rows = await tx
				.selectFrom('messages')
				.innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
				.selectAll('messages')
				.select(['conversations.sender', 'conversations.peer'])
				.where('messages.id', 'in', part)
				.execute();
			for (const row of rows) current.set(row.id, row);
		}
		const currentOf = (op: Extract<OutboundOp, { messageId: string }>) => {
			const row = current.get(op.messageId);
			if (!row || row.tenant_id !== op.scope.tenantId) throw notFound('Message', op.messageId);
			return row;
		};

		// Conversations: every new message's, and a dispatched one's when the provider names the recipient differently.
		const wanted: ConversationWant[] = [];
		const touched = new Set<string>();
		for (const op of ops) {
			if (op.kind === 'pending') {
				wanted.push({ tenantId: op.scope.tenantId, channel: op.account.channel, sender: op.account.id, peer: peerOf(op.account.channel, op.message.to), contactId: null });
			} else if (op.kind === 'dispatched') {
				const row = currentOf(op);
				const peer = peerOf(row.channel, op.dispatch.recipient);
				if (peer !== row.peer) wanted.push({ tenantId: row.tenant_id, channel: row.channel, sender: row.sender, peer, contactId: null });
			}
		}
		const conversations = wanted.length > 0 ? await this.conversations.upsert(tx, wanted, now) : new Map();
		const conversationOf = (tenantId: string, channel: string, sender: string, peer: string) => {
			const found = conversations.get(conversationRowKey(tenantId, channel, sender, peer));
			if (!found) throw new Error('conversation row missing while writing a batch');
			touched.add(found.id);
			return found;
		};

		// New messages, pending until their dispatch is recorded.
		const inserts: MessagesTable[] = [];
		ops.forEach((op, index) => {
			if (op.kind !== 'pending') return;
			const conversation = conversationOf(op.scope.tenantId, op.account.channel, op.account.id, peerOf(op.account.channel, op.message.to));
			const row: MessagesTable = { id: op.id, tenant_id: op.scope.tenantId, conversation_id: conversation.id, channel: op.account.channel, direction: 'outbound', provider_id: null, type: op.message.type, body_json: JSON.stringify(op.message), raw_json: null, status: 'pending', status_at: now, error_json: null, occurred_at: now, created_at: now, updated_at: now, idempotency_key: op.idempotencyKey ?? null };
			inserts.push(row);
			stored[index] = toStoredMessage({ ...row, sender: conversation.sender, peer: conversation.peer });
		});

		const dispatched = ops.flatMap((op, index) => (op.kind === 'dispatched' ? [{ op, index, row: currentOf(op) }] : []));
		const dispatchedKeys = new Set(dispatched.map((d) => providerKey(d.row.tenant_id, d.row.channel, d.op.dispatch.providerMessageId)));
		const ownIds = new Set(dispatched.map((d) => d.op.messageId));
		// The Web channel may have recorded its own echo of a message first: the send's record takes its place.
		const echoes = new Map<string, string>();
		for (const part of chunks(dispatched)) {
			const tenants = [...new Set(part.map((d) => d.row.tenant_id))];
			const channels = [...new Set(part.map((d) => d.row.channel))];
			const providerIds = [...new Set(part.map((d) => d.op.dispatch.providerMessageId))];
			const others = await tx.selectFrom('messages').select(['id', 'tenant_id', 'channel', 'provider_id']).where('tenant_id', 'in', tenants).where('channel', 'in', channels).where('provider_id', 'in', providerIds).execute();
			for (const row of others) {
				const key = providerKey(row.tenant_id, row.channel, row.provider_id as string);
				if (!ownIds.has(row.id) && dispatchedKeys.has(key)) echoes.set(key, row.id);
			}
		}
		// Before the updates: the unique provider id moves from the echo to the send's record.
		// The writes below return nothing anyone reads: on MySQL they travel with the next statement (see deferredWrite).
		for (const part of chunks([...echoes.values()])) await deferredWrite(tx, tx.deleteFrom('messages').where('id', 'in', part));
		if (inserts.length > 0) for (const part of writeChunks(this.dialect, inserts, 100)) await deferredWrite(tx, insertRows(this.dialect, 'messages', part));

		const updates = dispatched.map(({ op, row }) => {
			const peer = peerOf(row.channel, op.dispatch.recipient);
			const conversation = peer === row.peer ? { id: row.conversation_id, sender: row.sender, peer: row.peer } : conversationOf(row.tenant_id, row.channel, row.sender, peer);
			return { id: row.id, conversation, set: { provider_id: op.dispatch.providerMessageId, conversation_id: conversation.id, status: op.dispatch.status as string, status_at: now, raw_json: op.dispatch.raw === undefined ? null : JSON.stringify(op.dispatch.raw) } };
		});
		for (const part of chunks(updates, 100)) await deferredWrite(tx, updateById(part, now));

		// Statuses a webhook or an ack recorded before the dispatch call returned: the message starts from the best of
		// them. Read after the update, and on MySQL as a locking read, so that a status committing meanwhile either is
		// seen here or, being later, finds the provider id (InboundWriter reads messages the same way after its insert).
		const seen = bestStatuses(await storedStatuses(tx, this.dialect, dispatched.map((d) => ({ tenantId: d.row.tenant_id, channel: d.row.channel, providerId: d.op.dispatch.providerMessageId })), true));
		const overtaken: Array<{ id: string; set: { status: string; status_at: string } }> = [];
		dispatched.forEach(({ op, index, row }, position) => {
			const { set, conversation } = updates[position] as (typeof updates)[number];
			const key = providerKey(row.tenant_id, row.channel, op.dispatch.providerMessageId);
			const best = seen.get(key);
			if (best && statusRank(best.status) > statusRank(set.status)) {
				set.status = best.status;
				set.status_at = best.at;
				overtaken.push({ id: row.id, set: { status: best.status, status_at: best.at } });
			}
			const updated = toStoredMessage({ ...row, ...set, updated_at: now, sender: conversation.sender, peer: conversation.peer });
			stored[index] = updated;
			if (!echoes.has(key)) drafts[index] = sentDraft(row.tenant_id, updated, op.dispatch.recipient, now, op.dispatch.raw);
		});
		for (const part of chunks(overtaken, 100)) await deferredWrite(tx, updateById(part, now));

		for (const [index, op] of ops.entries()) {
			if (op.kind !== 'failed') continue;
			const row = currentOf(op);
			const set = { status: 'failed', status_at: now, error_json: JSON.stringify([op.error]), updated_at: now };
			await deferredWrite(tx, tx.updateTable('messages').set(set).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id));
			const updated = toStoredMessage({ ...row, ...set });
			stored[index] = updated;
			drafts[index] = failedDraft(row.tenant_id, updated, op.error, now);
		}

		// Every conversation a message joined moves its last-message time to now (one statement per batch).
		for (const part of chunks([...touched])) await deferredWrite(tx, sql`update conversations set last_message_at = ${now}, updated_at = ${now} where id in (${sql.join(part)})`);

		const handoffs = await this.outbox.append(
			tx,
			drafts.filter((draft): draft is EventDraft => draft !== undefined),
			{ handOff: true },
		);
		return { stored, handoffs };
	}
}

/** One UPDATE for many rows: each column takes its value by id. */
function updateById(rows: ReadonlyArray<{ id: string; set: Record<string, string | null> }>, now: string) {
	const columns = Object.keys(rows[0]?.set ?? {});
	const byId = (column: string) => sql`case id ${sql.join(rows.map((u) => sql`when ${u.id} then ${u.set[column]}`), sql` `)} end`;
	return sql`update messages set ${sql.join(columns.map((column) => sql`${sql.ref(column)} = ${byId(column)}`))}, updated_at = ${now} where id in (${sql.join(rows.map((u) => u.id))})`;
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

function failedDraft(tenantId: string, message: StoredMessage, error: ProviderError, now: string): EventDraft {
	const status: DeliveryStatus = 'failed';
	return {
		id: newId('evt'),
		tenantId,
		type: 'message.status',
		channel: message.channel,
		orderingKey: conversationKey(message.channel, message.account.id, message.chatId),
		occurredAt: now,
		data: { messageId: message.providerId ?? message.id, channel: message.channel, account: message.account, recipient: message.chatId, status, timestamp: now, errors: [error], recordId: message.id, conversationId: message.conversationId },
		match: { accountId: message.account.id, status },
	};
}
