import { CompiledQuery } from 'kysely';
import type { ChannelKind, DeliveryStatus, NormalizedMessage } from '../channels/messages';
import type { EventDraft } from '../events/eventDraft';
import { affectedRows, chunks, insertRows, writeChunks } from '../events/sql';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import { deferredWrite } from '../storage/pipelining';
import { conversationKey } from './conversationKey';
import { BoundedMap, ConversationRows, conversationRowKey, type ConversationRef } from './conversationRows';
import type { BatchResults, Entries, MessageItem } from './inboundBatch';
import { statusRank } from './statusRank';
import { applyStatuses } from './statusUpdates';
import { bestStatuses, providerKey, storedStatuses } from './storedStatuses';

/**
 * Inbound and self-sent messages of a batch, with their contacts and conversations. Keeps what it learned of contact
 * and conversation rows across batches: both are never deleted except with their tenant.
 */
export class InboundMessages {
	/**
	 * Contact rows this process has seen committed (like conversations, see ConversationRows): never deleted except
	 * with their tenant, so a remembered id stays right and saves a look-up per batch.
	 */
	private readonly knownContacts = new BoundedMap<string, { id: string; name: string | null }>(50_000);
	private readonly conversations: ConversationRows;

	constructor(private readonly dialect: Dialect) {
		this.conversations = new ConversationRows(dialect);
	}

	/**
	 * A batch's messages: the first copy of each provider id is stored (once per tenant and channel), with its contact
	 * and conversation, and emitted as `message.received` or `message.sent`.
	 *
	 * With `ahead`, the batch goes on as if every message were new: a plain insert, whose answer nobody waits for (it
	 * travels with the next statement, see deferredWrite), fails the transaction with a duplicate key if one was
	 * stored before, and the caller runs the batch again without `ahead` (see WebhookIntake). On MySQL this saves the
	 * transaction a round trip; duplicates (Meta's retries) are rare enough to pay for the second run.
	 */
	async write(tx: Executor, entries: Entries<MessageItem>, results: BatchResults, options: { ahead?: boolean } = {}): Promise<void> {
		const { outcomes, drafts, now } = results;
		// Within the batch, the first copy of a message wins.
		const firstByKey = new Map<string, [number, MessageItem]>();
		for (const entry of entries) {
			const { scope, message } = entry[1];
			const key = providerKey(scope.tenantId, message.channel, message.id);
			if (!firstByKey.has(key)) firstByKey.set(key, entry);
		}
		// No look-up first: the unique key decides, and the batch then learns which rows were its own. Duplicates
		// (rare: Meta's retries) cost a wasted conversation touch; new messages save a round trip.
		const fresh = [...firstByKey.values()];

		const contacts = await this.upsertContacts(tx, fresh.map(([, item]) => item), now);
		const conversations = await this.conversations.upsert(
			tx,
			fresh.map(([, item]) => ({ tenantId: item.scope.tenantId, channel: item.message.channel, sender: item.message.account.id, peer: item.message.chatId, contactId: contacts.get(conversationRowKey(item.scope.tenantId, item.message.channel, '', item.message.chatId)) ?? null })),
			now,
		);

		const rows = fresh.map(([index, item]) => {
			const { message, scope } = item;
			const conversation = conversations.get(conversationRowKey(scope.tenantId, message.channel, message.account.id, message.chatId)) as ConversationRef;
			return {
				index,
				item,
				conversation,
				row: {
					id: newId('msg'),
					tenant_id: scope.tenantId,
					conversation_id: conversation.id,
					channel: message.channel,
					direction: message.direction,
					provider_id: message.id,
					type: message.type,
					body_json: JSON.stringify(message),
					raw_json: item.raw === undefined ? null : JSON.stringify(item.raw),
					status: message.direction === 'inbound' ? 'received' : 'sent',
					status_at: message.timestamp,
					error_json: message.errors ? JSON.stringify(message.errors) : null,
					occurred_at: message.timestamp,
					created_at: now,
					updated_at: now,
				},
			};
		});
		let inserted = rows.length;
		let ours = rows;
		if (options.ahead) {
			for (const part of writeChunks(this.dialect, rows, 100)) await deferredWrite(tx, insertRows(this.dialect, 'messages', part.map((r) => r.row)));
		} else {
			inserted = 0;
			for (const part of writeChunks(this.dialect, rows, 100)) inserted += affectedRows(await tx.executeQuery(insertRows(this.dialect, 'messages', part.map((r) => r.row), { ignoreDuplicates: true })));
		}
		if (inserted < rows.length) {
			// Another writer stored some of them first (replicas racing on a retried webhook): keep only our rows.
			const mine = new Set((await tx.selectFrom('messages').select('id').where('id', 'in', rows.map((r) => r.row.id)).execute()).map((r) => r.id));
			ours = rows.filter((r) => mine.has(r.row.id));
		}

		const outbound = ours.filter((r) => r.row.direction === 'outbound');
		if (outbound.length > 0) await this.startFromStoredStatuses(tx, outbound, now);
		await this.touchConversations(tx, ours.map((r) => ({ id: r.conversation.id, at: r.row.occurred_at, inbound: r.row.direction === 'inbound' })), now);
		for (const { index, item, row, conversation } of ours) {
			outcomes[index] = 'accepted';
			const draft = messageDraft(item.scope.tenantId, item.message, item.raw, row.id, conversation);
			// data = the stored message JSON plus our two ids, in that key order: reuse the history's serialization.
			draft.serialized = { data: `${row.body_json.slice(0, -1)},"recordId":${JSON.stringify(row.id)},"conversationId":${JSON.stringify(conversation.id)}}`, raw: row.raw_json ?? undefined };
			drafts[index] = draft;
		}
	}

