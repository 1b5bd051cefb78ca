/** Media to send: the bytes travel base64-encoded, as the library's MessageMedia wants them. */
export interface MediaInput {
	readonly mimetype: string;
	/** Base64 without a data: prefix. */
	readonly data: string;
	readonly filename?: string;
}

/**
 * How media is presented. `auto` lets the mimetype decide (image/video/audio/document);
 * voice = push-to-talk (ptt), gif = video shown as gif, sticker = converted to webp by the library
 * (video stickers need ffmpeg).
 */
export type MediaPresentation = 'auto' | 'document' | 'voice' | 'sticker' | 'gif';

export interface TextContent {
	readonly kind: 'text';
	readonly text: string;
	/** Library default is true. */
	readonly linkPreview?: boolean;
}

export interface MediaContent {
	readonly kind: 'media';
	readonly media: MediaInput;
	readonly caption?: string;
	readonly as?: MediaPresentation;
	readonly viewOnce?: boolean;
	readonly sticker?: { readonly name?: string; readonly author?: string; readonly categories?: readonly string[] };
}

export interface LocationContent {
	readonly kind: 'location';
	readonly latitude: number;
	readonly longitude: number;
	readonly name?: string;
	readonly address?: string;
	readonly url?: string;
}

/** A contact card as a vCard 3.0 text (BEGIN:VCARD ... END:VCARD); the library parses it. */
export interface ContactCardContent {
	readonly kind: 'contact';
	readonly vcard: string;
}

export interface PollContent {
	readonly kind: 'poll';
	readonly name: string;
	readonly options: readonly string[];
	readonly allowMultipleAnswers?: boolean;
}

/** Everything the product sends through WhatsApp Web, in our own types (no library classes). */
export type OutgoingContent = TextContent | MediaContent | LocationContent | ContactCardContent | PollContent;

export interface SendOptions {
	/** Serialized id of the message to reply to. */
	readonly quotedMessageId?: string;
	/** User ids (`<digits>@c.us` or `@lid`) mentioned in the text/caption. */
	readonly mentions?: readonly string[];
	/** Mark the chat seen before sending; library default is true. */
	readonly sendSeen?: boolean;
}
