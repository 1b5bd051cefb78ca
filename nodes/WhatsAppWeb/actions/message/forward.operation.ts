import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { forwardWebMessage } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf, messageIdField, messageIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField({ description: 'The message to forward, e.g. the message ID from the WhatsApp Web Trigger' }),
	{ ...chatField, displayName: 'To Chat', description: 'Where to forward it: a phone number with country code, or a chat ID (…@c.us, …@g.us)' },
];

/** The message arrives in the chat marked as forwarded; the copy also reaches the trigger as message.sent. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const message = messageIdOf(this, itemIndex);
	const chatId = chatIdOf(this, itemIndex, 'chatId', 'To Chat');
	const session = await resolvedSessionNameOf(this, itemIndex);
	const forwarded = await forwardWebMessage(this, session, message.id, chatId, itemIndex);
	return { session, messageId: forwarded.messageId, fromChatId: message.chatId, chatId: forwarded.to, forwarded: true };
}
