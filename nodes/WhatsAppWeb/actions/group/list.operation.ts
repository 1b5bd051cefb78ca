import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebGroups } from '../../../shared/transport/api/webGroups';
import { limitFields, limitOf } from '../chat/listLimit';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [accountSessionField, ...limitFields];

/** One item per group the account is in, most recent first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const session = await resolvedSessionNameOf(this, itemIndex);
	const groups = await listWebGroups(this, session, limitOf(this, itemIndex), itemIndex);
	return groups.map((group) => ({ session, ...group }));
}
