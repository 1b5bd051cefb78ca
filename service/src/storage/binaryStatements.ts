import type { Pool, PoolConnection } from 'mysql2';

/**
 * The bulk INSERTs of the hot write paths go to MySQL as prepared statements (the binary protocol) instead of text.
 * As text, every value is escaped into the statement by the client and lexed back out by the server: with the JSON
 * columns of a webhook batch that was 29% of MariaDB's CPU (parsing, unescaping, naming each literal). Bound as binary
 * parameters, the statement is parsed once per connection and shape, and MariaDB's CPU per ingested webhook fell by
 * about a fifth (see service/src/bench).
 *
 * Only texts registered here take that path: a statement shape seen once (an admin query) would cost a PREPARE
 * round trip and a server-side statement for nothing. Registered texts are INSERT shapes built from schema names
 * (insertRows), a few per table and batch size.
 */
const texts = new Set<string>();
const MAX_TEXTS = 5000;

/** Each connection keeps at most this many prepared statements (least recently used closed first). */
export const PREPARED_PER_CONNECTION = 128;

export function sendAsPrepared(text: string): void {
	if (texts.size >= MAX_TEXTS) texts.clear();
	texts.add(text);
}

export function isSentAsPrepared(text: string): boolean {
	return texts.has(text);
}

type Send = (text: unknown, ...rest: unknown[]) => unknown;

/**
 * Kysely's MySQL driver only calls `query`; each connection of the pool sends registered texts with `execute`
 * instead. Results have the same shape either way (rows, or affected rows and insert id).
 */
export function preparedInsertsOn(pool: Pool): Pool {
	pool.on('connection', (connection: PoolConnection) => {
		const raw = connection as unknown as { query: Send; execute: Send };
		const query = raw.query.bind(raw);
		raw.query = (text, ...rest) => (typeof text === 'string' && texts.has(text) ? raw.execute(text, ...rest) : query(text, ...rest));
	});
	return pool;
}
