import { MEDIA_TYPES, type MediaSource, type MediaType, type OutboundMessage } from '../../messages';

/**
 * The normalized message as Meta's send body (contract A.1). Media given inline (base64) must have been uploaded
 * first; its media id is passed in `uploadedMediaId`.
 */
export function toGraphMessage(message: OutboundMessage, uploadedMediaId?: string): Record<string, unknown> {
	const body: Record<string, unknown> = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to, type: message.type };
	if (message.replyTo) body.context = { message_id: message.replyTo };
	if (message.bizOpaqueCallbackData !== undefined) body.biz_opaque_callback_data = message.bizOpaqueCallbackData;
	const mediaType = mediaTypeOf(message);
	if (mediaType) {
		body[mediaType] = graphMedia(mediaType, message[mediaType] as MediaSource, uploadedMediaId);
		return body;
	}
	switch (message.type) {
		case 'text':
			body.text = { body: message.text?.body, ...(message.text?.previewUrl !== undefined ? { preview_url: message.text.previewUrl } : {}) };
			break;
		case 'location': {
			const { latitude, longitude, name, address } = message.location ?? ({} as NonNullable<OutboundMessage['location']>);
			body.location = { latitude, longitude, ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) };
			break;
		}
		case 'contacts':
			body.contacts = message.contacts;
			break;
		case 'interactive':
			body.interactive = message.interactive;
			break;
		case 'template': {
			const template = message.template;
			if (template) {
				const language = typeof template.language === 'string' ? { code: template.language } : template.language;
				body.template = { name: template.name, language, ...(template.components ? { components: template.components } : {}) };
			}
			break;
		}
		case 'reaction':
			body.reaction = { message_id: message.reaction?.messageId, emoji: message.reaction?.emoji };
			break;
		default:
			// poll and the like never get here: validate() refuses them on this channel.
			body[message.type] = (message as unknown as Record<string, unknown>)[message.type];
	}
	return body;
}

export function mediaTypeOf(message: OutboundMessage): MediaType | undefined {
	return (MEDIA_TYPES as readonly string[]).includes(message.type) ? (message.type as MediaType) : undefined;
}

function graphMedia(type: MediaType, source: MediaSource | undefined, uploadedMediaId: string | undefined): Record<string, unknown> {
	const media: Record<string, unknown> = {};
	if (source?.base64 !== undefined) media.id = uploadedMediaId ?? 'pending-upload';
	else if (source?.id !== undefined) media.id = source.id;
	else if (source?.link !== undefined) media.link = source.link;
	if (source?.caption !== undefined) media.caption = source.caption;
	// Only documents carry a filename on the wire; for inline media it named the uploaded file instead.
	if (type === 'document' && source?.filename !== undefined) media.filename = source.filename;
	return media;
}
