import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { sendFromNode, sendOptionsField } from '../common/envelope';
import { buildMessageContent, messageContentFields } from '../common/messageContent';
import { recipientField, senderField, senderOf } from '../common/sender';

const quotedMessageField: INodeProperties = {
	displayName: 'Message ID to Reply To',
	name: 'replyTo',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'wamid.HBgL…',
	description: 'The WhatsApp ID of the received message to quote (the trigger\'s message ID)',
};

export const description: INodeProperties[] = [senderField, recipientField, quotedMessageField, ...messageContentFields, sendOptionsField];

/** A send that quotes an earlier message: the recipient sees the original above the answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const from = senderOf(this, itemIndex);
	const content = await buildMessageContent(this, itemIndex, from);
	return sendFromNode(this, itemIndex, content, { from, to: this.getNodeParameter('to', itemIndex) as string, replyTo: (this.getNodeParameter('replyTo', itemIndex) as string).trim() });
}
