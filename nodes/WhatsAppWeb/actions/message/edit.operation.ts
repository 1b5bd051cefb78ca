import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { editWebMessage } from '../../../shared/transport/api/webChats';
import { messageIdField, messageIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField({ description: 'A message this session sent (its ID from Send Text, or from the trigger for messages sent from the phone). WhatsApp allows edits for 15 minutes.' }),
	{ displayName: 'New Text', name: 'text', type: 'string', typeOptions: { rows: 3 }, default: '', required: true, description: 'Replaces the text, or the caption of an image, video or document; the chat shows the message as edited' },
];

/** The edited message, as the Get Messages operation shows messages. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = messageIdOf(this, itemIndex);
	const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
	if (text.trim() === '') throw new NodeOperationError(this.getNode(), 'New Text: enter the text the message should show', { itemIndex });
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await editWebMessage(this, session, message.id, text, itemIndex)) };
}
