import { graphErrors, type WebhookError, webhookError } from '../graph/errors';
import type { Simulator } from '../simulator';
import { kindOfMime } from '../state/mediaTypes';
import type { PricingCategory, SentMessageRecord } from '../state/messageLog';
import type { SimPhoneNumber } from '../state/registry';
import type { JsonObject } from '../validation/fields';
import { isDownloadableLink } from '../validation/media';
import type { OutboundMessage } from '../validation/messageRequest';
import { newWamid } from '../ids';
import { checkTemplateSend } from './templateCheck';

/**
 * Accepting a validated message: the state checks Meta makes synchronously (media ids, templates, sender),
 * the throughput and pair limits, then the record and its status webhooks. What Meta only reports later
 * (closed 24 h window, unreachable user, undownloadable link) becomes a `failed` status, not an error here.
 */
export interface SendResponse {
	messaging_product: 'whatsapp';
	contacts: Array<{ input: string; wa_id: string }>;
	messages: Array<{ id: string }>;
}

const REACTION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export function sendMessage(sim: Simulator, number: SimPhoneNumber, message: OutboundMessage, request: JsonObject, version: string): SendResponse {
	if (message.recipientType === 'individual' && message.recipient === number.displayPhoneNumber.replace(/\D/g, '')) throw graphErrors.recipientIsSender();
	for (const reference of message.media) {
		if (reference.id === undefined) continue;
		const media = sim.media.get(reference.id);
		const owner = media && sim.registry.phoneNumbers.get(media.phoneNumberId);
		if (!media || owner?.wabaId !== number.wabaId) {
			throw graphErrors.invalidParameter(`Param ${reference.path}.id is not a valid whatsapp business account media attachment ID`);
		}
	}
	const template = message.template ? checkTemplateSend(sim.templates, number.wabaId, message.template) : undefined;

	sim.limits.admit(number, message.recipient);

	const now = sim.clock.now();
	const windowOpen = sim.windows.isOpen(number.phoneNumberId, message.recipient, now, sim.config.serviceWindowMs);
	const pricingCategory: PricingCategory = template ? (template.category.toLowerCase() as PricingCategory) : 'service';
	const record: SentMessageRecord = {
		id: newWamid(message.recipient),
		phoneNumberId: number.phoneNumberId,
		wabaId: number.wabaId,
		to: message.recipient,
		input: message.input,
		type: message.type,
		request,
		acceptedAt: now,
		status: 'accepted',
		statusHistory: [{ status: 'accepted', at: now }],
		bizOpaqueCallbackData: message.bizOpaqueCallbackData,
		pricingCategory,
		pricingType: !template || (pricingCategory === 'utility' && windowOpen) ? 'free_customer_service' : 'regular',
		version,
		templateName: template?.name,
	};
	sim.messages.addSent(record);
	sim.stats.sendsAccepted++;
	sim.statuses.schedule(record, asyncFailure(sim, number, message, windowOpen, now));
	return {
		messaging_product: 'whatsapp',
		contacts: [{ input: message.input, wa_id: message.recipient }],
		messages: [{ id: record.id }],
	};
}

/** The reason this accepted message will fail later, if any, in the order Meta would notice. */
function asyncFailure(sim: Simulator, number: SimPhoneNumber, message: OutboundMessage, windowOpen: boolean, now: number): WebhookError | undefined {
	if (sim.faults.take('undeliverable', { scope: 'messages', phoneNumberId: number.phoneNumberId, recipient: message.recipient })) {
		sim.stats.recordFault('undeliverable');
		return webhookError(131026, 'Message undeliverable', 'Unable to deliver the message. The recipient may not be a WhatsApp user or may not have accepted the latest terms.');
	}
	if (message.type !== 'template' && message.recipientType === 'individual' && sim.config.enforceServiceWindow && !windowOpen) {
		return webhookError(
			131047,
			'Re-engagement message',
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		);
	}
	for (const reference of message.media) {
		if (reference.link !== undefined && !isDownloadableLink(reference.link)) {
			return webhookError(131053, 'Media upload error', `Unable to download the media from ${reference.path}.link: it is not an http(s) URL.`);
		}
		const stored = reference.id !== undefined ? sim.media.get(reference.id) : undefined;
		// Any stored file may go out as a document; the other kinds must match their allow-list.
		if (stored && reference.kind !== 'document' && kindOfMime(stored.mimeType) !== reference.kind) {
			return webhookError(131053, 'Media upload error', `The media ${stored.id} is ${stored.mimeType}, which cannot be sent as ${reference.kind}.`);
		}
	}
	if (message.reactionTo !== undefined) {
		const target = sim.messages.getSent(message.reactionTo) ?? sim.messages.getInbound(message.reactionTo);
		const at = target && ('acceptedAt' in target ? target.acceptedAt : target.receivedAt);
		if (at !== undefined && now - at > REACTION_MAX_AGE_MS) {
			return webhookError(131009, 'Parameter value is not valid', 'The message reacted to is more than 30 days old.');
		}
	}
	return undefined;
}
