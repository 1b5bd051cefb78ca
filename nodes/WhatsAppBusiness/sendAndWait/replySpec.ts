import { randomBytes } from 'crypto';

/**
 * What the prompt offered, carried inside n8n's signed resume URL so the resumed node can interpret the reply
 * without re-evaluating parameters (they may depend on item data that is gone by then). n8n signs the URL, so
 * the spec cannot be altered by whoever holds it.
 */
export interface ReplySpec {
	/** Random per prompt: it prefixes button and row ids, so a tap on an older prompt's button is not an answer here. */
	nonce: string;
	kind: 'approval' | 'choice' | 'freeText';
	/** Offered answers in order: [id suffix, label]. Approval uses "approve" and "decline". */
	choices: Array<[string, string]>;
}

export const RESUME_PARAMETERS = { nonce: 'wait', spec: 'reply' } as const;

export function newNonce(): string {
	return randomBytes(9).toString('base64url');
}

export function encodeSpec(spec: ReplySpec): Record<string, string> {
	return { [RESUME_PARAMETERS.nonce]: spec.nonce, [RESUME_PARAMETERS.spec]: Buffer.from(JSON.stringify({ k: spec.kind, c: spec.choices }), 'utf8').toString('base64url') };
}

export function decodeSpec(query: Record<string, unknown>): ReplySpec | undefined {
	const nonce = query[RESUME_PARAMETERS.nonce];
	const encoded = query[RESUME_PARAMETERS.spec];
	if (typeof nonce !== 'string' || typeof encoded !== 'string') return undefined;
	try {
		const parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { k?: unknown; c?: unknown };
		if (parsed.k !== 'approval' && parsed.k !== 'choice' && parsed.k !== 'freeText') return undefined;
		const choices = Array.isArray(parsed.c) ? parsed.c.filter((entry): entry is [string, string] => Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === 'string')) : [];
		return { nonce, kind: parsed.k, choices };
	} catch {
		return undefined;
	}
}

/** The id a button or row carries: unique to this prompt. */
export const choiceId = (nonce: string, suffix: string) => `${nonce}:${suffix}`;
