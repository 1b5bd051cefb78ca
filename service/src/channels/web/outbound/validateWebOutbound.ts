import { badRequest, invalidField, notSupportedOnChannel } from '../../../shared/errors';
import { MEDIA_TYPES, type MediaSource, type MediaType, type OutboundMessage } from '../../messages';
import { parseMessageId, STATUS_CHAT, toChatId, toUserId } from '../normalize/chatIds';

/** What WhatsApp posts as a status. */
const STATUS_TYPES: readonly string[] = ['text', 'image', 'video', 'audio'];

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export function mediaTypeOf(message: OutboundMessage): MediaType | undefined {
	return (MEDIA_TYPES as readonly string[]).includes(message.type) ? (message.type as MediaType) : undefined;
}

/**
 * What WhatsApp Web can send, checked before anything is recorded: Cloud-only features answer 422 naming the
 * feature, malformed fields 400 naming the field. Shapes were already checked by the route schema.
 */
export function validateWebOutbound(message: OutboundMessage): void {
	if (message.type === 'interactive') throw notSupportedOnChannel('web', 'Interactive messages (buttons, lists, flows)');
	if (message.type === 'template') throw notSupportedOnChannel('web', 'Template messages');
	if (message.bizOpaqueCallbackData !== undefined) throw notSupportedOnChannel('web', 'bizOpaqueCallbackData');
	if (!toChatId(message.to)) throw invalidField('body.to', 'is not a WhatsApp chat id (…@c.us, …@g.us, …@lid) or a phone number in international format');
	if (message.to.trim() === STATUS_CHAT) checkStatus(message);
	if (message.replyTo !== undefined && !parseMessageId(message.replyTo)) throw invalidField('body.replyTo', 'is not a WhatsApp Web message id (true|false_<chat>_<id>)');
	message.mentions?.forEach((mention, index) => {
		if (!toUserId(mention)) throw invalidField(`body.mentions.${index}`, 'is not a user id (…@c.us, …@lid) or a phone number');
	});
	const media = mediaTypeOf(message);
	if (media) validateMediaSource(`body.${media}`, media, message[media]);
	if (message.type === 'contacts' && (message.contacts?.length ?? 0) > 1) throw notSupportedOnChannel('web', 'Several contact cards in one message');
	if (message.type === 'reaction' && message.reaction && !parseMessageId(message.reaction.messageId)) {
		throw invalidField('body.reaction.messageId', 'is not a WhatsApp Web message id (true|false_<chat>_<id>)');
	}
}

/** A status is text, an image, a video or audio, on its own: no quote, no mentions. */
function checkStatus(message: OutboundMessage): void {
	if (!STATUS_TYPES.includes(message.type)) throw invalidField('body.type', `a status is text, an image, a video or audio, not ${message.type}`);
	if (message.replyTo !== undefined) throw invalidField('body.replyTo', 'a status quotes nothing');
	if (message.mentions !== undefined) throw invalidField('body.mentions', 'a status mentions nobody');
}

function validateMediaSource(field: string, type: MediaType, source: MediaSource | undefined): void {
	if (!source) return;
	const given = (['id', 'link', 'base64'] as const).filter((key) => source[key] !== undefined);
	if (given.length !== 1) throw badRequest(`${field} needs exactly one of id, link or base64`, [{ field, message: 'needs exactly one of id, link or base64' }]);
	if (source.base64 !== undefined) {
		if (!source.mimeType) throw invalidField(`${field}.mimeType`, 'is required with base64 content');
		if (source.base64.startsWith('data:') || !BASE64.test(source.base64)) throw invalidField(`${field}.base64`, 'must be plain base64 (no data: prefix)');
	}
	if (source.id !== undefined && !parseMessageId(source.id)) throw invalidField(`${field}.id`, 'on the web channel is the id of a message (received or sent by this session) whose media to send');
	if (source.voice && type !== 'audio') throw invalidField(`${field}.voice`, 'applies to audio only');
	if (source.caption !== undefined && (type === 'audio' || type === 'sticker')) throw invalidField(`${field}.caption`, `is not shown for ${type} messages`);
}
