import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { parseEnvelope, type NormalizedMessage } from '../../shared/events/envelope';
import { rawBodyOf } from '../../shared/events/rawBody';
import { verifyEventSignature } from '../../shared/events/signature';
import { matchReply } from './matchReply';
import { decodeSpec } from './replySpec';
import { replySecret } from './replySecret';

/** The service's event for a wait that ended without a reply. */
export const REPLY_TIMEOUT_EVENT = 'reply.timeout';

function refuse(context: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error });
	return { noWebhookResponse: true };
}

/**
 * Resumes the waiting execution with the user's answer. Only deliveries signed with this prompt's secret count;
 * anything else is refused without resuming, so a leaked resume URL alone cannot answer for the user.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const spec = decodeSpec(this.getQueryData() as Record<string, unknown>);
	if (!spec) return refuse(this, 400, 'This resume URL does not describe a WhatsApp reply wait');
	const credentials = await this.getCredentials('whatsAppTenantApi');
	const rawBody = rawBodyOf(this);
	const verdict = verifyEventSignature(replySecret(String(credentials.apiKey ?? ''), spec.nonce), this.getHeaderData() as Record<string, unknown>, rawBody);
	if (!verdict.valid) return refuse(this, 401, `Invalid signature: ${verdict.reason}`);

	const envelope = parseEnvelope(rawBody, this.getBodyData());
	if (!envelope) return refuse(this, 400, 'The body is not an event');
	let result: IDataObject;
	if (envelope.type === REPLY_TIMEOUT_EVENT) {
		result = { timedOut: true, matched: false, data: {}, reply: null };
	} else if (envelope.type === 'message.received') {
		const reply = envelope.data as NormalizedMessage;
		result = { timedOut: false, ...matchReply(spec, reply), reply };
	} else {
		// Not an answer: acknowledge it so it is not redelivered, and keep waiting.
		return { webhookResponse: { ignored: envelope.type } };
	}
	return { webhookResponse: { resumed: true }, workflowData: [[{ json: { ...result, eventId: envelope.id }, pairedItem: { item: 0 } }]] };
}
