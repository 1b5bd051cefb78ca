import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getWebChatLabels } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField, chatField];

/** One item with the chat and the labels it carries. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const chatId = chatIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, chatId, labels: await getWebChatLabels(this, session, chatId, itemIndex) };
}
