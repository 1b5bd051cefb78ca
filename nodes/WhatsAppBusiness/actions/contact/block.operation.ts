import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { blockUsersField, changeBlocked } from '../../../shared/actions/blocklist';
import type { OperationResult } from '../../../shared/router';
import { senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [senderField, blockUsersField];

/** Blocked people can no longer message the number, nor it them. Meta blocks only people who wrote in the last 24 hours: others get their own result (ok false, code 131047), the item does not fail. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return changeBlocked(this, itemIndex, 'cloud', senderOf(this, itemIndex), 'block');
}
