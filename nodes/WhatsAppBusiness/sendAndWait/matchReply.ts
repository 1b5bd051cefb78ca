import type { IDataObject } from 'n8n-workflow';
import type { NormalizedMessage } from '../../shared/events/envelope';
import { choiceId, type ReplySpec } from './replySpec';

export interface ReplyOutcome extends IDataObject {
	/** False when the user answered something that is none of the offered choices (or tapped an older prompt). */
	matched: boolean;
	data: IDataObject;
}

/** Case, spacing, punctuation and emoji do not matter when a typed answer is compared with a label. */
function normalize(text: string): string {
	return text
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function tappedId(message: NormalizedMessage): string | undefined {
	if (message.type === 'interactive' && message.interactive?.id) return message.interactive.id;
	if (message.type === 'button' && message.button?.payload) return message.button.payload;
	return undefined;
}

function typedText(message: NormalizedMessage): string | undefined {
	if (message.type === 'text') return message.text?.body;
	if (message.type === 'button') return message.button?.text;
	if (message.type === 'interactive') return message.interactive?.title;
	return undefined;
}

/** Which offered choice a typed answer names: its label, or its position ("1", "2"…). */
function choiceFromText(spec: ReplySpec, text: string): number {
	const answer = normalize(text);
	if (!answer) return -1;
	const byLabel = spec.choices.findIndex(([, label]) => normalize(label) === answer);
	if (byLabel >= 0) return byLabel;
	if (/^\d+$/.test(answer)) {
		const position = Number(answer) - 1;
		if (position >= 0 && position < spec.choices.length) return position;
	}
	return -1;
}

/**
 * Reads the user's reply against what was offered. A tapped button or row is matched by its id (which carries
 * this prompt's nonce); a typed answer by label or number. Free text takes any text.
 */
export function matchReply(spec: ReplySpec, message: NormalizedMessage): ReplyOutcome {
	const text = typedText(message);
	if (spec.kind === 'freeText') return { matched: text !== undefined, data: { text: text ?? null } };

	let index = -1;
	const id = tappedId(message);
	if (id !== undefined) {
		index = spec.choices.findIndex(([suffix]) => choiceId(spec.nonce, suffix) === id);
	} else if (text !== undefined) {
		index = choiceFromText(spec, text);
	}
	if (index < 0) return { matched: false, data: { text: text ?? null } };

	const [suffix, label] = spec.choices[index];
	if (spec.kind === 'approval') return { matched: true, data: { approved: suffix === 'approve', answer: label } };
	return { matched: true, data: { choice: { index, label } } };
}
