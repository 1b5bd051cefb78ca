import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { idempotencyKeyFor } from '../../../shared/idempotency';
import { asNodeError } from '../../../shared/router';
import { sendMessage, type OutboundMessage } from '../../../shared/transport/api/messages';
import { createReplyWait } from '../../../shared/transport/api/replyWaits';
import { sendAndWaitFields } from '../../sendAndWait/description';
import { buildPrompt } from '../../sendAndWait/prompt';
import { encodeSpec, newNonce } from '../../sendAndWait/replySpec';
import { replySecret } from '../../sendAndWait/replySecret';
import { waitWindow } from '../../sendAndWait/waitTime';
import { senderOf } from '../common/sender';

export const description: INodeProperties[] = sendAndWaitFields;

/**
 * Asks the question, asks the service to forward the first answer in that chat to this execution's signed
 * resume URL, and puts the execution to wait. One question per execution: it uses the first input item.
 *
 * The nonce comes from the idempotency key, so a retry that finds the question already sent (the service answers
 * from the first send) arms the wait for the same buttons the user sees.
 */
export async function executeSendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const options = this.getNodeParameter('waitOptions', 0, {}) as IDataObject;
		const idempotencyKey = idempotencyKeyFor(this, 0, String(options.idempotencyKey ?? '').trim() || undefined);
		const nonce = idempotencyKey ? createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 12) : newNonce();
		const prompt = buildPrompt(this, nonce);
		const window = waitWindow(this);
		const from = senderOf(this, 0);
		const sent = await sendMessage(this, { channel: 'cloud', ...(from ? { from } : {}), to: this.getNodeParameter('to', 0) as string, ...prompt.message } as OutboundMessage, { idempotencyKey, itemIndex: 0 });
		const credentials = await this.getCredentials('whatsAppTenantApi');
		await createReplyWait(
			this,
			{
				messageId: sent.id,
				targetUrl: this.getSignedResumeUrl(encodeSpec(prompt.spec)),
				secret: replySecret(String(credentials.apiKey ?? ''), prompt.spec.nonce),
				messageTypes: prompt.answerTypes,
				...(window.expiresAt ? { expiresAt: window.expiresAt.toISOString() } : {}),
			},
			0,
		);
		await this.putExecutionToWait(window.waitTill);
		return [this.getInputData()];
	} catch (error) {
		if (this.continueOnFail()) return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
		throw asNodeError(this, error, 0);
	}
}
