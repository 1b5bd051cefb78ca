import type { ChannelKind } from '../channels/messages';
import { affectedRows, chunks, insertRows, rowsIn } from '../events/sql';
import { newId } from '../shared/ids';
import type { Dialect, Executor } from '../storage/database';

const SEP = '\u0000';
export const conversationRowKey = (tenantId: string, channel: string, sender: string, peer: string) => [tenantId, channel, sender, peer].join(SEP);

/** A Map that forgets everything when full: a cache whose misses only cost a query. */
export class BoundedMap<K, V> extends Map<K, V> {
	constructor(private readonly limit: number) {
		super();
	}

	override set(key: K, value: V): this {
		if (this.size >= this.limit) this.clear();
		return super.set(key, value);
	}
}

export interface ConversationRef {
	id: string;
	sender: string;
	peer: string;
}

export interface ConversationWant {
	tenantId: string;
	channel: ChannelKind;
	sender: string;
	peer: string;
	/** Set on the row when this call creates it. */
	contactId: string | null;
}

/**
 * Finds or creates conversation rows for a batch, by their unique key (tenant, channel, sender, peer), in a few
 * statements whatever the batch size. Creation is "insert ignoring duplicates, then read again", so two writers
 * creating one conversation at the same moment (a send and an inbound message, or two replicas) both end up with
 * the same row instead of one of them failing on the unique key.
 */
export class ConversationRows {
	/**
	 * Rows this process has seen committed. A conversation is never deleted except with its tenant, so a remembered
	 * id stays right; it saves a look-up per batch once a conversation is known. Rows created in the current
	 * transaction are not remembered (a rollback would leave the cache pointing at nothing).
	 */
	private readonly known = new BoundedMap<string, ConversationRef>(50_000);

	constructor(private readonly dialect: Dialect) {}

	/** The row of every wanted conversation, keyed by conversationRowKey. */
	async upsert(tx: Executor, wanted: readonly ConversationWant[], now: string): Promise<Map<string, ConversationRef>> {
		const unique = new Map(wanted.map((w) => [conversationRowKey(w.tenantId, w.channel, w.sender, w.peer), w]));
		const found = new Map<string, ConversationRef>();
		const unknown: ConversationWant[] = [];
		for (const [key, want] of unique) {
			const known = this.known.get(key);
			if (known) found.set(key, known);
			else unknown.push(want);
		}
		const select = async (subset: readonly ConversationWant[], fresh: boolean) => {
			for (const part of chunks(subset)) {
				let query = tx
					.selectFrom('conversations')
					.select(['id', 'tenant_id', 'channel', 'sender', 'peer'])
					.where(rowsIn(this.dialect, ['tenant_id', 'channel', 'sender', 'peer'], part.map((c) => [c.tenantId, c.channel, c.sender, c.peer])));
				// After the insert, MySQL must read the latest committed rows, not the transaction's snapshot: a row another
				// writer committed meanwhile (the one our insert ignored) is invisible to a plain read under REPEATABLE READ.
				if (fresh && this.dialect === 'mysql') query = query.forUpdate();
				for (const row of await query.execute()) {
					const key = conversationRowKey(row.tenant_id, row.channel, row.sender, row.peer);
					if (!unique.has(key)) continue;
					const ref = { id: row.id, sender: row.sender, peer: row.peer };
					found.set(key, ref);
					// Rows found before this transaction wrote anything were committed by someone: safe to remember.
					if (!fresh) this.known.set(key, ref);
				}
			}
		};
		if (unknown.length > 0) await select(unknown, false);
		const missing = unknown.filter((c) => !found.has(conversationRowKey(c.tenantId, c.channel, c.sender, c.peer)));
		for (const part of chunks(missing)) {
			const rows = part.map((c) => ({ id: newId('cnv'), tenant_id: c.tenantId, channel: c.channel, sender: c.sender, peer: c.peer, contact_id: c.contactId, last_message_at: null, last_inbound_at: null, created_at: now, updated_at: now }));
			const inserted = affectedRows(await tx.executeQuery(insertRows(this.dialect, 'conversations', rows, { ignoreDuplicates: true })));
			// Every row went in: they are ours, ids included. Otherwise another writer created some first: read them.
			if (inserted === rows.length) for (const row of rows) found.set(conversationRowKey(row.tenant_id, row.channel, row.sender, row.peer), { id: row.id, sender: row.sender, peer: row.peer });
			else await select(part, true);
		}
		for (const [key, c] of unique) {
			if (found.has(key)) continue;
			// The database's comparison and ours differ (MySQL ignores trailing spaces): the row the unique key matched is the one.
			let query = tx.selectFrom('conversations').select(['id', 'sender', 'peer']).where('tenant_id', '=', c.tenantId).where('channel', '=', c.channel).where('sender', '=', c.sender).where('peer', '=', c.peer);
			if (this.dialect === 'mysql') query = query.forUpdate();
			const row = await query.executeTakeFirst();
			if (!row) throw new Error('conversation row vanished while writing a batch');
			found.set(key, { id: row.id, sender: row.sender, peer: row.peer });
		}
		return found;
	}
}
