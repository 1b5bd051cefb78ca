import { graphErrors } from '../graph/errors';
import {
	childPath,
	invalid,
	isObject,
	type JsonObject,
	optionalEnum,
	optionalObject,
	optionalString,
	requireObject,
	requireString,
} from './fields';
import { validateInteractive } from './interactive';
import { type MediaReference, validateMediaObject } from './media';
import { validateContacts, validateLocation, validateReaction, validateStatusUpdate, validateText } from './simpleTypes';
import { type TemplateSend, validateTemplateMessage } from './templateMessage';

/**
 * Turns the body of `POST /{phone-number-id}/messages` into either a message to send or a status update
 * (mark as read / typing indicator), or throws the Graph error Meta would answer.
 */
export const MESSAGE_TYPES = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template', 'reaction'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface OutboundMessage {
	/** `to` as sent, echoed back in `contacts[].input`. */
	input: string;
	/** The recipient's WhatsApp id: digits only for individuals, the group id for groups. */
	recipient: string;
	recipientType: 'individual' | 'group';
	type: MessageType;
	contextMessageId?: string;
	bizOpaqueCallbackData?: string;
	media: MediaReference[];
	template?: TemplateSend;
	reactionTo?: string;
}

export type MessagesRequest = { kind: 'message'; message: OutboundMessage } | { kind: 'status'; messageId: string; typing: boolean };

export function parseMessagesRequest(body: unknown): MessagesRequest {
	if (!isObject(body)) throw graphErrors.invalidParameter('The request body must be a JSON object.');
	const product = requireString(body, 'messaging_product', '');
	if (product.toLowerCase() !== 'whatsapp') throw invalid.oneOf('messaging_product', ['whatsapp'], product);
	if (body.status !== undefined) return { kind: 'status', ...validateStatusUpdate(body) };
	return { kind: 'message', message: parseMessage(body) };
}

function parseMessage(body: JsonObject): OutboundMessage {
	const recipientType = optionalEnum(body, 'recipient_type', '', ['individual', 'group'] as const) ?? 'individual';
	const input = requireString(body, 'to', '');
	const recipient = recipientType === 'group' ? input : normalizePhone(input);
	const type = resolveType(body);
	const message: OutboundMessage = { input, recipient, recipientType, type, media: [] };

	const context = optionalObject(body, 'context', '');
	if (context) message.contextMessageId = requireString(context, 'message_id', 'context');
	message.bizOpaqueCallbackData = optionalString(body, 'biz_opaque_callback_data', '', { max: 512 });

	switch (type) {
		case 'text':
			validateText(requireObject(body, 'text', ''), 'text');
			break;
		case 'image':
		case 'video':
			message.media.push(validateMediaObject(requireObject(body, type, ''), type, type, { caption: true }));
			break;
		case 'document':
			message.media.push(validateMediaObject(requireObject(body, type, ''), type, type, { caption: true, filename: true }));
			break;
		case 'audio':
		case 'sticker':
			message.media.push(validateMediaObject(requireObject(body, type, ''), type, type));
			break;
		case 'location':
			validateLocation(requireObject(body, 'location', ''), 'location');
			break;
		case 'contacts':
			if (body.contacts === undefined || body.contacts === null) throw invalid.required('contacts');
			validateContacts(body.contacts, 'contacts');
			break;
		case 'interactive':
			message.media.push(...validateInteractive(requireObject(body, 'interactive', ''), 'interactive'));
			break;
		case 'template':
			message.template = validateTemplateMessage(requireObject(body, 'template', ''), 'template');
			message.media.push(...message.template.media);
			break;
		case 'reaction':
			message.reactionTo = validateReaction(requireObject(body, 'reaction', ''), 'reaction');
			break;
	}
	return message;
}

/**
 * Meta defaults a missing `type` to `text`. Its own "preview URL" and "reply to list" examples omit `type`,
 * so when exactly one message object is present we take its type instead.
 */
function resolveType(body: JsonObject): MessageType {
	if (body.type === undefined || body.type === null) {
		const present = MESSAGE_TYPES.filter((type) => body[type] !== undefined);
		return present.length === 1 ? present[0]! : 'text';
	}
	const type = body.type;
	if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) throw invalid.oneOf('type', MESSAGE_TYPES, type);
	return type as MessageType;
}

/** `to` may carry `+`, `-`, spaces and parentheses; what remains must be a plausible international number. */
function normalizePhone(to: string): string {
	if (!/^[\d\s+\-().]+$/.test(to)) throw invalid.value(childPath('', 'to'), 'must be a phone number');
	const digits = to.replace(/\D/g, '');
	if (digits.length < 5 || digits.length > 20) throw invalid.value('to', 'must be a phone number');
	return digits;
}
