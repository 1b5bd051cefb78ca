import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

const ulid = monotonicFactory();

/**
 * Ids are a readable type prefix plus a ULID: sortable by creation time (the outbox and event ids rely on
 * that) and unguessable enough that ids alone grant nothing.
 */
export function newId(prefix: 'ten' | 'usr' | 'key' | 'app' | 'num' | 'con' | 'cnv' | 'msg' | 'evt' | 'sub' | 'wss' | 'unr' | 'dlq' | 'med' | 'tpl' | 'rwt'): string {
	return `${prefix}_${ulid().toLowerCase()}`;
}

/** URL-safe random secret of the given byte length. */
export function randomSecret(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}
