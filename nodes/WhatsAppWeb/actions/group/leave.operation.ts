import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { leaveWebGroup } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf } from './groupFields';

export const description: INodeProperties[] = [accountSessionField, groupIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	await leaveWebGroup(this, session, groupId, itemIndex);
	return { session, groupId, left: true };
}
