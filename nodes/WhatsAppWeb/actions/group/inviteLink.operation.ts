import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { webGroupInvite } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf } from './groupFields';

export const description: INodeProperties[] = [
	accountSessionField,
	groupIdField,
	{ displayName: 'Reset Link', name: 'reset', type: 'boolean', default: false, description: 'Whether to make a new link; the old one stops working' },
];

/** Anyone with the link can join: only admins see it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const reset = this.getNodeParameter('reset', itemIndex, false) as boolean;
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await webGroupInvite(this, session, groupId, reset, itemIndex)), reset };
}
