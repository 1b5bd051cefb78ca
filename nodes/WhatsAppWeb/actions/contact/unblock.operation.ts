import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { blockUsersField, changeBlocked } from '../../../shared/actions/blocklist';
import type { OperationResult } from '../../../shared/router';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField, blockUsersField];

/** They can message the session again, and it them. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return changeBlocked(this, itemIndex, 'web', await resolvedSessionNameOf(this, itemIndex), 'unblock');
}
