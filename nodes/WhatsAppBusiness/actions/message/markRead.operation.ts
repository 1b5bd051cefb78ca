import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { markMessageRead } from '../../../shared/transport/api/messages';
import { senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [
	senderField,
	{ displayName: 'Message ID', name: 'messageId', type: 'string', default: '', required: true, placeholder: 'wamid.HBgL…', description: 'The WhatsApp ID of the received message; earlier messages in the chat are marked read too' },
	{ displayName: 'Show Typing Indicator', name: 'typing', type: 'boolean', default: false, description: 'Whether to also show "typing…" to the user until you reply (at most 25 seconds)' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const messageId = (this.getNodeParameter('messageId', itemIndex) as string).trim();
	const typing = this.getNodeParameter('typing', itemIndex, false) as boolean;
	const from = senderOf(this, itemIndex);
	await markMessageRead(this, { channel: 'cloud', ...(from ? { from } : {}), messageId, typing }, itemIndex);
	return { success: true, messageId, typing };
}
