import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { deleteWebMessage } from '../../../shared/transport/api/webChats';
import { messageIdField, messageIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField({ description: 'The message to delete, e.g. its ID from Send Text or from the WhatsApp Web Trigger' }),
	{
		displayName: 'Delete For',
		name: 'deleteFor',
		type: 'options',
		options: [
			{ name: 'Everyone', value: 'everyone', description: 'The chat shows "This message was deleted" (only messages this session sent)' },
			{ name: 'This Device Only', value: 'me', description: 'Removed from this session; the others still see it' },
		],
		default: 'everyone',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = messageIdOf(this, itemIndex);
	const forEveryone = this.getNodeParameter('deleteFor', itemIndex, 'everyone') !== 'me';
	const session = await resolvedSessionNameOf(this, itemIndex);
	const deleted = await deleteWebMessage(this, session, message.id, forEveryone, itemIndex);
	return { session, chatId: message.chatId, messageId: deleted.messageId, deleted: true, forEveryone: deleted.forEveryone };
}
