import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { chatIdOf, messageIdField, messageIdOf } from '../common/chat';
import { sendOnWeb, sendOptionsField } from '../common/send';
import { accountSessionField } from '../common/session';
import { buildContentOfKind, contentKindFields } from '../content/replyContent';

export const description: INodeProperties[] = [
	accountSessionField,
	messageIdField({ displayName: 'Message ID to Reply To', description: 'The message to quote, e.g. the message ID from the WhatsApp Web Trigger. The reply goes to its chat.' }),
	...contentKindFields('replyWith', 'Reply With'),
	sendOptionsField({
		withMentions: true,
		withQuote: false,
		extra: [{ displayName: 'Send to Another Chat', name: 'otherChat', type: 'string', default: '', placeholder: '+1 202 555 0108', description: 'Quote the message in this chat instead of its own (e.g. reply privately to a group message)' }],
	}),
];

/** A message that quotes another; it goes to the quoted message's chat (read from its ID) unless told otherwise. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const quoted = messageIdOf(this, itemIndex, 'messageId', 'Message ID to Reply To');
	const otherChat = String(this.getNodeParameter('sendOptions.otherChat', itemIndex, '') ?? '').trim();
	const to = otherChat ? chatIdOf(this, itemIndex, 'sendOptions.otherChat', 'Send to Another Chat') : quoted.chatId;
	return sendOnWeb(this, itemIndex, await buildContentOfKind(this, itemIndex, 'replyWith'), { to, replyTo: quoted.id });
}
