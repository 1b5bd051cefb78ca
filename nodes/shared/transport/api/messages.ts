import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

/** Where a message goes out: a channel and, optionally, the account (Cloud phone_number_id or Web session). */
export interface SenderSelection {
	channel?: 'cloud' | 'web' | 'default';
	/** Omitted: the tenant's default (or only) account on that channel. */
	from?: string;
}

export interface MediaSource extends IDataObject {
	id?: string;
	link?: string;
	base64?: string;
	mimeType?: string;
	filename?: string;
	caption?: string;
	/** Audio as a voice note (WhatsApp Web). */
	voice?: boolean;
}

/** What a message says, by type: our shapes for text, media and location, Meta's for interactive, template, contacts. */
export interface MessageContent {
	type: string;
	text?: { body: string; previewUrl?: boolean };
	image?: MediaSource;
	video?: MediaSource;
	audio?: MediaSource;
	document?: MediaSource;
	sticker?: MediaSource;
	location?: IDataObject;
	contacts?: IDataObject[];
	interactive?: IDataObject;
	template?: { name: string; language: { code: string; policy?: string } | string; components?: IDataObject[] };
	reaction?: { messageId: string; emoji: string };
	/** WhatsApp Web only. */
	poll?: { name: string; options: string[]; allowMultipleAnswers?: boolean };
}

/** The service's POST /v1/messages body. */
export interface OutboundMessage extends MessageContent {
	to: string;
	/** Provider id of the message to quote. */
	replyTo?: string;
	/** WhatsApp Web: users mentioned in a text or caption (…@c.us ids or phone numbers). */
	mentions?: string[];
	bizOpaqueCallbackData?: string;
}

export interface SentMessage extends IDataObject {
	/** Our id (msg_…). */
	id: string;
	providerMessageId: string | null;
	channel: 'cloud' | 'web';
	from: string;
	to: string;
	type: string;
	status: string;
	conversationId: string;
	createdAt: string;
	/** True when the Idempotency-Key matched an earlier send: nothing went out again. */
	replayed: boolean;
}

export async function sendMessage(
	context: ServiceContext,
	message: OutboundMessage & SenderSelection,
	options: { idempotencyKey?: string; itemIndex?: number } = {},
): Promise<SentMessage> {
	return serviceRequest<SentMessage>(context, 'whatsAppTenantApi', {
		method: 'POST',
		path: '/v1/messages',
		body: message as unknown as IDataObject,
		headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : undefined,
		itemIndex: options.itemIndex,
	});
}

export async function markMessageRead(
	context: ServiceContext,
	request: SenderSelection & { messageId: string; typing?: boolean },
	itemIndex?: number,
): Promise<{ success: true }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: '/v1/messages/read', body: { ...request }, itemIndex });
}

/** A message from history, as GET /v1/messages/:id answers it. */
export async function getMessage(context: ServiceContext, id: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'GET', path: `/v1/messages/${encodeURIComponent(id)}`, itemIndex });
}
