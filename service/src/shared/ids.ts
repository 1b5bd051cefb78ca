import { randomBytes, randomFillSync } from 'node:crypto';
import { encodeTime, monotonicFactory } from 'ulidx';

/**
 * Cryptographic random bytes drawn 4 KB at a time: ulidx's default asks the system for one byte per character
 * (16 calls per id), which was 3% of a busy process. Same source, one call per 256 ids.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;
function pooledRandom(): number {
	if (offset >= pool.length) {
		randomFillSync(pool);
		offset = 0;
	}
	return (pool[offset++] as number) / 256;
}

const ulid = monotonicFactory(pooledRandom);

/**
 * Ids are a readable type prefix plus a ULID: sortable by creation time (the outbox and event ids rely on
 * that) and unguessable enough that ids alone grant nothing.
 */
export function newId(prefix: 'ten' | 'usr' | 'key' | 'app' | 'num' | 'con' | 'cnv' | 'msg' | 'evt' | 'sub' | 'wss' | 'unr' | 'dlq' | 'med' | 'tpl' | 'rwt'): string {
	return `${prefix}_${ulid().toLowerCase()}`;
}

/**
 * The smallest id of this type made at `ms` (epoch milliseconds): ids sort by creation time, so `id >= bound` selects
 * what was created from then on.
 */
export function firstIdAt(prefix: 'msg' | 'evt', ms: number): string {
	return `${prefix}_${encodeTime(Math.max(0, Math.floor(ms)), 10).toLowerCase()}${'0'.repeat(16)}`;
}

/** URL-safe random secret of the given byte length. */
export function randomSecret(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}
