import { sql } from 'kysely';
import type { DeliveryStatus, NormalizedStatus } from '../channels/messages';
import type { EventDraft } from '../events/eventDraft';
import { affectedRows, chunks, insertRows, writeChunks } from '../events/sql';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import { conversationKey } from './conversationKey';
import type { BatchResults, Entries, StatusItem } from './inboundBatch';
import { statusRank } from './statusRank';
import { applyStatuses } from './statusUpdates';
import { providerKey, storedStatuses } from './storedStatuses';

const SEP = '\u0000';

/**
 * Statuses of a batch: each stored once per (message, status), emitted as `message.status` unless the message has
 * already reached a higher one, and moving the stored message forward (never back).
 */
export async function writeInboundStatuses(tx: Executor, dialect: Dialect, entries: Entries<StatusItem>, results: BatchResults): Promise<void> {
	const { outcomes, drafts, now } = results;
	const keyOf = (item: StatusItem) => [providerKey(item.scope.tenantId, item.status.channel, item.status.messageId), item.status.status].join(SEP);
	const first = new Map<string, [number, StatusItem]>();
	for (const entry of entries) if (!first.has(keyOf(entry[1]))) first.set(keyOf(entry[1]), entry);
	const candidates = [...first.values()];

	// Statuses already stored: a repeat is stored and emitted once.
	const seenStatuses = new Set<string>();
	const bestRank = new Map<string, number>();
	for (const row of await storedStatuses(tx, dialect, candidates.map(([, item]) => ({ tenantId: item.scope.tenantId, channel: item.status.channel, providerId: item.status.messageId })), false)) {
		const key = providerKey(row.tenant_id, row.channel, row.provider_id);
		seenStatuses.add([key, row.status].join(SEP));
		bestRank.set(key, Math.max(bestRank.get(key) ?? -1, statusRank(row.status)));
	}

	const fresh = candidates.filter(([, item]) => !seenStatuses.has(keyOf(item)));
	if (fresh.length === 0) return;
	const rows = fresh.map(([index, item]) => ({
		index,
		item,
		row: {
			tenant_id: item.scope.tenantId,
			channel: item.status.channel,
			provider_id: item.status.messageId,
			status: item.status.status,
			occurred_at: item.status.timestamp,
			payload_json: JSON.stringify(item.raw ?? item.status),
			created_at: now,
			record_id: newId('evt'),
		},
	}));
	let inserted = 0;
	for (const part of writeChunks(dialect, rows, 200)) inserted += affectedRows(await tx.executeQuery(insertRows(dialect, 'message_statuses', part.map((r) => r.row), { ignoreDuplicates: true })));
	let ours = rows;
	if (inserted < rows.length) {
		const mine = new Set((await tx.selectFrom('message_statuses').select('record_id').where('record_id', 'in', rows.map((r) => r.row.record_id)).execute()).map((r) => r.record_id));
		ours = rows.filter((r) => mine.has(r.row.record_id));
	}

	// The messages we sent, read only now that our statuses are written, and on MySQL as a locking read: a send's
	// record committing meanwhile (OutboundWriter) then either is seen here or, being later, sees our statuses.
	const known = new Map<string, { id: string; conversationId: string; sender: string; peer: string }>();
	for (const part of chunks(ours)) {
		const tenants = [...new Set(part.map(({ item }) => item.scope.tenantId))];
		const channels = [...new Set(part.map(({ item }) => item.status.channel))];
		const ids = [...new Set(part.map(({ item }) => item.status.messageId))];
		let query = tx.selectFrom('messages').select(['id', 'tenant_id', 'channel', 'provider_id', 'status', 'conversation_id']).where('tenant_id', 'in', tenants).where('channel', 'in', channels).where('provider_id', 'in', ids);
		if (dialect === 'mysql') query = query.forUpdate();
		const messages = await query.execute();
		if (messages.length === 0) continue;
		// A message just committed by a parallel transaction may bring a conversation this transaction's snapshot
		// predates: on MySQL read the latest rows (a shared lock; their ends never change, so nothing waits long).
		let ends = tx.selectFrom('conversations').select(['id', 'sender', 'peer']).where('id', 'in', [...new Set(messages.map((m) => m.conversation_id))]);
		if (dialect === 'mysql') ends = ends.modifyEnd(sql`lock in share mode`);
		const conversationsById = new Map((await ends.execute()).map((c) => [c.id, c]));
		for (const row of messages) {
			const key = providerKey(row.tenant_id, row.channel, row.provider_id as string);
			const conversation = conversationsById.get(row.conversation_id);
			if (!conversation) throw new Error('conversation row missing for a stored message');
			known.set(key, { id: row.id, conversationId: row.conversation_id, sender: conversation.sender, peer: conversation.peer });
			bestRank.set(key, Math.max(bestRank.get(key) ?? -1, statusRank(row.status)));
		}
	}

	// In arrival order: a status below what the message already reached is history, not news (never downgrade).
	const updates = new Map<string, { messageRowId: string; status: DeliveryStatus; at: string; errors: string | null }>();
	for (const { index, item, row } of ours) {
		const key = providerKey(item.scope.tenantId, item.status.channel, item.status.messageId);
		const rank = statusRank(item.status.status);
		const best = bestRank.get(key) ?? -1;
		if (rank < best) continue;
		bestRank.set(key, rank);
		const message = known.get(key);
		if (message) updates.set(message.id, { messageRowId: message.id, status: item.status.status, at: item.status.timestamp, errors: item.status.errors ? JSON.stringify(item.status.errors) : null });
		outcomes[index] = 'accepted';
		drafts[index] = statusDraft(item.scope.tenantId, item.status, item.raw, row.record_id, message);
	}
	await applyStatuses(tx, [...updates.values()], now);
}

function statusDraft(tenantId: string, status: NormalizedStatus, raw: unknown, eventId: string, message: { id: string; conversationId: string; sender: string; peer: string } | undefined): EventDraft {
	return {
		id: eventId,
		tenantId,
		type: 'message.status',
		channel: status.channel,
		orderingKey: message ? conversationKey(status.channel, message.sender, message.peer) : conversationKey(status.channel, status.account.id, status.recipient),
		occurredAt: status.timestamp,
		data: { ...status, recordId: message?.id ?? null, conversationId: message?.conversationId ?? null },
		raw,
		match: { accountId: status.account.id, status: status.status },
	};
}
