import { CompiledQuery, sql } from 'kysely';
import type { ChannelKind, DeliveryStatus, NormalizedMessage, NormalizedStatus } from '../channels/messages';
import { STATUS_RANK } from '../channels/messages';
import type { EventDraft } from '../events/eventDraft';
import type { EventOutbox, Handoff } from '../events/outbox';
import { affectedRows, chunks, insertRows } from '../events/sql';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';
import { deferredWrite } from '../storage/pipelining';
import { conversationKey } from './conversationKey';
import { BoundedMap, ConversationRows, conversationRowKey, type ConversationRef } from './conversationRows';
import type { HistoryAmendment, InboundItem, ItemOutcome } from './ledger';
import { statusRank } from './statusRank';
import { bestStatuses, providerKey, storedStatuses } from './storedStatuses';

type MessageItem = Extract<InboundItem, { kind: 'message' }>;
type StatusItem = Extract<InboundItem, { kind: 'status' }>;
type EventItem = Extract<InboundItem, { kind: 'event' }>;

const SEP = '\u0000';

/**
 * Writes a batch of inbound items (possibly many webhooks, several tenants) inside one transaction: history rows,
 * dedupe records and the events they cause. Statements are per batch, not per item, so a batch of hundreds costs
 * about a dozen round trips; that is what makes group commit pay off.
 *
 * Dedupe: a provider message id is stored once per tenant and channel (unique key); a status once per
 * (id, status). Rows are inserted "ignoring duplicates" and the batch then learns which rows were its own, so
 * concurrent writers (replicas on MySQL) never emit the same item twice.
 */
export class InboundWriter {
	/**
	 * Contact rows this process has seen committed (like conversations, see ConversationRows): never deleted except
	 * with their tenant, so a remembered id stays right and saves a look-up per batch.
	 */
	private readonly knownContacts = new BoundedMap<string, { id: string; name: string | null }>(50_000);
	private readonly conversations: ConversationRows;

	constructor(
		private readonly dialect: Dialect,
		private readonly outbox: EventOutbox,
	) {
		this.conversations = new ConversationRows(dialect);
	}

	/** Outcomes per item in input order, and the deliveries to hand to the local worker after the commit. */
	async write(tx: Executor, items: readonly InboundItem[]): Promise<{ outcomes: ItemOutcome[]; handoffs: Handoff[] }> {
		items.forEach(checkColumnLimits);
		const outcomes: ItemOutcome[] = items.map(() => 'duplicate');
		const drafts: Array<EventDraft | undefined> = items.map(() => undefined);
		const now = new Date().toISOString();
		const messages: Array<[number, MessageItem]> = [];
		const statuses: Array<[number, StatusItem]> = [];
		const events: Array<[number, EventItem]> = [];
		items.forEach((item, index) => {
			if (item.kind === 'message') messages.push([index, item]);
			else if (item.kind === 'status') statuses.push([index, item]);
			else events.push([index, item]);
		});
		if (messages.length > 0) await this.writeMessages(tx, messages, outcomes, drafts, now);
		if (statuses.length > 0) await this.writeStatuses(tx, statuses, outcomes, drafts, now);
		if (events.length > 0) await this.writeEvents(tx, events, outcomes, drafts, now);
		const handoffs = await this.outbox.append(
			tx,
			drafts.filter((draft): draft is EventDraft => draft !== undefined),
			{ handOff: true },
		);
		return { outcomes, handoffs };
	}

	private async writeMessages(tx: Executor, entries: Array<[number, MessageItem]>, outcomes: ItemOutcome[], drafts: Array<EventDraft | undefined>, now: string): Promise<void> {
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
		let inserted = 0;
		for (const part of chunks(rows, 100)) inserted += affectedRows(await tx.executeQuery(insertRows(this.dialect, 'messages', part.map((r) => r.row), { ignoreDuplicates: true })));
		let ours = rows;
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
		for (const part of chunks([...latest.entries()], 200)) await deferredWrite(tx, touchQuery(part, now));
	}

