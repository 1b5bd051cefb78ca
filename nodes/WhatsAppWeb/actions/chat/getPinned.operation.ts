import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebPinnedMessages } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField, chatField];

/** One item per pinned message, oldest pin first, in the same shape as the trigger's message events. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	return listWebPinnedMessages(this, session, chatIdOf(this, itemIndex), itemIndex);
}
