import { CompiledQuery, sql, type Kysely, type RootOperationNode } from 'kysely';
import { systemScope } from '../../../service/src/auth/tenantScope';
import { createLogger } from '../../../service/src/logging/logger';
import { HistoryIndexer } from '../../../service/src/messages/historyIndexer';
import { HistoryRepository } from '../../../service/src/messages/historyRepository';
import { openStorage } from '../../../service/src/storage/database';
import { migrateToLatest, migrateUpTo } from '../../../service/src/storage/migrations';
import type { Database } from '../../../service/src/storage/schema';
import { createTestDatabase, migratedStorage, testDialects } from '../../support/databases';

const NOW = '2026-11-29T00:00:00.000Z';
const at = (second: number) => new Date(Date.UTC(2026, 10, 29, 0, 0, second)).toISOString();
const logger = createLogger({ level: 'silent' });

async function tenantWithConversations(db: Kysely<Database>, tenantId: string, conversations: string[]): Promise<void> {
	await db.insertInto('tenants').values({ id: tenantId, name: tenantId, slug: tenantId, status: 'active', default_mode: null, created_at: NOW, updated_at: NOW }).execute();
	for (const id of conversations) {
		await db.insertInto('conversations').values({ id, tenant_id: tenantId, channel: 'cloud', sender: '111', peer: id, contact_id: null, last_message_at: null, last_inbound_at: null, created_at: NOW, updated_at: NOW }).execute();
	}
}

/** Stores messages as the ledger would (only the columns a history read looks at matter here). */
async function store(db: Kysely<Database>, tenantId: string, messages: Array<{ id: string; conversation: string; second: number }>): Promise<void> {
	await db
		.insertInto('messages')
		.values(messages.map(({ id, conversation, second }) => ({ id, tenant_id: tenantId, conversation_id: conversation, channel: 'cloud', direction: 'inbound', provider_id: `wamid.${id}`, type: 'text', body_json: JSON.stringify({ type: 'text', text: { body: id } }), raw_json: null, status: 'received', status_at: null, error_json: null, occurred_at: at(second), idempotency_key: null, created_at: NOW, updated_at: NOW })))
		.execute();
}

/** What the history must list: the messages table itself, sorted as the API sorts. */
async function truth(db: Kysely<Database>, conversation: string, order: 'asc' | 'desc'): Promise<string[]> {
	const rows = await db.selectFrom('messages').select('id').where('conversation_id', '=', conversation).orderBy('occurred_at', order).orderBy('id', order).execute();
	return rows.map((row) => row.id);
}

/** Every page of a conversation, following nextCursor. */
async function allPages(history: HistoryRepository, tenantId: string, conversation: string, order: 'asc' | 'desc', limit: number): Promise<string[]> {
	const ids: string[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 100; page++) {
		const result = await history.messages(systemScope(tenantId, 'test'), conversation, { limit, cursor, order });
		if (!result) throw new Error('conversation not found');
		ids.push(...result.data.map((message) => message.id));
		if (!result.nextCursor) return ids;
		cursor = result.nextCursor;
	}
	throw new Error('too many pages');
}

const id = (n: number) => `msg_01m8${String(n).padStart(22, '0')}`;

