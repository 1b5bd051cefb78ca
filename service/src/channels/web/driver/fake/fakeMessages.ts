import type { WebLocation, WebMedia, WebMessageSnapshot, WebMessageType, WebPollOption } from '../messageSnapshot';
import type { MediaContent, OutgoingContent } from '../outgoingContent';
import { WebAck } from '../webEvents';
import { nowSeconds, serializeMessageId } from './fakeIds';

/** Everything needed to build one message snapshot, before the library's derivation rules are applied. */
export interface MessageDraft {
	readonly fromMe: boolean;
	readonly chatId: string;
	/** Sender inside a group. */
	readonly author?: string;
	readonly keyId: string;
	readonly type: WebMessageType;
	/** Text, caption, vCard text or poll name, depending on type. */
	readonly text: string;
	readonly media?: WebMedia;
	readonly isGif?: boolean;
	readonly duration?: number;
	readonly location?: WebLocation;
	readonly vCards?: readonly string[];
	readonly poll?: { readonly name: string; readonly options: readonly WebPollOption[]; readonly allowMultipleAnswers: boolean };
	readonly quoted?: { readonly stanzaId: string; readonly participant: string };
	readonly mentionedIds?: readonly string[];
	readonly isForwarded?: boolean;
	readonly timestamp?: number;
	readonly ack?: WebAck;
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'ptt', 'document', 'sticker']);

export function isMediaType(type: string): boolean {
	return MEDIA_TYPES.has(type);
}

function deviceTypeOf(keyId: string): 'android' | 'ios' | 'web' {
	if (keyId.length > 25) return 'android';
	return keyId.startsWith('3A') ? 'ios' : 'web';
}

