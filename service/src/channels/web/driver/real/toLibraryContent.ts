import { Location, MessageMedia, Poll, type MessageContent, type MessageSendOptions } from 'whatsapp-web.js';
import type { MediaContent, OutgoingContent, SendOptions } from '../outgoingContent';

/**
 * Our content to what Client.sendMessage wants. The library dispatches on `instanceof`, so these must
 * be its own classes; a contact card goes as vCard text, which the library parses (parseVCards).
 */
export function toLibraryMessage(
	content: OutgoingContent,
	options: SendOptions = {},
): { content: MessageContent; options: MessageSendOptions } {
	const common: MessageSendOptions = {
		quotedMessageId: options.quotedMessageId,
		mentions: options.mentions ? [...options.mentions] : undefined,
		sendSeen: options.sendSeen,
	};
	switch (content.kind) {
		case 'text':
			return { content: content.text, options: { ...common, linkPreview: content.linkPreview } };
		case 'media':
			return {
				content: new MessageMedia(content.media.mimetype, content.media.data, content.media.filename ?? null),
				options: { ...common, ...mediaOptions(content) },
			};
		case 'location':
			return {
				content: new Location(content.latitude, content.longitude, {
					name: content.name,
					address: content.address,
					url: content.url,
				}),
				options: common,
			};
		case 'contact':
			return { content: content.vcard.trim(), options: { ...common, parseVCards: true } };
		case 'poll':
			return {
				content: new Poll(content.name, [...content.options], {
					allowMultipleAnswers: content.allowMultipleAnswers === true,
					messageSecret: undefined,
				}),
				options: common,
			};
	}
}

function mediaOptions(content: MediaContent): MessageSendOptions {
	const options: MessageSendOptions = { caption: content.caption, isViewOnce: content.viewOnce };
	switch (content.as ?? 'auto') {
		case 'document':
			return { ...options, sendMediaAsDocument: true };
		case 'voice':
			return { ...options, sendAudioAsVoice: true };
		case 'gif':
			return { ...options, sendVideoAsGif: true };
		case 'sticker':
			return {
				...options,
				sendMediaAsSticker: true,
				stickerName: content.sticker?.name,
				stickerAuthor: content.sticker?.author,
				stickerCategories: content.sticker?.categories ? [...content.sticker.categories] : undefined,
			};
		case 'auto':
			return options;
	}
}