	private async writeStatuses(tx: Executor, entries: Array<[number, StatusItem]>, outcomes: ItemOutcome[], drafts: Array<EventDraft | undefined>, now: string): Promise<void> {
		const keyOf = (item: StatusItem) => [providerKey(item.scope.tenantId, item.status.channel, item.status.messageId), item.status.status].join(SEP);
		const first = new Map<string, [number, StatusItem]>();
		for (const entry of entries) if (!first.has(keyOf(entry[1]))) first.set(keyOf(entry[1]), entry);
		const candidates = [...first.values()];

		// Statuses already stored: a repeat is stored and emitted once.
		const seenStatuses = new Set<string>();
		const bestRank = new Map<string, number>();
		for (const row of await storedStatuses(tx, this.dialect, candidates.map(([, item]) => ({ tenantId: item.scope.tenantId, channel: item.status.channel, providerId: item.status.messageId })), false)) {
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
		for (const part of chunks(rows, 200)) inserted += affectedRows(await tx.executeQuery(insertRows(this.dialect, 'message_statuses', part.map((r) => r.row), { ignoreDuplicates: true })));
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
			if (this.dialect === 'mysql') query = query.forUpdate();
			const messages = await query.execute();
			if (messages.length === 0) continue;
			// A message just committed by a parallel transaction may bring a conversation this transaction's snapshot
			// predates: on MySQL read the latest rows (a shared lock; their ends never change, so nothing waits long).
			let ends = tx.selectFrom('conversations').select(['id', 'sender', 'peer']).where('id', 'in', [...new Set(messages.map((m) => m.conversation_id))]);
			if (this.dialect === 'mysql') ends = ends.modifyEnd(sql`lock in share mode`);
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
		await this.applyStatuses(tx, [...updates.values()], now);
	}

	/**
	 * Outbound messages recorded from a channel's own stream (sent from the phone) may have statuses stored already:
	 * acks recorded just before, or by a parallel transaction on MySQL that committed first (read past the snapshot,
	 * as writeStatuses reads messages). The message starts from the best of them, as a send's record does.
	 */
	private async startFromStoredStatuses(tx: Executor, rows: ReadonlyArray<{ item: MessageItem; row: { id: string } }>, now: string): Promise<void> {
		const best = bestStatuses(await storedStatuses(tx, this.dialect, rows.map(({ item }) => ({ tenantId: item.scope.tenantId, channel: item.message.channel, providerId: item.message.id })), true));
		const updates = rows.flatMap(({ item, row }) => {
			const top = best.get(providerKey(item.scope.tenantId, item.message.channel, item.message.id));
			return top && statusRank(top.status) > statusRank('sent') ? [{ messageRowId: row.id, status: top.status as DeliveryStatus, at: top.at, errors: null }] : [];
		});
		await this.applyStatuses(tx, updates, now);
	}

	/** One statement per target status; the WHERE clause re-checks the rank so a concurrent writer is never overruled downwards. */
	private async applyStatuses(tx: Executor, updates: Array<{ messageRowId: string; status: DeliveryStatus; at: string; errors: string | null }>, now: string): Promise<void> {
		const byStatus = new Map<DeliveryStatus, typeof updates>();
		for (const update of updates) byStatus.set(update.status, [...(byStatus.get(update.status) ?? []), update]);
		for (const [status, group] of byStatus) {
			const lower = lowerStatuses(status);
			for (const part of chunks(group, 200)) {
				const statusAt = sql`(case id ${sql.join(part.map((u) => sql`when ${u.messageRowId} then ${u.at}`), sql` `)} end)`;
				const failed = status === 'failed';
				const errorJson = failed ? sql`(case id ${sql.join(part.map((u) => sql`when ${u.messageRowId} then ${u.errors}`), sql` `)} end)` : sql`error_json`;
				await sql`update messages set status = ${status}, status_at = ${statusAt}, error_json = ${errorJson}, updated_at = ${now}
					where id in (${sql.join(part.map((u) => u.messageRowId))}) and status in (${sql.join(lower)})`.execute(tx);
			}
		}
	}

	private async amendHistory(tx: Executor, tenantId: string, channel: ChannelKind, amendment: HistoryAmendment, now: string): Promise<void> {
		const select = tx.selectFrom('messages').select(['id', 'body_json']).where('tenant_id', '=', tenantId).where('channel', '=', channel).where('provider_id', '=', amendment.providerId);
		// Read, change, write: on MySQL two batches amending one message (votes on a busy poll) must take turns.
		const row = await (this.dialect === 'mysql' ? select.forUpdate() : select).executeTakeFirst();
		if (!row) return;
		const body = amendedBody(JSON.parse(row.body_json) as Record<string, unknown>, amendment);
		await tx.updateTable('messages').set({ body_json: JSON.stringify(body), updated_at: now }).where('id', '=', row.id).execute();
	}

	private async writeEvents(tx: Executor, entries: Array<[number, EventItem]>, outcomes: ItemOutcome[], drafts: Array<EventDraft | undefined>, now: string): Promise<void> {
		const keyed = entries.filter(([, item]) => item.dedupeKey !== undefined);
		const accepted = new Set(entries.filter(([, item]) => item.dedupeKey === undefined).map(([index]) => index));
		if (keyed.length > 0) {
			const keyOf = (item: EventItem) => [item.scope.tenantId, item.dedupeKey as string].join(SEP);
			const first = new Map<string, [number, EventItem]>();
			for (const entry of keyed) if (!first.has(keyOf(entry[1]))) first.set(keyOf(entry[1]), entry);
			const candidates = [...first.values()];
			const seen = new Set<string>();
			for (const part of chunks(candidates)) {
				const rows = await tx
					.selectFrom('inbound_event_keys')
					.select(['tenant_id', 'dedupe_key'])
					.where('tenant_id', 'in', [...new Set(part.map(([, i]) => i.scope.tenantId))])
					.where('dedupe_key', 'in', part.map(([, i]) => i.dedupeKey as string))
					.execute();
				for (const row of rows) seen.add([row.tenant_id, row.dedupe_key].join(SEP));
			}
			// Rare and small: one insert each, so a key another replica took first is recognised exactly.
			for (const [index, item] of candidates) {
				if (seen.has(keyOf(item))) continue;
				const result = await tx.executeQuery(insertRows(this.dialect, 'inbound_event_keys', [{ tenant_id: item.scope.tenantId, dedupe_key: item.dedupeKey as string, created_at: now }], { ignoreDuplicates: true }));
				if (affectedRows(result) > 0) accepted.add(index);
			}
		}
		for (const [index, item] of entries) {
			if (!accepted.has(index)) continue;
			if (item.amends) await this.amendHistory(tx, item.scope.tenantId, item.channel, item.amends, now);
			outcomes[index] = 'accepted';
			drafts[index] = {
				id: newId('evt'),
				tenantId: item.scope.tenantId,
				type: item.type,
				channel: item.channel,
				orderingKey: (item.orderingKey ?? `${item.channel}:${item.type}`).slice(0, 255),
				occurredAt: item.occurredAt ?? now,
				data: item.data,
				raw: item.raw,
				match: { ...(item.accountId !== undefined ? { accountId: item.accountId } : {}) },
			};
		}
	}
}

/**
 * Edits, revokes and poll votes are rare (a row each). A message history does not hold (sent before the session was linked)
 * is left alone: the event still goes out.
 */
function amendedBody(stored: Record<string, unknown>, amendment: HistoryAmendment): Record<string, unknown> {
	if (amendment.change === 'revoked') return { ...stored, revoked: { at: amendment.at } };
	if (amendment.change === 'voted') {
		// Each voter's latest choice (WhatsApp replaces a vote; an empty list is a vote withdrawn).
		const votes = { ...((stored.pollVotes as Record<string, unknown> | undefined) ?? {}) };
		if (amendment.options.length > 0) votes[amendment.voter] = { options: amendment.options, at: amendment.at };
		else delete votes[amendment.voter];
		return { ...stored, pollVotes: votes };
	}
	const body: Record<string, unknown> = { ...stored, edited: { at: amendment.at, previousBody: amendment.previousBody } };
	const text = stored.text as { body?: unknown } | undefined;
	const media = stored.media as { caption?: unknown } | undefined;
	if (text && typeof text === 'object') body.text = { ...text, body: amendment.body };
	else if (media && typeof media === 'object') body.media = { ...media, caption: amendment.body };
	return body;
}

/**
 * Values must fit their columns before they are written: MySQL's INSERT IGNORE (how duplicates are skipped) would
 * otherwise truncate them silently, and SQLite does not check lengths at all. A caller passing such an item gets
 * an error (its group-commit unit fails alone).
 */
function checkColumnLimits(item: InboundItem): void {
	const limits: Array<[string, string | undefined, number]> =
		item.kind === 'message'
			? [
					['message.id', item.message.id, 255],
					['message.type', item.message.type, 32],
					['message.account.id', item.message.account.id, 128],
					['message.chatId', item.message.chatId, 128],
				]
			: item.kind === 'status'
				? [
						['status.messageId', item.status.messageId, 255],
						['status.status', item.status.status, 16],
					]
				: [['dedupeKey', item.dedupeKey, 128]];
	for (const [field, value, max] of limits) {
		if (value !== undefined && (typeof value !== 'string' || value.length === 0 || value.length > max)) throw new Error(`Inbound ${item.kind}: ${field} must be a string of 1 to ${max} characters`);
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

function lowerStatuses(status: DeliveryStatus): string[] {
	const rank = STATUS_RANK[status];
	return ['accepted', 'received', ...Object.entries(STATUS_RANK).filter(([, r]) => r < rank).map(([name]) => name)];
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
