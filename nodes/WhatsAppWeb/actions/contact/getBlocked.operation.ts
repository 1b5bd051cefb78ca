import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { blockedPeople } from '../../../shared/actions/blocklist';
import type { OperationResult } from '../../../shared/router';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField];

/** One item per person the session has blocked. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	return blockedPeople(this, itemIndex, 'web', await resolvedSessionNameOf(this, itemIndex));
}
