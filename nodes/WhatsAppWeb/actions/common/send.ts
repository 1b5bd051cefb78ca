import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { withFieldLabels } from '../../../shared/fieldLabels';
import { idempotencyKeyFor } from '../../../shared/idempotency';
import { sendMessage, type MessageContent, type OutboundMessage, type SentMessage } from '../../../shared/transport/api/messages';
import { chatIdOf, checkedMessageId, toUserId } from './chat';
import { SEND_FIELD_LABELS } from './fieldLabels';
import { optionalSessionNameOf } from './session';

const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description: 'Sends at most once per key within this node, across executions (e.g. an order ID). Empty: one key per execution, run and item, so a retried item is never sent twice.',
};

const quoteOption: INodeProperties = {
	displayName: 'Quote Message ID',
	name: 'replyTo',
	type: 'string',
	default: '',
	placeholder: 'false_12025550108@c.us_3EB0C767D26A1D8F4B',
	description: 'Show this earlier message above the new one, as a reply',
};

const mentionsOption: INodeProperties = {
	displayName: 'Mentions',
	name: 'mentions',
	type: 'string',
	default: '',
	placeholder: '+1 202 555 0108, 12025550109@c.us',
	description: 'Comma-separated phone numbers or user IDs to mention. Write @ and the number (e.g. @12025550108) in the text where each mention goes.',
};

/** Options of a sending operation; `withMentions` for texts and captions, `withQuote` unless the operation quotes anyway. */
export function sendOptionsField(what: { withMentions: boolean; withQuote: boolean; extra?: INodeProperties[] }): INodeProperties {
	const options = [...(what.extra ?? []), idempotencyKeyOption, ...(what.withMentions ? [mentionsOption] : []), ...(what.withQuote ? [quoteOption] : [])];
	return { displayName: 'Options', name: 'sendOptions', type: 'collection', placeholder: 'Add Option', default: {}, options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}

/** Mentions as user ids; a value that is neither a phone number nor a user id fails naming the option. */
function mentionsOf(context: IExecuteFunctions, itemIndex: number, raw: unknown): string[] {
	const values = String(raw ?? '')
		.split(',')
		.map((value) => value.trim())
		.filter(Boolean);
	return values.map((value) => {
		const userId = toUserId(value);
		if (!userId) throw new NodeOperationError(context.getNode(), `Mentions: "${value}" is not a phone number or a user ID (…@c.us)`, { itemIndex });
		return userId;
	});
}

export interface WebEnvelope {
	/** The chat id the message goes to. */
	to: string;
	/** A message to quote, already checked. */
	replyTo?: string;
}

/** The chat a send goes to, from the operation's Chat field. */
export function envelopeFromChatField(context: IExecuteFunctions, itemIndex: number): WebEnvelope {
	return { to: chatIdOf(context, itemIndex) };
}

/**
 * Sends through the chosen (or the default) session with an Idempotency-Key, so n8n's Retry On Fail and repeated
 * runs of the same item are answered from the first send instead of sending twice.
 */
export async function sendOnWeb(context: IExecuteFunctions, itemIndex: number, content: MessageContent, envelope: WebEnvelope): Promise<SentMessage> {
	const options = context.getNodeParameter('sendOptions', itemIndex, {}) as IDataObject;
	const session = optionalSessionNameOf(context, itemIndex);
	const quoted = String(options.replyTo ?? '').trim() ? checkedMessageId(context, itemIndex, options.replyTo, 'Quote Message ID').id : envelope.replyTo;
	const mentions = mentionsOf(context, itemIndex, options.mentions);
	const message: OutboundMessage & { channel: 'web'; from?: string } = {
		channel: 'web',
		...(session ? { from: session } : {}),
		to: envelope.to,
		...(quoted ? { replyTo: quoted } : {}),
		...(mentions.length > 0 ? { mentions } : {}),
		...content,
	};
	try {
		return await sendMessage(context, message, { idempotencyKey: idempotencyKeyFor(context, itemIndex, String(options.idempotencyKey ?? '').trim() || undefined), itemIndex });
	} catch (error) {
		throw withFieldLabels(error, SEND_FIELD_LABELS);
	}
}
