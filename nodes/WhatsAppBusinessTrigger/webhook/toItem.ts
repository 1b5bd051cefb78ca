import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import type { EventEnvelope, NormalizedMessage } from '../../shared/events/envelope';
import { downloadMedia } from '../../shared/transport/api/media';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

/**
 * Where template and account events keep Meta's own event name (their data's `event`), so that `event` always names
 * the event type: a template's new status reads like a message status, an account update's event says what it is.
 */
const META_EVENT_AS: Record<string, string> = { 'template.status': 'status', 'account.update': 'accountEvent' };

/** One item per event: the message or status itself, with the event's id, type and time beside it. */
export async function toItem(context: IWebhookFunctions, envelope: EventEnvelope, options: IDataObject): Promise<INodeExecutionData> {
	const { event: metaEvent, ...data } = envelope.data as IDataObject;
	const json: IDataObject = {
		...data,
		...(metaEvent !== undefined ? { [META_EVENT_AS[envelope.type] ?? 'metaEvent']: metaEvent } : {}),
		event: envelope.type,
		eventId: envelope.id,
		occurredAt: envelope.occurredAt,
		...(options.includeRaw === true && envelope.raw !== undefined ? { raw: envelope.raw as IDataObject } : {}),
	};
	const message = envelope.data as NormalizedMessage;
	if (options.downloadMedia !== true || envelope.type !== 'message.received' || !MEDIA_TYPES.includes(message.type) || !message.media?.id) return { json };

	// A failed download must not lose the message: the item still comes out, saying why the file is missing.
	try {
		const media = await downloadMedia(context, message.media.id, message.account?.id);
		const property = String(options.binaryPropertyName ?? '').trim() || 'data';
		const binary = await context.helpers.prepareBinaryData(media.content, media.filename ?? message.media.filename, media.mimeType);
		return { json, binary: { [property]: binary } };
	} catch (error) {
		return { json: { ...json, mediaDownloadError: (error as Error).message } };
	}
}
