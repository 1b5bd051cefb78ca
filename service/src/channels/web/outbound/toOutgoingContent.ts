import type { MediaInput, MediaPresentation, OutgoingContent, SendOptions, WebMedia } from '../driver';
import { invalidField } from '../../../shared/errors';
import type { MediaSource, MediaType, OutboundMessage } from '../../messages';
import { toUserId } from '../normalize/chatIds';
import { contactToVCard } from '../normalize/vcard';
import { fetchMedia, type MediaFetchLimits } from './mediaFetcher';
import { mediaTypeOf } from './validateWebOutbound';

/** Where media bytes come from besides the request: links, and media the session already has (by message id). */
export interface MediaSources {
	readonly limits: MediaFetchLimits;
	/** Media of a message the session still holds; undefined when it has none (or it expired). */
	mediaOfMessage(messageId: string): Promise<WebMedia | undefined>;
}

const PRESENTATION: Record<MediaType, (source: MediaSource) => MediaPresentation> = {
	image: () => 'auto',
	video: () => 'auto',
	audio: (source) => (source.voice ? 'voice' : 'auto'),
	// A document stays a document even when its type is an image.
	document: () => 'document',
	sticker: () => 'sticker',
};

/** A validated outbound message (not a reaction) as driver content and options. */
export async function toOutgoingContent(message: OutboundMessage, sources: MediaSources): Promise<{ content: OutgoingContent; options: SendOptions }> {
	const options: SendOptions = {
		...(message.replyTo ? { quotedMessageId: message.replyTo } : {}),
		...(message.mentions?.length ? { mentions: message.mentions.map((mention) => toUserId(mention) as string) } : {}),
	};
	const media = mediaTypeOf(message);
	if (media) {
		const source = message[media] as MediaSource;
		return {
			content: { kind: 'media', media: await resolveMedia(`body.${media}`, source, sources), as: PRESENTATION[media](source), ...(source.caption ? { caption: source.caption } : {}) },
			options,
		};
	}
	switch (message.type) {
		case 'text':
			return { content: { kind: 'text', text: message.text?.body ?? '', ...(message.text?.previewUrl !== undefined ? { linkPreview: message.text.previewUrl } : {}) }, options };
		case 'location':
			return { content: { kind: 'location', ...(message.location as NonNullable<OutboundMessage['location']>) }, options };
		case 'contacts':
			return { content: { kind: 'contact', vcard: contactToVCard((message.contacts ?? [])[0] as NonNullable<OutboundMessage['contacts']>[number]) }, options };
		case 'poll': {
			const poll = message.poll as NonNullable<OutboundMessage['poll']>;
			return { content: { kind: 'poll', name: poll.name, options: poll.options, allowMultipleAnswers: poll.allowMultipleAnswers === true }, options };
		}
		default:
			throw invalidField('body.type', `${message.type} cannot be sent as content on the web channel`);
	}
}

async function resolveMedia(field: string, source: MediaSource, sources: MediaSources): Promise<MediaInput> {
	const filename = source.filename ? { filename: source.filename } : {};
	if (source.base64 !== undefined) return { mimetype: source.mimeType as string, data: source.base64.replace(/\s/g, ''), ...filename };
	if (source.link !== undefined) {
		const fetched = await fetchMedia(source.link, `${field}.link`, sources.limits);
		const mimetype = source.mimeType ?? fetched.contentType;
		if (!mimetype) throw invalidField(`${field}.mimeType`, 'is required: the link did not say what type its content is');
		if (fetched.data.length === 0) throw invalidField(`${field}.link`, 'returned no content');
		const name = source.filename ?? fetched.filename;
		return { mimetype, data: fetched.data.toString('base64'), ...(name ? { filename: name } : {}) };
	}
	const held = await sources.mediaOfMessage(source.id as string);
	if (!held) throw invalidField(`${field}.id`, 'is not a message with media this session still has');
	return { mimetype: source.mimeType ?? held.mimetype, data: held.data, ...(source.filename ? filename : held.filename ? { filename: held.filename } : {}) };
}