	/** Contacts by (tenant, channel, address); names follow the latest profile. Keyed with an empty sender. */
	private async upsertContacts(tx: Executor, items: MessageItem[], now: string): Promise<Map<string, string>> {
		const wanted = new Map<string, { tenantId: string; channel: ChannelKind; address: string; name: string | null; profile: string | null }>();
		for (const { scope, message } of items) {
			if (message.direction !== 'inbound' || message.isGroup) continue;
			const key = conversationRowKey(scope.tenantId, message.channel, '', message.chatId);
			wanted.set(key, { tenantId: scope.tenantId, channel: message.channel, address: message.chatId, name: message.contact?.name?.slice(0, 255) ?? null, profile: message.contact ? JSON.stringify(message.contact) : null });
		}
		const ids = new Map<string, string>();
		const unknown: Array<typeof wanted extends Map<string, infer V> ? V : never> = [];
		for (const [key, want] of wanted) {
			const known = this.knownContacts.get(key);
			if (known && (!want.name || want.name === known.name)) ids.set(key, known.id);
			else unknown.push(want);
		}
		if (unknown.length === 0) return ids;
		const select = async (subset: typeof unknown, cache: boolean) => {
			for (const part of chunks(subset)) {
				let query = tx
					.selectFrom('contacts')
					.select(['id', 'tenant_id', 'channel', 'address', 'name'])
					.where('tenant_id', 'in', [...new Set(part.map((c) => c.tenantId))])
					.where('channel', 'in', [...new Set(part.map((c) => c.channel))])
					.where('address', 'in', [...new Set(part.map((c) => c.address))]);
				// After our insert, MySQL must see rows another writer committed meanwhile (not our snapshot): a locking read.
				if (!cache && this.dialect === 'mysql') query = query.forUpdate();
				for (const row of await query.execute()) {
					const key = conversationRowKey(row.tenant_id, row.channel, '', row.address);
					const want = wanted.get(key);
					if (!want) continue;
					ids.set(key, row.id);
					if (want.name && want.name !== row.name) {
						await tx.updateTable('contacts').set({ name: want.name, profile_json: want.profile, updated_at: now }).where('id', '=', row.id).execute();
						this.knownContacts.delete(key);
					} else if (cache) {
						this.knownContacts.set(key, { id: row.id, name: row.name });
					}
				}
			}
		};
		// Rows found before this transaction wrote anything were committed by someone: safe to remember.
		await select(unknown, true);
		const missing = unknown.filter((c) => !ids.has(conversationRowKey(c.tenantId, c.channel, '', c.address)));
		if (missing.length > 0) {
			for (const part of chunks(missing)) {
				const rows = part.map((c) => ({ id: newId('con'), tenant_id: c.tenantId, channel: c.channel, address: c.address, name: c.name, profile_json: c.profile, created_at: now, updated_at: now }));
				await tx.executeQuery(insertRows(this.dialect, 'contacts', rows, { ignoreDuplicates: true }));
			}
			await select(missing, false);
		}
		return ids;
	}

