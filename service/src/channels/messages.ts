/**
 * The channel-agnostic message model. Outbound messages are what callers ask to send; inbound messages and
 * statuses are what both channels report, in one shape, so triggers and history never ask which channel spoke.
 *
 * Our own envelope fields are camelCase. Structures Meta defines in detail (interactive, template components,
 * contact cards) keep Meta's field names, so Meta's documentation applies to them unchanged.
 */

export type ChannelKind = 'cloud' | 'web';

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const OUTBOUND_TYPES = ['text', ...MEDIA_TYPES, 'location', 'contacts', 'interactive', 'template', 'reaction', 'poll'] as const;
export type OutboundType = (typeof OUTBOUND_TYPES)[number];

/** Media by exactly one source: a provider media id, a public link, or inline base64. */
export interface MediaSource {
	id?: string;
	link?: string;
	base64?: string;
	mimeType?: string;
	filename?: string;
	caption?: string;
	/** Audio as a voice note (Web). */
	voice?: boolean;
}

export interface LocationBody {
	latitude: number;
	longitude: number;
	name?: string;
	address?: string;
	url?: string;
}

/** Meta's contact object (ContactObject), used for both channels; Web turns it into a vCard. */
export interface ContactCard {
	name: { formatted_name: string; first_name?: string; last_name?: string; middle_name?: string; prefix?: string; suffix?: string };
	phones?: Array<{ phone?: string; type?: string; wa_id?: string }>;
	emails?: Array<{ email?: string; type?: string }>;
	addresses?: Array<{ street?: string; city?: string; state?: string; zip?: string; country?: string; country_code?: string; type?: string }>;
	org?: { company?: string; department?: string; title?: string };
	urls?: Array<{ url?: string; type?: string }>;
	birthday?: string;
}

export interface PollBody {
	name: string;
	options: string[];
	allowMultipleAnswers?: boolean;
}

export interface OutboundMessage {
	to: string;
	type: OutboundType;
	/** Provider id of the message this one quotes. */
	replyTo?: string;
	/** Web: ids mentioned in a text (…@c.us). */
	mentions?: string[];
	/** Cloud: echoed back in status webhooks. */
	bizOpaqueCallbackData?: string;
	text?: { body: string; previewUrl?: boolean };
	image?: MediaSource;
	video?: MediaSource;
	audio?: MediaSource;
	document?: MediaSource;
	sticker?: MediaSource;
	location?: LocationBody;
	contacts?: ContactCard[];
	/** Meta's interactive object (button, list, cta_url, flow, …). */
	interactive?: Record<string, unknown> & { type: string };
	/** Meta's template object: name, language, components. */
	template?: { name: string; language: { code: string; policy?: string } | string; components?: Array<Record<string, unknown>> };
	reaction?: { messageId: string; emoji: string };
	poll?: PollBody;
}

export const INBOUND_TYPES = [
	'text',
	...MEDIA_TYPES,
	'location',
	'contacts',
	'reaction',
	'button',
	'interactive',
	'order',
	'system',
	'poll',
	'revoked',
	'unsupported',
] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

export interface ProviderError {
	code: number | string;
	title?: string;
	message?: string;
	details?: string;
}

/** The tenant's WhatsApp identity a message passed through: a Cloud phone number or a Web session. */
export interface AccountRef {
	channel: ChannelKind;
	/** phone_number_id (Cloud) or session name (Web). */
	id: string;
	/** Display phone number (Cloud) or own WhatsApp id (Web), when known. */
	address?: string;
}

export interface NormalizedMessage {
	/** Provider id: wamid (Cloud) or serialized id (Web). */
	id: string;
	channel: ChannelKind;
	direction: 'inbound' | 'outbound';
	account: AccountRef;
	/** The other party's conversation id: wa_id (Cloud) or chat id (Web; a group id for groups). */
	chatId: string;
	/** Who wrote it: the user's wa_id / WhatsApp id (in groups, the participant). */
	from: string;
	to: string;
	timestamp: string;
	type: InboundType;
	contact?: { name?: string; waId?: string; userId?: string; username?: string };
	isGroup?: boolean;
	text?: { body: string };
	media?: { id: string; mimeType?: string; sha256?: string; caption?: string; filename?: string; voice?: boolean; animated?: boolean; fileSize?: number };
	location?: LocationBody;
	contacts?: ContactCard[];
	reaction?: { messageId: string; emoji: string | null };
	button?: { text: string; payload?: string };
	interactive?: { type: string; id?: string; title?: string; description?: string; name?: string; body?: string; responseJson?: unknown };
	order?: { catalogId?: string; text?: string; items: Array<{ productRetailerId: string; quantity: number; itemPrice: number; currency: string }> };
	system?: { type?: string; body?: string; waId?: string; newWaId?: string };
	poll?: PollBody;
	context?: { messageId?: string; from?: string; forwarded?: boolean; frequentlyForwarded?: boolean; referredProduct?: { catalogId?: string; productRetailerId?: string } };
	referral?: Record<string, unknown>;
	mentions?: string[];
	errors?: ProviderError[];
	/** Set in history when the author edited it (WhatsApp Web): the text or caption holds the new body. */
	edited?: { at: string; previousBody: string };
	/** Set in history when it was deleted for everyone (WhatsApp Web); the content stays for the tenant's records. */
	revoked?: { at: string };
	/** Starred on this account's devices (WhatsApp Web). */
	starred?: boolean;
	/** A poll's current votes in history, by voter (WhatsApp Web). */
	pollVotes?: Record<string, { options: string[]; at: string }>;
}

export const STATUS_VALUES = ['pending', 'sent', 'delivered', 'read', 'played', 'failed', 'deleted'] as const;
export type DeliveryStatus = (typeof STATUS_VALUES)[number];

/** Later statuses never give way to earlier ones: a `delivered` arriving after `read` changes nothing. */
export const STATUS_RANK: Record<DeliveryStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3, played: 4, failed: 5, deleted: 6 };

export interface NormalizedStatus {
	messageId: string;
	channel: ChannelKind;
	account: AccountRef;
	recipient: string;
	status: DeliveryStatus;
	timestamp: string;
	errors?: ProviderError[];
	conversation?: { id?: string; expiresAt?: string; originType?: string };
	pricing?: { billable?: boolean; pricingModel?: string; category?: string; type?: string };
	bizOpaqueCallbackData?: string;
}
