import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { blockUsersField, changeBlocked } from '../../../shared/actions/blocklist';
import type { OperationResult } from '../../../shared/router';
import { senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [senderField, blockUsersField];

/** Unblocking has no 24-hour rule. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return changeBlocked(this, itemIndex, 'cloud', senderOf(this, itemIndex), 'unblock');
}
