import { createHash } from 'node:crypto';
import { controlErrors } from '../controlError';
import { newWamid } from '../ids';
import type { Simulator } from '../simulator';
import { baseMime, defaultMimeForKind, type MediaKind, placeholderContent } from '../state/mediaTypes';
import type { SimPhoneNumber } from '../state/registry';
import type { JsonObject } from '../validation/fields';
import type { DeliveryRecord } from '../webhooks/emitter';
import { digitsOf, messagesChange, type WebhookEnvelope } from '../webhooks/payloads';
import { mediaUrl } from '../graph/mediaRoutes';
import { optionalNumber, optionalObject, optionalString, requiredString } from '../control/input';

/**
 * A simulated WhatsApp user writing to a business number: builds the `messages` webhook exactly as Meta
 * would (contract A.5), opens the 24 h window, stores any media so it can be downloaded, and posts it
 * signed to the number's app.
 */
export const INBOUND_TYPES = [
	'text',
	'image',
	'video',
	'audio',
	'document',
	'sticker',
	'location',
	'contacts',
	'reaction',
	'button',
	'interactive',
	'order',
	'system',
	'unsupported',
] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

const MEDIA_KINDS: readonly string[] = ['image', 'video', 'audio', 'document', 'sticker'];

export interface InboundResult {
	wamid: string;
	body: WebhookEnvelope;
	delivery: DeliveryRecord;
	/** Settles when the webhook is delivered or given up (after retries). */
	settled: Promise<DeliveryRecord>;
}

export interface InboundOptions {
	/** Absolute base URL of the sandbox, so media in the webhook carries a downloadable `url`. */
	baseUrl?: string;
}

export function injectInbound(sim: Simulator, input: JsonObject, options: InboundOptions = {}): InboundResult {
	const number = sim.registry.requirePhoneNumber(requiredString(input, 'phoneNumberId'));
	const from = digitsOf(requiredString(input, 'from'));
	if (from.length < 5) throw controlErrors.badRequest('from must be a phone number', { field: 'from' });
	// Blocked people cannot reach the business: WhatsApp never delivers what they write.
	if (sim.blocklists.has(number.phoneNumberId, from)) throw controlErrors.conflict(`${from} is blocked by number ${number.phoneNumberId}: WhatsApp does not deliver their messages`, { field: 'from' });
	const type = requiredString(input, 'type') as InboundType;
	if (!INBOUND_TYPES.includes(type)) throw controlErrors.badRequest(`type must be one of ${INBOUND_TYPES.join(', ')}`, { field: 'type' });

	const now = sim.clock.now();
	const wamid = optionalString(input, 'id') ?? newWamid(from);
	const timestamp = optionalNumber(input, 'timestamp', 'timestamp', { min: 0 }) ?? Math.floor(now / 1000);
	const message: JsonObject = { from, id: wamid, timestamp: String(Math.floor(timestamp)), type };

	const context = contextFor(sim, number, from, type, optionalObject(input, 'context'));
	if (context) message.context = context;
	const referral = optionalObject(input, 'referral');
	if (referral) message.referral = referral;
	Object.assign(message, contentFor(sim, number, type, input, options));

	const value: JsonObject = {};
	// System messages (a user changed number) come without `contacts` (contract A.5).
	if (type !== 'system') value.contacts = [{ profile: { name: optionalString(input, 'profileName') ?? `Sandbox user ${from.slice(-4)}` }, wa_id: from }];
	value.messages = [message];
	const body = messagesChange(number, value);

	if (type !== 'system') sim.windows.open(number.phoneNumberId, from, now);
	sim.messages.addInbound({ id: wamid, phoneNumberId: number.phoneNumberId, from, type, receivedAt: now });
	sim.stats.inboundInjected++;

	let settle: (record: DeliveryRecord) => void = () => undefined;
	const settled = new Promise<DeliveryRecord>((resolve) => (settle = resolve));
	const delivery = sim.webhooks.enqueue({ appId: number.appId, kind: 'inbound', body, messageId: wamid }, settle);
	if (sim.faults.take('duplicate_webhooks', { scope: 'messages', phoneNumberId: number.phoneNumberId, recipient: from })) {
		sim.stats.recordFault('duplicate_webhooks');
		sim.webhooks.enqueue({ appId: number.appId, kind: 'inbound', body, messageId: wamid });
	}
	return { wamid, body, delivery, settled };
}

/** Replies to buttons and lists quote the business message they answer; default to the latest one sent. */
function contextFor(sim: Simulator, number: SimPhoneNumber, from: string, type: InboundType, given: JsonObject | undefined): JsonObject | undefined {
	const businessNumber = digitsOf(number.displayPhoneNumber);
	if (given) {
		const context: JsonObject = { from: optionalString(given, 'from', 'context.from') ?? businessNumber, id: requiredString(given, 'id', 'context.id') };
		const product = optionalObject(given, 'referred_product', 'context.referred_product');
		if (product) context.referred_product = product;
		return context;
	}
	const answered = type === 'button' ? 'template' : type === 'interactive' ? 'interactive' : undefined;
	const original = answered && sim.messages.lastSentTo(number.phoneNumberId, from, answered);
	return original ? { from: businessNumber, id: original.id } : undefined;
}

