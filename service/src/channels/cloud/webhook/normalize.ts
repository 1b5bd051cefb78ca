import { createHash } from 'node:crypto';
import type { AccountRef, ContactCard, DeliveryStatus, InboundType, NormalizedMessage, NormalizedStatus, ProviderError } from '../../messages';
import { MEDIA_TYPES, STATUS_VALUES } from '../../messages';
import type { EventType } from '../../../events/envelope';
import { asArray, asNumber, asObject, asObjects, asString, compact, isoFromSeconds, type Json } from './json';

/** An inbound item before its tenant is known (routing happens inside the write transaction). */
export type DraftItem =
	| { kind: 'message'; message: NormalizedMessage; raw: unknown }
	| { kind: 'status'; status: NormalizedStatus; raw: unknown }
	| { kind: 'event'; type: EventType; channel: 'cloud'; data: unknown; raw: unknown; occurredAt: string; orderingKey: string; accountId?: string; dedupeKey: string };

export type Route = { by: 'number'; phoneNumberId: string } | { by: 'waba'; wabaId: string };

/** One change of one entry, normalized, with what decides its tenant. */
export interface NormalizedChange {
	wabaId: string;
	field: string;
	route: Route | undefined;
	items: DraftItem[];
	/** Why the change could not be used (it is kept as unrouted for inspection). */
	problem?: string;
	/** Exactly what Meta sent for this change, with its entry's id and time. */
	original: { entry: { id: string; time?: unknown }; change: unknown };
}

const MEDIA = new Set<string>(MEDIA_TYPES);
const KNOWN_TYPES = new Set<string>(['text', ...MEDIA_TYPES, 'location', 'contacts', 'reaction', 'button', 'interactive', 'order', 'system', 'unsupported']);
const STATUSES = new Set<string>(STATUS_VALUES);
const TEMPLATE_FIELDS = /^(message_template_|template_category_update$)/;
const GROUP_FIELDS = /^group_/;
/** wamids are ~60 characters; anything far longer is not an id we can key on. */
const MAX_ID = 255;

const digest = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

/**
 * Turns a webhook body into normalized changes. Every entry and every change is walked (Meta batches up to
 * 1,000 updates per request); nothing here touches the database.
 */
export function normalizeWebhook(body: unknown, receivedAt: string): NormalizedChange[] | { malformed: string } {
	const root = asObject(body);
	if (!root || !Array.isArray(root.entry)) return { malformed: 'body must be an object with an entry array' };
	const changes: NormalizedChange[] = [];
	for (const entryValue of root.entry) {
		const entry = asObject(entryValue);
		const wabaId = asString(entry?.id, 64);
		if (!entry || !wabaId) return { malformed: 'every entry needs an id' };
		for (const changeValue of asArray(entry.changes)) {
			changes.push(normalizeChange(wabaId, entry.time, changeValue, receivedAt));
		}
	}
	return changes;
}