describe.each(testDialects())('conversation history on %s, whether or not its index has caught up', (dialect) => {
	const db = migratedStorage(dialect);
	const indexer = () => new HistoryIndexer({ db: db.storage.db, logger });
	const pending = async () => (dialect === 'sqlite' ? (await db.storage.db.selectFrom('message_history_pending').select('message_id').execute()).length : 0);

	test('every message is listed at once, in time order across pages both ways, before and after indexing', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_pages', ['cnv_p1', 'cnv_p2']);
		const history = new HistoryRepository(kysely, dialect);
		// Seconds repeat (ties break by id) and the later batch holds older messages, as late webhooks do.
		await store(kysely, 'ten_pages', Array.from({ length: 20 }, (_, n) => ({ id: id(n), conversation: n % 4 === 3 ? 'cnv_p2' : 'cnv_p1', second: 10 + Math.floor(n / 2) })));
		if (dialect === 'sqlite') {
			expect(await pending()).toBe(20);
			expect(await indexer().indexPending()).toBe(20);
			expect(await pending()).toBe(0);
		}
		await store(kysely, 'ten_pages', Array.from({ length: 20 }, (_, n) => ({ id: id(100 + n), conversation: n % 5 === 4 ? 'cnv_p2' : 'cnv_p1', second: 5 + n })));
		expect(await pending()).toBe(dialect === 'sqlite' ? 20 : 0);
		for (const order of ['asc', 'desc'] as const) {
			const expected = await truth(kysely, 'cnv_p1', order);
			expect(expected).toHaveLength(31);
			for (const limit of [1, 7, 50]) expect(await allPages(history, 'ten_pages', 'cnv_p1', order, limit)).toEqual(expected);
			expect(await allPages(history, 'ten_pages', 'cnv_p2', order, 3)).toEqual(await truth(kysely, 'cnv_p2', order));
		}
		if (dialect === 'sqlite') expect(await indexer().indexPending()).toBe(20);
		for (const order of ['asc', 'desc'] as const) expect(await allPages(history, 'ten_pages', 'cnv_p1', order, 7)).toEqual(await truth(kysely, 'cnv_p1', order));
	});

	test('a message moved to another conversation or time, or deleted, is listed where it is now, indexed or pending', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_moves', ['cnv_m1', 'cnv_m2']);
		const history = new HistoryRepository(kysely, dialect);
		await store(kysely, 'ten_moves', Array.from({ length: 10 }, (_, n) => ({ id: id(200 + n), conversation: 'cnv_m1', second: n })));
		if (dialect === 'sqlite') await indexer().indexPending();
		await store(kysely, 'ten_moves', Array.from({ length: 10 }, (_, n) => ({ id: id(300 + n), conversation: 'cnv_m1', second: 20 + n })));
		// One indexed and one pending message of each kind of change.
		await kysely.updateTable('messages').set({ conversation_id: 'cnv_m2' }).where('id', 'in', [id(201), id(301)]).execute();
		await kysely.updateTable('messages').set({ occurred_at: at(50) }).where('id', 'in', [id(202), id(302)]).execute();
		await kysely.updateTable('messages').set({ status: 'read' }).where('id', 'in', [id(203), id(303)]).execute();
		await kysely.deleteFrom('messages').where('id', 'in', [id(204), id(304)]).execute();
		const check = async () => {
			for (const conversation of ['cnv_m1', 'cnv_m2']) for (const order of ['asc', 'desc'] as const) expect(await allPages(history, 'ten_moves', conversation, order, 4)).toEqual(await truth(kysely, conversation, order));
		};
		await check();
		expect(await truth(kysely, 'cnv_m2', 'asc')).toEqual([id(201), id(301)]);
		if (dialect === 'sqlite') {
			await indexer().indexPending();
			await check();
			const indexed = await kysely.selectFrom('message_history_index').selectAll().where('conversation_id', 'in', ['cnv_m1', 'cnv_m2']).orderBy('message_id').execute();
			const stored = await kysely.selectFrom('messages').select(['conversation_id', 'occurred_at', 'id as message_id']).where('tenant_id', '=', 'ten_moves').orderBy('id').execute();
			expect(indexed).toEqual(stored);
		}
	});

	test('removing a tenant removes its history entries with its messages', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_gone', ['cnv_g1']);
		await store(kysely, 'ten_gone', [{ id: id(400), conversation: 'cnv_g1', second: 1 }]);
		if (dialect === 'sqlite') await indexer().indexPending();
		await store(kysely, 'ten_gone', [{ id: id(401), conversation: 'cnv_g1', second: 2 }]);
		await kysely.deleteFrom('tenants').where('id', '=', 'ten_gone').execute();
		expect(await kysely.selectFrom('messages').select('id').where('tenant_id', '=', 'ten_gone').execute()).toEqual([]);
		if (dialect === 'sqlite') {
			expect(await kysely.selectFrom('message_history_index').select('message_id').where('conversation_id', '=', 'cnv_g1').execute()).toEqual([]);
			expect(await kysely.selectFrom('message_history_pending').select('message_id').where('conversation_id', '=', 'cnv_g1').execute()).toEqual([]);
		}
	});
});