function contentFor(sim: Simulator, number: SimPhoneNumber, type: InboundType, input: JsonObject, options: InboundOptions): JsonObject {
	if (MEDIA_KINDS.includes(type)) return { [type]: mediaContent(sim, number, type as MediaKind, optionalObject(input, type) ?? {}, options) };
	switch (type) {
		case 'text': {
			const text = optionalObject(input, 'text');
			return { text: { body: text ? requiredString(text, 'body', 'text.body') : requiredString(input, 'body', 'text.body') } };
		}
		case 'location': {
			const location = required(input, 'location');
			if (typeof location.latitude !== 'number' || typeof location.longitude !== 'number') {
				throw controlErrors.badRequest('location.latitude and location.longitude must be numbers', { field: 'location' });
			}
			return { location };
		}
		case 'contacts': {
			if (!Array.isArray(input.contacts) || input.contacts.length === 0) throw controlErrors.badRequest('contacts must be a non-empty array', { field: 'contacts' });
			return { contacts: input.contacts };
		}
		case 'reaction': {
			const reaction = required(input, 'reaction');
			requiredString(reaction, 'message_id', 'reaction.message_id');
			return { reaction };
		}
		case 'button': {
			const button = required(input, 'button');
			return { button: { payload: requiredString(button, 'payload', 'button.payload'), text: requiredString(button, 'text', 'button.text') } };
		}
		case 'interactive':
			return { interactive: interactiveContent(required(input, 'interactive')) };
		case 'order': {
			const order = required(input, 'order');
			requiredString(order, 'catalog_id', 'order.catalog_id');
			if (!Array.isArray(order.product_items)) throw controlErrors.badRequest('order.product_items must be an array', { field: 'order.product_items' });
			return { order: { text: '', ...order } };
		}
		case 'system': {
			const system = required(input, 'system');
			return { system: { type: 'user_changed_number', ...system, body: requiredString(system, 'body', 'system.body') } };
		}
		case 'unsupported':
			return {
				errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }],
			};
		default:
			throw controlErrors.badRequest(`unsupported type ${type}`, { field: 'type' });
	}
}

const INTERACTIVE_REPLIES = ['button_reply', 'list_reply', 'nfm_reply'] as const;

function interactiveContent(interactive: JsonObject): JsonObject {
	const replyType = requiredString(interactive, 'type', 'interactive.type');
	if (!(INTERACTIVE_REPLIES as readonly string[]).includes(replyType)) {
		throw controlErrors.badRequest(`interactive.type must be one of ${INTERACTIVE_REPLIES.join(', ')}`, { field: 'interactive.type' });
	}
	const reply = required(interactive, replyType, `interactive.${replyType}`);
	if (replyType === 'nfm_reply') {
		// Flow answers carry their form data as a JSON string; accept an object for convenience.
		const responseJson = typeof reply.response_json === 'string' ? reply.response_json : JSON.stringify(reply.response_json ?? {});
		return { type: replyType, nfm_reply: { name: 'flow', body: 'Sent', ...reply, response_json: responseJson } };
	}
	requiredString(reply, 'id', `interactive.${replyType}.id`);
	requiredString(reply, 'title', `interactive.${replyType}.title`);
	return { type: replyType, [replyType]: reply };
}

/**
 * Media a user sends: either an existing media id, or new content (`dataBase64`, else a placeholder) stored
 * with Meta's 7-day lifetime. The webhook carries id, mime type, sha256 (base64, as in Meta's examples) and a URL.
 */
function mediaContent(sim: Simulator, number: SimPhoneNumber, kind: MediaKind, spec: JsonObject, options: InboundOptions): JsonObject {
	const existingId = optionalString(spec, 'id', `${kind}.id`);
	let record = existingId ? sim.media.get(existingId) : undefined;
	if (existingId && !record) throw controlErrors.notFound('media', existingId);
	if (!record) {
		const mimeType = optionalString(spec, 'mimeType', `${kind}.mimeType`) ?? (kind === 'audio' ? 'audio/ogg; codecs=opus' : defaultMimeForKind(kind));
		const base64 = optionalString(spec, 'dataBase64', `${kind}.dataBase64`);
		const data = base64 !== undefined ? Buffer.from(base64, 'base64') : placeholderContent(baseMime(mimeType));
		record = sim.media.put({ phoneNumberId: number.phoneNumberId, mimeType, data, filename: optionalString(spec, 'filename', `${kind}.filename`), origin: 'inbound' });
	}
	const content: JsonObject = {
		mime_type: record.mimeType,
		sha256: createHash('sha256').update(record.data).digest('base64'),
		id: record.id,
	};
	if (options.baseUrl) {
		const grant = sim.media.grantUrl(record.id);
		content.url = mediaUrl(options.baseUrl, record.id, grant.hash, grant.expiresAt);
	}
	const caption = optionalString(spec, 'caption', `${kind}.caption`);
	if (caption !== undefined && (kind === 'image' || kind === 'video' || kind === 'document')) content.caption = caption;
	if (kind === 'document') content.filename = record.filename ?? optionalString(spec, 'filename') ?? 'document.pdf';
	if (kind === 'audio') content.voice = spec.voice === true;
	if (kind === 'sticker') content.animated = spec.animated === true;
	return content;
}

function required(input: JsonObject, key: string, field = key): JsonObject {
	const value = optionalObject(input, key, field);
	if (!value) throw controlErrors.badRequest(`${field} is required`, { field });
	return value;
}
