import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const CHAT_ID = /^[0-9A-Za-z.:_-]{1,64}@(c\.us|g\.us|lid|broadcast|newsletter)$/;
const PHONE = /^\+?[0-9][0-9 ().-]{4,30}$/;
const MESSAGE_ID = /^(true|false)_([^_\s]+@[a-z.]+)_[0-9A-Za-z]+(_[^_\s]+@[a-z.]+)?$/;

export const chatField: INodeProperties = {
	displayName: 'Chat',
	name: 'chatId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+1 202 555 0108 or 120363025246125486@g.us',
	description: 'A phone number in international format, or a chat ID (…@c.us for a person, …@g.us for a group, …@newsletter for a channel you run), e.g. the trigger\'s "chatId"',
};

/** A phone number as its person chat (`<digits>@c.us`); chat ids as given; undefined for anything else. */
export function toChatId(value: string): string | undefined {
	const trimmed = value.trim();
	if (CHAT_ID.test(trimmed)) return trimmed;
	if (!PHONE.test(trimmed)) return undefined;
	const digits = trimmed.replace(/\D/g, '');
	return digits.length >= 6 && digits.length <= 20 ? `${digits}@c.us` : undefined;
}

/** A phone number or a user id as the user id (`…@c.us`, `…@lid`); undefined for groups and anything else. */
export function toUserId(value: string): string | undefined {
	const chatId = toChatId(value);
	return chatId && /@(c\.us|lid)$/.test(chatId) ? chatId : undefined;
}

/** Reads a chat field, failing with the field's name when it is neither a phone number nor a chat id. */
export function chatIdOf(context: IExecuteFunctions, itemIndex: number, parameter = 'chatId', label = 'Chat'): string {
	const raw = String(context.getNodeParameter(parameter, itemIndex, '') ?? '');
	const chatId = toChatId(raw);
	if (!chatId) {
		throw new NodeOperationError(context.getNode(), `${label}: "${raw.trim()}" is not a phone number or a chat ID`, {
			itemIndex,
			description: 'Give a phone number in international format (+1 202 555 0108) or a chat ID like 12025550108@c.us or 120363025246125486@g.us.',
		});
	}
	return chatId;
}

/** A WhatsApp Web message id (`true|false_<chat>_<id>[_<participant>]`) and the chat it belongs to. */
export function parseWebMessageId(value: string): { id: string; chatId: string } | undefined {
	const trimmed = value.trim();
	const match = MESSAGE_ID.exec(trimmed);
	return match ? { id: trimmed, chatId: match[2] } : undefined;
}

export function messageIdField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'false_12025550108@c.us_3EB0C767D26A1D8F4B',
		description: 'The WhatsApp Web ID of the message, e.g. the message ID from the WhatsApp Web Trigger',
		...overrides,
	} as INodeProperties;
}

/** Checks a message id, failing with the field's name when it is not a WhatsApp Web message id. */
export function checkedMessageId(context: IExecuteFunctions, itemIndex: number, raw: unknown, label: string): { id: string; chatId: string } {
	const parsed = parseWebMessageId(String(raw ?? ''));
	if (!parsed) {
		throw new NodeOperationError(context.getNode(), `${label}: "${String(raw ?? '').trim()}" is not a WhatsApp Web message ID`, {
			itemIndex,
			description: 'WhatsApp Web message IDs look like false_12025550108@c.us_3EB0C767D26A1D8F4B (the "id" the WhatsApp Web Trigger outputs). A WhatsApp Business (Cloud API) wamid does not work here.',
		});
	}
	return parsed;
}

export function messageIdOf(context: IExecuteFunctions, itemIndex: number, parameter = 'messageId', label = 'Message ID'): { id: string; chatId: string } {
	return checkedMessageId(context, itemIndex, context.getNodeParameter(parameter, itemIndex, ''), label);
}
