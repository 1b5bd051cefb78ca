import type { Kysely } from 'kysely';
import { systemScope } from '../../../service/src/auth/tenantScope';
import { HistoryRepository } from '../../../service/src/messages/historyRepository';
import type { Database } from '../../../service/src/storage/schema';
import { migratedStorage, testDialects } from '../../support/databases';

const NOW = '2026-11-29T00:00:00.000Z';
const at = (second: number) => new Date(Date.UTC(2026, 10, 29, 0, 0, second)).toISOString();

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

describe.each(testDialects())('conversation history on %s', (dialect) => {
	const db = migratedStorage(dialect);

	test('every message is listed in time order across pages both ways, late messages and equal times included', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_pages', ['cnv_p1', 'cnv_p2']);
		const history = new HistoryRepository(kysely);
		// Seconds repeat (ties break by id) and the later batch holds older messages, as late webhooks do.
		await store(kysely, 'ten_pages', Array.from({ length: 20 }, (_, n) => ({ id: id(n), conversation: n % 4 === 3 ? 'cnv_p2' : 'cnv_p1', second: 10 + Math.floor(n / 2) })));
		await store(kysely, 'ten_pages', Array.from({ length: 20 }, (_, n) => ({ id: id(100 + n), conversation: n % 5 === 4 ? 'cnv_p2' : 'cnv_p1', second: 5 + n })));
		for (const order of ['asc', 'desc'] as const) {
			const expected = await truth(kysely, 'cnv_p1', order);
			expect(expected).toHaveLength(31);
			for (const limit of [1, 7, 50]) expect(await allPages(history, 'ten_pages', 'cnv_p1', order, limit)).toEqual(expected);
			expect(await allPages(history, 'ten_pages', 'cnv_p2', order, 3)).toEqual(await truth(kysely, 'cnv_p2', order));
		}
	});

	test('a message moved to another conversation or time, or deleted, is listed where it is now', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_moves', ['cnv_m1', 'cnv_m2']);
		const history = new HistoryRepository(kysely);
		await store(kysely, 'ten_moves', Array.from({ length: 10 }, (_, n) => ({ id: id(200 + n), conversation: 'cnv_m1', second: n })));
		await store(kysely, 'ten_moves', Array.from({ length: 10 }, (_, n) => ({ id: id(300 + n), conversation: 'cnv_m1', second: 20 + n })));
		// Two messages of each kind of change, one from each batch.
		await kysely.updateTable('messages').set({ conversation_id: 'cnv_m2' }).where('id', 'in', [id(201), id(301)]).execute();
		await kysely.updateTable('messages').set({ occurred_at: at(50) }).where('id', 'in', [id(202), id(302)]).execute();
		await kysely.updateTable('messages').set({ status: 'read' }).where('id', 'in', [id(203), id(303)]).execute();
		await kysely.deleteFrom('messages').where('id', 'in', [id(204), id(304)]).execute();
		const check = async () => {
			for (const conversation of ['cnv_m1', 'cnv_m2']) for (const order of ['asc', 'desc'] as const) expect(await allPages(history, 'ten_moves', conversation, order, 4)).toEqual(await truth(kysely, conversation, order));
		};
		await check();
		expect(await truth(kysely, 'cnv_m2', 'asc')).toEqual([id(201), id(301)]);
	});

	test('removing a tenant removes its conversations and messages', async () => {
		const { db: kysely } = db.storage;
		await tenantWithConversations(kysely, 'ten_gone', ['cnv_g1']);
		await store(kysely, 'ten_gone', [{ id: id(400), conversation: 'cnv_g1', second: 1 }]);
		await store(kysely, 'ten_gone', [{ id: id(401), conversation: 'cnv_g1', second: 2 }]);
		await kysely.deleteFrom('tenants').where('id', '=', 'ten_gone').execute();
		expect(await kysely.selectFrom('messages').select('id').where('tenant_id', '=', 'ten_gone').execute()).toEqual([]);
		expect(await kysely.selectFrom('conversations').select('id').where('tenant_id', '=', 'ten_gone').execute()).toEqual([]);
	});
});