function normalizeChange(wabaId: string, entryTime: unknown, changeValue: unknown, receivedAt: string): NormalizedChange {
	const original = { entry: { id: wabaId, ...(entryTime !== undefined ? { time: entryTime } : {}) }, change: changeValue };
	const change = asObject(changeValue);
	const field = asString(change?.field, 64) ?? 'unknown';
	const value = asObject(change?.value);
	if (!change || !value) return { wabaId, field, route: undefined, items: [], problem: 'change without a value object', original };
	const occurredAt = isoFromSeconds(entryTime, receivedAt);

	if (TEMPLATE_FIELDS.test(field)) {
		const templateId = asString(value.message_template_id, 64) ?? 'unknown';
		const data = compact({
			field,
			wabaId,
			templateId,
			name: asString(value.message_template_name),
			language: asString(value.message_template_language),
			event: asString(value.event),
			reason: value.reason === null ? null : asString(value.reason),
			category: asString(value.message_template_category ?? value.new_category),
			previousCategory: asString(value.previous_category),
			qualityScore: asString(value.new_quality_score),
			rejectionInfo: asObject(value.rejection_info),
			disableInfo: asObject(value.disable_info),
			otherInfo: asObject(value.other_info),
		});
		return { wabaId, field, route: { by: 'waba', wabaId }, original, items: [{ kind: 'event', type: 'template.status', channel: 'cloud', data, raw: original, occurredAt, orderingKey: `cloud:template:${wabaId}:${templateId}`, dedupeKey: digest(wabaId, entryTime, field, value) }] };
	}

	const metadata = asObject(value.metadata);
	const phoneNumberId = asString(metadata?.phone_number_id, 64);
	const account: AccountRef | undefined = phoneNumberId ? compact({ channel: 'cloud' as const, id: phoneNumberId, address: asString(metadata?.display_phone_number, 32) }) : undefined;

	if (field === 'messages') {
		if (!account) return { wabaId, field, route: undefined, items: [], problem: 'messages change without metadata.phone_number_id', original };
		const items: DraftItem[] = [];
		const contacts = asObjects(value.contacts);
		for (const raw of asObjects(value.messages)) {
			const message = normalizeMessage(raw, contacts, account, receivedAt);
			if (message) items.push({ kind: 'message', message, raw: compact({ field, metadata, contacts: contactFor(raw, contacts) ? [contactFor(raw, contacts)] : undefined, message: raw }) });
		}
		for (const raw of asObjects(value.statuses)) {
			const status = normalizeStatus(raw, account, receivedAt);
			if (status) items.push({ kind: 'status', status, raw: compact({ field, metadata, status: raw }) });
		}
		const errors = providerErrors(value.errors);
		if (errors.length > 0) {
			items.push({ kind: 'event', type: 'webhook.error', channel: 'cloud', data: { account, wabaId, errors }, raw: original, occurredAt, orderingKey: `cloud:errors:${account.id}`, accountId: account.id, dedupeKey: digest(wabaId, entryTime, field, value.errors) });
		}
		return { wabaId, field, route: { by: 'number', phoneNumberId: account.id }, items, original };
	}

	if (GROUP_FIELDS.test(field) && account) {
		const items: DraftItem[] = asObjects(value.groups).map((group) => {
			const groupId = asString(group.group_id, MAX_ID) ?? 'unknown';
			return {
				kind: 'event',
				type: 'group.update',
				channel: 'cloud',
				data: compact({
					field,
					account,
					groupId,
					type: asString(group.type),
					requestId: asString(group.request_id),
					subject: asString(group.subject),
					description: asString(group.description),
					addedParticipants: participants(group.added_participants),
					removedParticipants: participants(group.removed_participants),
					profilePicture: asObject(group.profile_picture),
					timestamp: isoFromSeconds(group.timestamp, occurredAt),
				}),
				raw: compact({ field, metadata, group }),
				occurredAt: isoFromSeconds(group.timestamp, occurredAt),
				orderingKey: `cloud:group:${account.id}:${groupId}`,
				accountId: account.id,
				dedupeKey: digest(account.id, field, group),
			};
		});
		return { wabaId, field, route: { by: 'number', phoneNumberId: account.id }, items, original };
	}

	// Everything else concerns the account: quality, limits, capability, security, name updates…
	const event: DraftItem = {
		kind: 'event',
		type: 'account.update',
		channel: 'cloud',
		data: compact({ field, wabaId, account, event: asString(value.event), value }),
		raw: original,
		occurredAt,
		orderingKey: `cloud:account:${wabaId}`,
		...(account ? { accountId: account.id } : {}),
		dedupeKey: digest(wabaId, entryTime, field, value),
	};
	return { wabaId, field, route: account ? { by: 'number', phoneNumberId: account.id } : { by: 'waba', wabaId }, items: [event], original };
}

function participants(value: unknown): Array<{ input?: string; waId?: string }> | undefined {
	const list = asObjects(value).map((p) => compact({ input: asString(p.input), waId: asString(p.wa_id) }));
	return list.length > 0 ? list : undefined;
}

function providerErrors(value: unknown): ProviderError[] {
	return asObjects(value).map((error) =>
		compact({ code: asNumber(error.code) ?? asString(error.code) ?? 'unknown', title: asString(error.title), message: asString(error.message), details: asString(asObject(error.error_data)?.details) }),
	);
}

/** The sender's profile: matched by wa_id, or by BSUID when Meta sends business-scoped ids without wa_id. */
function contactFor(message: Json, contacts: Json[]): Json | undefined {
	const from = asString(message.from);
	const userId = asString(message.from_user_id);
	return contacts.find((c) => (from && asString(c.wa_id) === from) || (userId && asString(c.user_id) === userId)) ?? (contacts.length === 1 ? contacts[0] : undefined);
}

