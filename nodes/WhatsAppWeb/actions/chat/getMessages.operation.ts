import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebChatMessages } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { limitFields, limitOf } from './listLimit';

export const description: INodeProperties[] = [accountSessionField, chatField, ...limitFields];

/** The chat's newest messages, oldest first, in the same shape as the trigger's message events. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	return listWebChatMessages(this, session, chatIdOf(this, itemIndex), limitOf(this, itemIndex), itemIndex);
}
