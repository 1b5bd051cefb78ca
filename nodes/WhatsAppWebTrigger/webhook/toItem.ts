import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import type { EventEnvelope, NormalizedMessage } from '../../shared/events/envelope';
import { downloadWebMedia } from '../../shared/transport/api/webChats';
import { chatOf, isDisconnection, sessionOf } from './eventFilter';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

/**
 * One item per event: the message, status or session change itself, with the event's id, type and time, the
 * session and (for chats) whether it is a group beside it, so the next node reads `session` and `chatId` directly.
 */
export async function toItem(context: IWebhookFunctions, envelope: EventEnvelope, options: IDataObject): Promise<INodeExecutionData> {
	const chat = chatOf(envelope);
	const session = sessionOf(envelope);
	const json: IDataObject = {
		event: envelope.type,
		eventId: envelope.id,
		occurredAt: envelope.occurredAt,
		...(session ? { session } : {}),
		...(chat ? { chatType: chat.endsWith('@g.us') ? 'group' : 'individual' } : {}),
		...(envelope.type === 'session.status' ? { disconnected: isDisconnection(envelope) } : {}),
		...(envelope.data as IDataObject),
		...(options.includeRaw === true && envelope.raw !== undefined ? { raw: envelope.raw as IDataObject } : {}),
	};
	const message = envelope.data as NormalizedMessage;
	const wantsMedia = options.downloadMedia === true && envelope.type === 'message.received' && MEDIA_TYPES.includes(message.type) && session !== undefined;
	if (!wantsMedia) return { json };

	// A failed download must not lose the message: the item still comes out, saying why the file is missing.
	try {
		const media = await downloadWebMedia(context, session, message.media?.id ?? message.id);
		const property = String(options.binaryPropertyName ?? '').trim() || 'data';
		const binary = await context.helpers.prepareBinaryData(media.content, media.filename ?? message.media?.filename, media.mimeType);
		return { json, binary: { [property]: binary } };
	} catch (error) {
		return { json: { ...json, mediaDownloadError: (error as Error).message } };
	}
}
