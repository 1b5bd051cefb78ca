import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { idempotencyKeyFor } from '../../../shared/idempotency';
import { sendMessage, type MessageContent, type OutboundMessage, type SentMessage } from '../../../shared/transport/api/messages';
import { idempotencyKeyOption, trackingDataOption } from './sender';

/** Options every sending operation offers. */
export const sendOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'sendOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [idempotencyKeyOption, trackingDataOption],
};

/**
 * Sends on the Cloud channel with this node's envelope: the chosen sender, tracking data, and an Idempotency-Key
 * so a retried item is answered from the first send.
 */
export async function sendFromNode(context: IExecuteFunctions, itemIndex: number, message: MessageContent, envelope: { to: string; from: string | undefined; replyTo?: string }): Promise<SentMessage> {
	const options = context.getNodeParameter('sendOptions', itemIndex, {}) as IDataObject;
	const trackingData = String(options.trackingData ?? '').trim();
	return sendMessage(
		context,
		{
			channel: 'cloud',
			...(envelope.from ? { from: envelope.from } : {}),
			to: envelope.to,
			...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
			...(trackingData ? { bizOpaqueCallbackData: trackingData } : {}),
			...message,
		} as OutboundMessage,
		{ idempotencyKey: idempotencyKeyFor(context, itemIndex, String(options.idempotencyKey ?? '').trim() || undefined), itemIndex },
	);
}