function normalizeMessage(raw: Json, contacts: Json[], account: AccountRef, receivedAt: string): NormalizedMessage | undefined {
	const id = asString(raw.id, MAX_ID);
	const from = asString(raw.from, 128) ?? asString(raw.from_user_id, 128);
	if (!id || !from) return undefined;
	const rawType = asString(raw.type, 64) ?? 'unsupported';
	const type = (KNOWN_TYPES.has(rawType) ? rawType : 'unsupported') as InboundType;
	const contact = contactFor(raw, contacts);
	const profile = asObject(contact?.profile);
	const message: NormalizedMessage = {
		id,
		channel: 'cloud',
		direction: 'inbound',
		account,
		chatId: from,
		from,
		to: account.address ?? account.id,
		timestamp: isoFromSeconds(raw.timestamp, receivedAt),
		type,
	};
	if (contact) message.contact = compact({ name: asString(profile?.name), waId: asString(contact.wa_id), userId: asString(contact.user_id), username: asString(profile?.username) });

	const body = asObject(raw[rawType]);
	if (type === 'text') message.text = { body: asString(body?.body, 1_000_000) ?? '' };
	else if (MEDIA.has(type) && body) {
		message.media = compact({
			id: asString(body.id, MAX_ID) ?? '',
			mimeType: asString(body.mime_type),
			sha256: asString(body.sha256),
			caption: asString(body.caption, 1_000_000),
			filename: asString(body.filename),
			voice: typeof body.voice === 'boolean' ? body.voice : undefined,
			animated: typeof body.animated === 'boolean' ? body.animated : undefined,
			fileSize: asNumber(body.file_size),
		});
	} else if (type === 'location' && body) {
		message.location = compact({ latitude: asNumber(body.latitude) ?? 0, longitude: asNumber(body.longitude) ?? 0, name: asString(body.name), address: asString(body.address), url: asString(body.url) });
	} else if (type === 'contacts') {
		message.contacts = asObjects(raw.contacts) as unknown as ContactCard[];
	} else if (type === 'reaction' && body) {
		const emoji = asString(body.emoji);
		message.reaction = { messageId: asString(body.message_id, MAX_ID) ?? '', emoji: emoji ? emoji : null };
	} else if (type === 'button' && body) {
		message.button = compact({ text: asString(body.text) ?? '', payload: asString(body.payload) });
	} else if (type === 'interactive' && body) {
		message.interactive = interactiveOf(body);
	} else if (type === 'order' && body) {
		message.order = compact({
			catalogId: asString(body.catalog_id),
			text: asString(body.text),
			items: asObjects(body.product_items).map((item) => ({ productRetailerId: asString(item.product_retailer_id) ?? '', quantity: asNumber(item.quantity) ?? 0, itemPrice: asNumber(item.item_price) ?? 0, currency: asString(item.currency) ?? '' })),
		});
	} else if (type === 'system' && body) {
		message.system = compact({ type: asString(body.type), body: asString(body.body), waId: asString(body.wa_id), newWaId: asString(body.new_wa_id) ?? (asString(body.type) === 'user_changed_number' ? asString(body.wa_id) : undefined) });
	}

	const context = asObject(raw.context);
	if (context) {
		const product = asObject(context.referred_product);
		message.context = compact({
			messageId: asString(context.id, MAX_ID),
			from: asString(context.from),
			forwarded: typeof context.forwarded === 'boolean' ? context.forwarded : undefined,
			frequentlyForwarded: typeof context.frequently_forwarded === 'boolean' ? context.frequently_forwarded : undefined,
			referredProduct: product ? compact({ catalogId: asString(product.catalog_id), productRetailerId: asString(product.product_retailer_id) }) : undefined,
		});
	}
	const referral = asObject(raw.referral);
	if (referral) message.referral = referral;
	const errors = providerErrors(raw.errors);
	if (errors.length > 0) message.errors = errors;
	return message;
}

function interactiveOf(body: Json): NonNullable<NormalizedMessage['interactive']> {
	const kind = asString(body.type) ?? 'unknown';
	const reply = asObject(body[kind]) ?? {};
	if (kind === 'nfm_reply') {
		const responseText = asString(reply.response_json, 1_000_000);
		let responseJson: unknown = responseText;
		try {
			responseJson = responseText === undefined ? undefined : JSON.parse(responseText);
		} catch {
			// Keep the text as sent when it is not JSON.
		}
		return compact({ type: kind, name: asString(reply.name), body: asString(reply.body), responseJson });
	}
	return compact({ type: kind, id: asString(reply.id), title: asString(reply.title), description: asString(reply.description) });
}

function normalizeStatus(raw: Json, account: AccountRef, receivedAt: string): NormalizedStatus | undefined {
	const messageId = asString(raw.id, MAX_ID);
	const status = asString(raw.status, 32);
	if (!messageId || !status || !STATUSES.has(status)) return undefined;
	const conversation = asObject(raw.conversation);
	const pricing = asObject(raw.pricing);
	const errors = providerErrors(raw.errors);
	return compact({
		messageId,
		channel: 'cloud' as const,
		account,
		recipient: asString(raw.recipient_id, 128) ?? asString(raw.recipient_user_id, 128) ?? '',
		status: status as DeliveryStatus,
		timestamp: isoFromSeconds(raw.timestamp, receivedAt),
		errors: errors.length > 0 ? errors : undefined,
		conversation: conversation ? compact({ id: asString(conversation.id), expiresAt: conversation.expiration_timestamp !== undefined ? isoFromSeconds(conversation.expiration_timestamp, receivedAt) : undefined, originType: asString(asObject(conversation.origin)?.type) }) : undefined,
		pricing: pricing ? compact({ billable: typeof pricing.billable === 'boolean' ? pricing.billable : undefined, pricingModel: asString(pricing.pricing_model), category: asString(pricing.category), type: asString(pricing.type) }) : undefined,
		bizOpaqueCallbackData: asString(raw.biz_opaque_callback_data),
	});
}
