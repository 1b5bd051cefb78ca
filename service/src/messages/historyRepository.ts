import type { Kysely } from 'kysely';
import type { TenantScope } from '../auth/tenantScope';
import type { ChannelKind } from '../channels/messages';
import { invalidField } from '../shared/errors';
import { firstIdAt } from '../shared/ids';
import type { Database } from '../storage/schema';
import type { StoredMessage } from './ledger';
import { toStoredMessage } from './storedMessage';

export interface Conversation {
	id: string;
	channel: ChannelKind;
	account: string;
	peer: string;
	contact: { name: string | null } | null;
	lastMessageAt: string | null;
	lastInboundAt: string | null;
	createdAt: string;
}

/** Keyset cursors (time, id): stable while new rows arrive, unlike offsets. Opaque to clients. */
export function encodeCursor(at: string, id: string): string {
	return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
	try {
		const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
		if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
	} catch {
		// fall through
	}
	throw invalidField('querystring.cursor', 'is not a cursor this API returned');
}

/** Read side of the history: conversations per tenant and contact, and their messages. */
export class HistoryRepository {
	constructor(private readonly db: Kysely<Database>) {}

	async conversations(scope: TenantScope, query: { channel?: ChannelKind; account?: string; peer?: string; limit: number; cursor?: string }): Promise<{ data: Conversation[]; nextCursor: string | null }> {
		let select = this.db
			.selectFrom('conversations')
			.leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
			.select(['conversations.id', 'conversations.channel', 'conversations.sender', 'conversations.peer', 'conversations.last_message_at', 'conversations.last_inbound_at', 'conversations.created_at', 'contacts.name as contact_name', 'contacts.id as contact_id'])
			.where('conversations.tenant_id', '=', scope.tenantId);
		if (query.channel) select = select.where('conversations.channel', '=', query.channel);
		if (query.account) select = select.where('conversations.sender', '=', query.account);
		if (query.peer) select = select.where('conversations.peer', '=', query.peer);
		if (query.cursor) {
			const [at, id] = decodeCursor(query.cursor);
			select = select.where((eb) => eb.or([eb('conversations.last_message_at', '<', at), eb.and([eb('conversations.last_message_at', '=', at), eb('conversations.id', '<', id)])]));
		}
		const rows = await select.orderBy('conversations.last_message_at', 'desc').orderBy('conversations.id', 'desc').limit(query.limit).execute();
		const data = rows.map((row) => ({
			id: row.id,
			channel: row.channel,
			account: row.sender,
			peer: row.peer,
			contact: row.contact_id ? { name: row.contact_name } : null,
			lastMessageAt: row.last_message_at,
			lastInboundAt: row.last_inbound_at,
			createdAt: row.created_at,
		}));
		const last = rows[rows.length - 1];
		return { data, nextCursor: rows.length === query.limit && last ? encodeCursor(last.last_message_at ?? '', last.id) : null };
	}

	async messages(scope: TenantScope, conversationId: string, query: { limit: number; cursor?: string; order: 'asc' | 'desc' }): Promise<{ data: StoredMessage[]; nextCursor: string | null } | undefined> {
		const conversation = await this.db.selectFrom('conversations').select(['id', 'sender', 'peer']).where('tenant_id', '=', scope.tenantId).where('id', '=', conversationId).executeTakeFirst();
		if (!conversation) return undefined;
		let select = this.db.selectFrom('messages').selectAll().where('tenant_id', '=', scope.tenantId).where('conversation_id', '=', conversationId);
		if (query.cursor) {
			const [at, id] = decodeCursor(query.cursor);
			const beyond = query.order === 'desc' ? '<' : '>';
			select = select.where((eb) => eb.or([eb('occurred_at', beyond, at), eb.and([eb('occurred_at', '=', at), eb('id', beyond, id)])]));
		}
		const rows = await select.orderBy('occurred_at', query.order).orderBy('id', query.order).limit(query.limit).execute();
		const last = rows[rows.length - 1];
		return {
			data: rows.map((row) => toStoredMessage({ ...row, sender: conversation.sender, peer: conversation.peer })),
			nextCursor: rows.length === query.limit && last ? encodeCursor(last.occurred_at, last.id) : null,
		};
	}

	/**
	 * Messages of every conversation in the order they were stored, from a point on: after one of our ids, or from a
	 * time. For catching up after downtime or polling: a reader passes the last id it processed as `after`. Only
	 * messages stored at least `settleMs` ago are listed, so one still being committed (its id was made a moment
	 * before a later one that committed first) is never skipped by a reader that moved past it.
	 */
	async stored(
		scope: TenantScope,
		query: { after?: string; since?: string; channel?: ChannelKind; account?: string; direction?: 'inbound' | 'outbound'; type?: string; limit: number; settleMs: number },
	): Promise<{ data: StoredMessage[]; nextCursor: string | null }> {
		if (query.after !== undefined && query.since !== undefined) throw invalidField('querystring.since', 'cannot be combined with after (after already says where to start)');
		let select = this.db
			.selectFrom('messages')
			.innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
			.selectAll('messages')
			.select(['conversations.sender', 'conversations.peer'])
			.where('messages.tenant_id', '=', scope.tenantId)
			.where('messages.id', '<', firstIdAt('msg', Date.now() - query.settleMs));
		if (query.after !== undefined) select = select.where('messages.id', '>', query.after);
		if (query.since !== undefined) select = select.where('messages.id', '>=', firstIdAt('msg', Date.parse(query.since)));
		if (query.channel) select = select.where('messages.channel', '=', query.channel);
		if (query.account) select = select.where('conversations.sender', '=', query.account);
		if (query.direction) select = select.where('messages.direction', '=', query.direction);
		if (query.type) select = select.where('messages.type', '=', query.type);
		const rows = await select.orderBy('messages.id', 'asc').limit(query.limit).execute();
		const last = rows[rows.length - 1];
		return { data: rows.map(toStoredMessage), nextCursor: rows.length === query.limit && last ? last.id : null };
	}

	/** By our id (msg_…) or the provider's id (wamid / serialized Web id). */
	async message(scope: TenantScope, id: string): Promise<(StoredMessage & { raw: unknown }) | undefined> {
		let select = this.db
			.selectFrom('messages')
			.innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
			.selectAll('messages')
			.select(['conversations.sender', 'conversations.peer'])
			.where('messages.tenant_id', '=', scope.tenantId);
		select = /^msg_[0-9a-z]{26}$/.test(id) ? select.where('messages.id', '=', id) : select.where('messages.channel', 'in', ['cloud', 'web']).where('messages.provider_id', '=', id);
		const row = await select.executeTakeFirst();
		return row && { ...toStoredMessage(row), raw: row.raw_json ? (JSON.parse(row.raw_json) as unknown) : null };
	}
}
