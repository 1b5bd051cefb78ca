import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export interface ReplyWaitRequest extends IDataObject {
	/** Our id (msg_…) of the message that asked the question: its chat and account are the ones to listen to. */
	messageId: string;
	/** Where the reply (or the expiry) is POSTed: n8n's signed resume URL. */
	targetUrl: string;
	/** Signs the delivery; chosen by the node so it can check it again when resumed. */
	secret: string;
	/** Only these inbound message types end the wait; empty for any. */
	messageTypes?: string[];
	/** ISO time after which a `reply.timeout` event is delivered instead; omitted waits until a reply. */
	expiresAt?: string;
}

export interface ReplyWait extends IDataObject {
	id: string;
	messageId: string;
	channel: 'cloud' | 'web';
	account: string;
	chatId: string;
	expiresAt: string | null;
	createdAt: string;
}

/** Arms a one-shot listener for the first reply in the chat a message went to. */
export async function createReplyWait(context: ServiceContext, request: ReplyWaitRequest, itemIndex?: number): Promise<ReplyWait> {
	return serviceRequest<ReplyWait>(context, 'whatsAppTenantApi', { method: 'POST', path: '/v1/reply-waits', body: request, itemIndex });
}
