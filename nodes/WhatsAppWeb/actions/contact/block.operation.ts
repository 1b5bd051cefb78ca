import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { blockUsersField, changeBlocked } from '../../../shared/actions/blocklist';
import type { OperationResult } from '../../../shared/router';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField, blockUsersField];

/** Blocked people can no longer message the session, nor it them; someone WhatsApp does not know gets their own result. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return changeBlocked(this, itemIndex, 'web', await resolvedSessionNameOf(this, itemIndex), 'block');
}