	/**
	 * Moves conversations' last-message times forward (never back) in one statement. On MySQL this also locks the
	 * conversation rows before the outbox rows are written, so two replicas writing the same conversation commit
	 * their events in a consistent order.
	 */
	private async touchConversations(tx: Executor, touches: Array<{ id: string; at: string; inbound: boolean }>, now: string): Promise<void> {
		const latest = new Map<string, { at: string; inboundAt: string | null }>();
		for (const touch of touches) {
			const current = latest.get(touch.id) ?? { at: touch.at, inboundAt: null };
			if (touch.at > current.at) current.at = touch.at;
			if (touch.inbound && (!current.inboundAt || touch.at > current.inboundAt)) current.inboundAt = touch.at;
			latest.set(touch.id, current);
		}
		for (const part of writeChunks(this.dialect, [...latest.entries()], 200)) await deferredWrite(tx, touchQuery(part, now));
	}


	/**
	 * Outbound messages recorded from a channel's own stream (sent from the phone) may have statuses stored already:
	 * acks recorded just before, or by a parallel transaction on MySQL that committed first (read past the snapshot,
	 * as writeInboundStatuses reads messages). The message starts from the best of them, as a send's record does.
	 */
	private async startFromStoredStatuses(tx: Executor, rows: ReadonlyArray<{ item: MessageItem; row: { id: string } }>, now: string): Promise<void> {
		const best = bestStatuses(await storedStatuses(tx, this.dialect, rows.map(({ item }) => ({ tenantId: item.scope.tenantId, channel: item.message.channel, providerId: item.message.id })), true));
		const updates = rows.flatMap(({ item, row }) => {
			const top = best.get(providerKey(item.scope.tenantId, item.message.channel, item.message.id));
			return top && statusRank(top.status) > statusRank('sent') ? [{ messageRowId: row.id, status: top.status as DeliveryStatus, at: top.at, errors: null }] : [];
		});
		await applyStatuses(tx, updates, now);
	}
}

const touchTexts = new Map<number, string>();

/**
 * The conversation touch as SQL text and bound values, built straight like insertRows: through Kysely's sql template
 * it made four nodes per conversation and compiled them on every batch (8% of all the memory an ingest allocated).
 * The text depends only on the number of conversations. Each CASE maps a conversation id to its new time; a time
 * only ever moves forward.
 */
function touchQuery(part: ReadonlyArray<[string, { at: string; inboundAt: string | null }]>, now: string): CompiledQuery {
	let text = touchTexts.get(part.length);
	if (text === undefined) {
		const whens = new Array<string>(part.length).fill('when ? then ?').join(' ');
		const messageAt = `(case id ${whens} end)`;
		const inboundAt = `(case id ${whens} else null end)`;
		text = `update conversations set last_message_at = case when last_message_at is null or last_message_at < ${messageAt} then ${messageAt} else last_message_at end, last_inbound_at = case when last_inbound_at is null or last_inbound_at < ${inboundAt} then coalesce(${inboundAt}, last_inbound_at) else last_inbound_at end, updated_at = ? where id in (${new Array<string>(part.length).fill('?').join(', ')})`;
		touchTexts.set(part.length, text);
	}
	// In the text's order: the message-time CASE twice, the inbound-time CASE twice, updated_at, the ids.
	const values: unknown[] = [];
	for (const pass of [0, 1, 2, 3]) for (const [id, v] of part) values.push(id, pass < 2 ? v.at : v.inboundAt);
	values.push(now);
	for (const [id] of part) values.push(id);
	return CompiledQuery.raw(text, values);
}

function messageDraft(tenantId: string, message: NormalizedMessage, raw: unknown, recordId: string, conversation: ConversationRef): EventDraft {
	return {
		id: newId('evt'),
		tenantId,
		type: message.direction === 'inbound' ? 'message.received' : 'message.sent',
		channel: message.channel,
		orderingKey: conversationKey(message.channel, conversation.sender, conversation.peer),
		occurredAt: message.timestamp,
		data: { ...message, recordId, conversationId: conversation.id },
		raw,
		match: { accountId: message.account.id, messageType: message.type },
	};
}
