import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebChats } from '../../../shared/transport/api/webChats';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { limitFields, limitOf } from './listLimit';

export const description: INodeProperties[] = [
	accountSessionField,
	...limitFields,
	{
		displayName: 'Chat Type',
		name: 'chatType',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Groups', value: 'group' },
			{ name: 'Individual', value: 'individual' },
		],
		default: 'all',
	},
];

/** One item per chat, most recent first, with its unread count and last message. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	const chats = await listWebChats(this, session, limitOf(this, itemIndex), itemIndex);
	const chatType = this.getNodeParameter('chatType', itemIndex, 'all') as string;
	const wanted = chatType === 'all' ? chats : chats.filter((chat) => chat.isGroup === (chatType === 'group'));
	return wanted.map((chat) => ({ session, ...chat }));
}
