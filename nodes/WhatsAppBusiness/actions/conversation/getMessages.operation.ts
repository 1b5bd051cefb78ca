import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listConversationMessages } from '../../../shared/transport/api/conversations';
import { requestedLimit, returnAllFields } from '../../../shared/listFields';

export const description: INodeProperties[] = [
	{ displayName: 'Conversation ID', name: 'conversationId', type: 'string', default: '', required: true, description: 'From Conversation › List, or a sent message\'s conversationId' },
	...returnAllFields,
];

/** The conversation's messages in both directions, with their delivery status. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const conversationId = (this.getNodeParameter('conversationId', itemIndex) as string).trim();
	return listConversationMessages(this, conversationId, {}, requestedLimit(this, itemIndex), itemIndex);
}
