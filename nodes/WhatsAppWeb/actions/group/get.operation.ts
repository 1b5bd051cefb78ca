import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getWebGroup } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf } from './groupFields';

export const description: INodeProperties[] = [accountSessionField, groupIdField];

/** Subject, description, settings and every participant with their role. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await getWebGroup(this, session, groupId, itemIndex)) };
}
