import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { joinWebGroup } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Invite Link', name: 'invite', type: 'string', default: '', required: true, placeholder: 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv', description: 'A group invite link, or just its code' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const invite = String(this.getNodeParameter('invite', itemIndex, '') ?? '').trim();
	if (!invite) throw new NodeOperationError(this.getNode(), 'Invite Link: give a https://chat.whatsapp.com/… link or its code', { itemIndex });
	const session = await resolvedSessionNameOf(this, itemIndex);
	const joined = await joinWebGroup(this, session, invite, itemIndex);
	return { session, groupId: joined.groupId, joined: true };
}
