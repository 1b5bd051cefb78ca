import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listWebGroupJoinRequests } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf } from './groupFields';

export const description: INodeProperties[] = [accountSessionField, groupIdField];

/** One item per pending request to join (groups that approve new members; admins only). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return (await listWebGroupJoinRequests(this, session, groupId, itemIndex)).map((request) => ({ session, groupId, ...request }));
}
