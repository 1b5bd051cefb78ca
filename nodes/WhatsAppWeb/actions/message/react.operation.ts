import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { messageIdField, messageIdOf } from '../common/chat';
import { sendOnWeb, sendOptionsField } from '../common/send';
import { accountSessionField } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField({ description: 'The message to react to, e.g. the message ID from the WhatsApp Web Trigger' }),
	{ displayName: 'Emoji', name: 'emoji', type: 'string', default: '👍', description: 'One emoji; leave empty to remove your reaction' },
	sendOptionsField({ withMentions: false, withQuote: false }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const target = messageIdOf(this, itemIndex);
	const emoji = String(this.getNodeParameter('emoji', itemIndex, '') ?? '').trim();
	return sendOnWeb(this, itemIndex, { type: 'reaction', reaction: { messageId: target.id, emoji } }, { to: target.chatId });
}
