import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { sendFromNode, sendOptionsField } from '../common/envelope';
import { recipientField, senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [
	senderField,
	recipientField,
	{ displayName: 'Message ID', name: 'messageId', type: 'string', default: '', required: true, placeholder: 'wamid.HBgL…', description: 'The WhatsApp ID of the message to react to (under 30 days old)' },
	{ displayName: 'Emoji', name: 'emoji', type: 'string', default: '👍', description: 'One emoji; leave empty to remove your reaction' },
	sendOptionsField,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return sendFromNode(
		this,
		itemIndex,
		{ type: 'reaction', reaction: { messageId: (this.getNodeParameter('messageId', itemIndex) as string).trim(), emoji: (this.getNodeParameter('emoji', itemIndex, '') as string).trim() } },
		{ from: senderOf(this, itemIndex), to: this.getNodeParameter('to', itemIndex) as string },
	);
}
