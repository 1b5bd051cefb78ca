import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { newMessages, newMessagesDescription } from '../../../shared/newMessages';
import type { OperationResult } from '../../../shared/router';

export const description: INodeProperties[] = newMessagesDescription({ displayName: 'Session', name: 'account', type: 'string', default: '', placeholder: 'sales-phone', description: 'Only messages of this WhatsApp Web session (its name)' });

/**
 * WhatsApp Web messages of every chat, oldest first, as the service stored them: what arrived while no trigger was
 * listening, or a polling flow's next batch. A message is listed once it is two seconds old.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return newMessages(this, itemIndex, 'web');
}