describe('the SQLite history index', () => {
	const db = migratedStorage('sqlite');

	test('a history read probes keys: no scan of messages, and the index read in order', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_plan', ['cnv_plan']);
		await store(kysely, 'ten_plan', Array.from({ length: 50 }, (_, n) => ({ id: id(500 + n), conversation: 'cnv_plan', second: n })));
		const captured: RootOperationNode[] = [];
		const spying = kysely.withPlugin({ transformQuery: ({ node }) => (captured.push(node), node), transformResult: async ({ result }) => result });
		await new HistoryRepository(spying, 'sqlite').messages(systemScope('ten_plan', 'test'), 'cnv_plan', { limit: 10, order: 'desc' });
		const read = captured.map((node) => kysely.getExecutor().compileQuery(node, { queryId: 'plan' } as never)).find((query) => query.sql.includes('message_history_index'));
		expect(read).toBeDefined();
		const plan = await kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${read?.sql}`, [...(read?.parameters ?? [])]));
		const details = plan.rows.map((row) => row.detail);
		expect(details.some((detail) => /^SCAN messages\b/.test(detail))).toBe(false);
		expect(details.some((detail) => /SEARCH message_history_index USING PRIMARY KEY/.test(detail))).toBe(true);
		expect(details.some((detail) => /^SEARCH messages USING (INDEX \w+|PRIMARY KEY) \((tenant_id=\? AND )?id=\?\)/.test(detail))).toBe(true);
	});

	test('the indexer, once started, empties pending by itself', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_worker', ['cnv_w']);
		const worker = new HistoryIndexer({ db: kysely, logger, intervalMs: 20 });
		await worker.start();
		try {
			await store(kysely, 'ten_worker', Array.from({ length: 30 }, (_, n) => ({ id: id(600 + n), conversation: 'cnv_w', second: n })));
			const deadline = Date.now() + 5000;
			while ((await kysely.selectFrom('message_history_pending').select('message_id').execute()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
			expect(await kysely.selectFrom('message_history_pending').select('message_id').execute()).toEqual([]);
			expect((await kysely.selectFrom('message_history_index').select('message_id').where('conversation_id', '=', 'cnv_w').execute()).length).toBe(30);
		} finally {
			await worker.stop();
		}
	});
});

test('upgrading SQLite moves the existing history into the new index and drops the old one', async () => {
	const database = await createTestDatabase('sqlite');
	const storage = openStorage(database.settings);
	try {
		await migrateUpTo(storage.db as never, 'sqlite', '0009_outbox_last_failed_at');
		await tenantWithConversations(storage.db, 'ten_old', ['cnv_o1', 'cnv_o2']);
		await store(storage.db, 'ten_old', Array.from({ length: 12 }, (_, n) => ({ id: id(700 + n), conversation: n % 2 ? 'cnv_o1' : 'cnv_o2', second: 12 - n })));
		await migrateToLatest(storage.db as never, 'sqlite');
		const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'messages'`.execute(storage.db);
		expect(indexes.rows.map((row) => row.name)).not.toContain('messages_conversation');
		expect(indexes.rows.map((row) => row.name)).toContain('messages_tenant_stored');
		expect((await storage.db.selectFrom('message_history_index').selectAll().execute()).length).toBe(12);
		expect(await storage.db.selectFrom('message_history_pending').selectAll().execute()).toEqual([]);
		expect(await allPages(new HistoryRepository(storage.db, 'sqlite'), 'ten_old', 'cnv_o1', 'asc', 4)).toEqual(await truth(storage.db, 'cnv_o1', 'asc'));
	} finally {
		await storage.close();
		await database.drop();
	}
});