/** Bytes behind a base64 string, without decoding it. */
export function base64Size(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

/** Applies whatsapp-web.js's Message derivations (body, from/to, hasMedia, deviceType...) to a draft. */
export function buildSnapshot(ownId: string, draft: MessageDraft): WebMessageSnapshot {
	const hasMedia = isMediaType(draft.type);
	const group = draft.chatId.endsWith('@g.us');
	const participant = group ? (draft.fromMe ? ownId : draft.author) : undefined;
	const body = hasMedia ? draft.text : draft.type === 'location' ? '' : draft.text;
	const snapshot: WebMessageSnapshot = {
		id: {
			fromMe: draft.fromMe,
			remote: draft.chatId,
			id: draft.keyId,
			...(participant ? { participant } : {}),
			_serialized: serializeMessageId(draft.fromMe, draft.chatId, draft.keyId, participant),
		},
		// The library: from is the chat for incoming messages, us for our own; to is the other side.
		from: draft.fromMe ? ownId : draft.chatId,
		to: draft.fromMe ? draft.chatId : ownId,
		...(participant ? { author: participant } : {}),
		body,
		type: draft.type,
		timestamp: draft.timestamp ?? nowSeconds(),
		ack: draft.ack ?? (draft.fromMe ? WebAck.PENDING : WebAck.SERVER),
		hasMedia,
		...(hasMedia && draft.media
			? {
					media: {
						mimetype: draft.media.mimetype,
						...(draft.media.filename ? { filename: draft.media.filename } : {}),
						filesize: draft.media.filesize ?? base64Size(draft.media.data),
					},
				}
			: {}),
		fromMe: draft.fromMe,
		hasQuotedMsg: draft.quoted !== undefined,
		...(draft.quoted ? { quotedStanzaId: draft.quoted.stanzaId, quotedParticipant: draft.quoted.participant } : {}),
		hasReaction: false,
		isForwarded: draft.isForwarded === true,
		forwardingScore: draft.isForwarded ? 1 : 0,
		isStatus: draft.chatId === 'status@broadcast',
		isGif: draft.isGif === true,
		broadcast: false,
		deviceType: deviceTypeOf(draft.keyId),
		mentionedIds: [...(draft.mentionedIds ?? [])],
		groupMentions: [],
		...(draft.location ? { location: { ...draft.location } } : {}),
		vCards: [...(draft.vCards ?? [])],
		...(draft.poll
			? {
					pollName: draft.poll.name,
					pollOptions: draft.poll.options.map((option) => ({ ...option })),
					allowMultipleAnswers: draft.poll.allowMultipleAnswers,
				}
			: {}),
		...(draft.duration !== undefined ? { duration: draft.duration } : {}),
		links: findLinks(hasMedia || draft.type === 'chat' ? draft.text : ''),
	};
	return snapshot;
}

/** A crude stand-in for WhatsApp Web's linkifier; enough for links[] to be non-empty when it should be. */
function findLinks(text: string): { link: string; isSuspicious: boolean }[] {
	return (text.match(/https?:\/\/[^\s]+/g) ?? []).map((link) => ({ link, isSuspicious: false }));
}

export function locationOf(input: {
	latitude: number;
	longitude: number;
	name?: string;
	address?: string;
	url?: string;
}): WebLocation {
	// Same description rule as the library's Location class.
	const description = input.name && input.address ? `${input.name}\n${input.address}` : (input.name ?? input.address ?? '');
	return {
		latitude: input.latitude,
		longitude: input.longitude,
		...(input.name ? { name: input.name } : {}),
		...(input.address ? { address: input.address } : {}),
		...(input.url ? { url: input.url } : {}),
		description,
	};
}

export function pollOptionsOf(names: readonly string[]): WebPollOption[] {
	return names.map((name, localId) => ({ name: name.trim(), localId }));
}

/** The message type WhatsApp ends up with for media sent with a given presentation. */
function outgoingMediaType(content: MediaContent): { type: WebMessageType; mimetype: string; isGif: boolean } {
	const mimetype = content.media.mimetype;
	switch (content.as ?? 'auto') {
		case 'document':
			return { type: 'document', mimetype, isGif: false };
		case 'voice':
			return { type: 'ptt', mimetype: 'audio/ogg; codecs=opus', isGif: false };
		case 'sticker':
			return { type: 'sticker', mimetype: 'image/webp', isGif: false };
		case 'gif':
			return { type: 'video', mimetype: 'video/mp4', isGif: true };
		case 'auto':
			if (mimetype.startsWith('image/')) return { type: 'image', mimetype, isGif: false };
			if (mimetype.startsWith('video/')) return { type: 'video', mimetype, isGif: false };
			if (mimetype.startsWith('audio/')) return { type: 'audio', mimetype, isGif: false };
			return { type: 'document', mimetype, isGif: false };
	}
}

/** Draft of what sendMessage produces for our own content (fields that depend on the client come in `base`). */
export function outgoingDraft(
	content: OutgoingContent,
	base: Pick<MessageDraft, 'chatId' | 'keyId' | 'quoted' | 'mentionedIds'>,
): MessageDraft {
	const common = { ...base, fromMe: true };
	switch (content.kind) {
		case 'text':
			return { ...common, type: 'chat', text: content.text };
		case 'media': {
			const { type, mimetype, isGif } = outgoingMediaType(content);
			return {
				...common,
				type,
				text: content.caption ?? '',
				isGif,
				media: {
					mimetype,
					data: content.media.data,
					...(type === 'document' && content.media.filename ? { filename: content.media.filename } : {}),
				},
			};
		}
		case 'location':
			return { ...common, type: 'location', text: '', location: locationOf(content) };
		case 'contact':
			return { ...common, type: 'vcard', text: content.vcard.trim(), vCards: [content.vcard.trim()] };
		case 'poll':
			return {
				...common,
				type: 'poll_creation',
				text: content.name.trim(),
				poll: {
					name: content.name.trim(),
					options: pollOptionsOf(content.options),
					allowMultipleAnswers: content.allowMultipleAnswers === true,
				},
			};
	}
}
