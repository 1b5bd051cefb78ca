import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { sendFromNode, sendOptionsField } from '../common/envelope';
import { buildMessageContent, messageContentFields } from '../common/messageContent';
import { recipientField, senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [senderField, recipientField, ...messageContentFields, sendOptionsField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const from = senderOf(this, itemIndex);
	const content = await buildMessageContent(this, itemIndex, from);
	return sendFromNode(this, itemIndex, content, { from, to: this.getNodeParameter('to', itemIndex) as string });
}
