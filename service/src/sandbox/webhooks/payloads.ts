import type { WebhookError } from '../graph/errors';
import type { PricingCategory, SentMessageRecord } from '../state/messageLog';
import type { SimPhoneNumber } from '../state/registry';
import type { TemplateRecord } from '../state/templateStore';

/**
 * Builders for the webhook bodies Meta posts (contract A.5). Only shapes live here; when and to whom
 * they are sent is the emitter's and the scheduler's business.
 */
export interface WebhookChange {
	field: string;
	value: Record<string, unknown>;
}

export interface WebhookEnvelope {
	object: 'whatsapp_business_account';
	entry: Array<{ id: string; time?: number; changes: WebhookChange[] }>;
}

export function envelope(wabaId: string, change: WebhookChange, time?: number): WebhookEnvelope {
	return { object: 'whatsapp_business_account', entry: [{ id: wabaId, ...(time !== undefined ? { time } : {}), changes: [change] }] };
}

export function metadataOf(number: SimPhoneNumber): { display_phone_number: string; phone_number_id: string } {
	return { display_phone_number: digitsOf(number.displayPhoneNumber), phone_number_id: number.phoneNumberId };
}

export function digitsOf(value: string): string {
	return value.replace(/\D/g, '');
}

/** A `field: "messages"` change: inbound messages (with contacts), statuses, or value-level errors. */
export function messagesChange(number: SimPhoneNumber, content: Record<string, unknown>): WebhookEnvelope {
	return envelope(number.wabaId, { field: 'messages', value: { messaging_product: 'whatsapp', metadata: metadataOf(number), ...content } });
}

export type WebhookStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusOptions {
	status: WebhookStatus;
	timestampSeconds: number;
	withBilling: boolean;
	errors?: WebhookError[];
	/** Pricing type: free inside the customer-service window, regular otherwise. */
	pricingType: 'regular' | 'free_customer_service' | 'free_entry_point';
	conversationExpiresAt: number;
}

/** Graph versions from v24.0 drop `conversation` from status webhooks. */
export function versionDropsConversation(version: string): boolean {
	const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? '0');
	return major >= 24;
}

export function statusObject(record: SentMessageRecord, options: StatusOptions): Record<string, unknown> {
	const status: Record<string, unknown> = {
		id: record.id,
		status: options.status,
		timestamp: String(options.timestampSeconds),
		recipient_id: record.to,
	};
	if (record.bizOpaqueCallbackData !== undefined) status.biz_opaque_callback_data = record.bizOpaqueCallbackData;
	if (options.withBilling && options.status !== 'failed') {
		if (!versionDropsConversation(record.version)) {
			status.conversation = {
				// Up to v23 Meta gives each message its own conversation id.
				id: conversationIdFor(record.id),
				expiration_timestamp: String(Math.floor(options.conversationExpiresAt / 1000)),
				origin: { type: record.pricingCategory },
			};
		}
		status.pricing = pricingOf(record.pricingCategory, options.pricingType);
	}
	if (options.errors) status.errors = options.errors;
	return status;
}

function pricingOf(category: PricingCategory, type: StatusOptions['pricingType']): Record<string, unknown> {
	return { billable: type === 'regular', pricing_model: 'PMP', type, category };
}

function conversationIdFor(messageId: string): string {
	let hash = 0;
	for (let i = 0; i < messageId.length; i++) hash = (hash * 31 + messageId.charCodeAt(i)) >>> 0;
	return `${hash.toString(16).padStart(8, '0')}${messageId.length.toString(16)}${messageId.slice(-20).replace(/[^A-Za-z0-9]/g, '')}`.toLowerCase();
}

export type TemplateEvent =
	| 'APPROVED'
	| 'ARCHIVED'
	| 'UNARCHIVED'
	| 'DELETED'
	| 'DISABLED'
	| 'FLAGGED'
	| 'IN_APPEAL'
	| 'LIMIT_EXCEEDED'
	| 'LOCKED'
	| 'PAUSED'
	| 'PENDING'
	| 'REINSTATED'
	| 'PENDING_DELETION'
	| 'REJECTED';

export const TEMPLATE_EVENTS: readonly TemplateEvent[] = [
	'APPROVED',
	'ARCHIVED',
	'UNARCHIVED',
	'DELETED',
	'DISABLED',
	'FLAGGED',
	'IN_APPEAL',
	'LIMIT_EXCEEDED',
	'LOCKED',
	'PAUSED',
	'PENDING',
	'REINSTATED',
	'PENDING_DELETION',
	'REJECTED',
];

export const TEMPLATE_REJECTION_REASONS = [
	'ABUSIVE_CONTENT',
	'INCORRECT_CATEGORY',
	'INVALID_FORMAT',
	'NONE',
	'PROMOTIONAL',
	'SCAM',
	'TAG_CONTENT_MISMATCH',
] as const;

export function templateStatusEnvelope(
	template: TemplateRecord,
	event: TemplateEvent,
	reason: string | null,
	timeSeconds: number,
): WebhookEnvelope {
	const value: Record<string, unknown> = {
		event,
		// An integer here, unlike everywhere else (contract A.4).
		message_template_id: Number(template.id),
		message_template_name: template.name,
		message_template_language: template.language,
		reason,
		message_template_category: template.category,
	};
	if (event === 'REJECTED') {
		value.rejection_info = {
			reason: reason ?? 'NONE',
			recommendation: 'Review the template guidelines, edit the template and submit it again.',
		};
	}
	return envelope(template.wabaId, { field: 'message_template_status_update', value }, timeSeconds);
}
