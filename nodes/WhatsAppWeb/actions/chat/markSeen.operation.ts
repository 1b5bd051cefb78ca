import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { markWebChatSeen } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField, chatField];

/** Blue ticks for every message of the chat so far. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	const chatId = chatIdOf(this, itemIndex);
	await markWebChatSeen(this, session, chatId, itemIndex);
	return { session, chatId, seen: true };
}
