import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { setWebChatTyping, type TypingState } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	chatField,
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'Typing…', value: 'typing', description: 'Shows for about 25 seconds unless sent again' },
			{ name: 'Recording Audio…', value: 'recording', description: 'Shows for about 25 seconds unless sent again' },
			{ name: 'Clear', value: 'paused', description: 'Stop showing typing or recording' },
		],
		default: 'typing',
	},
];

/** Shows "typing…" or "recording audio…" in the chat (e.g. while an AI agent writes the answer). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	const chatId = chatIdOf(this, itemIndex);
	const state = this.getNodeParameter('state', itemIndex) as TypingState;
	await setWebChatTyping(this, session, chatId, state, itemIndex);
	return { session, chatId, state };
}
