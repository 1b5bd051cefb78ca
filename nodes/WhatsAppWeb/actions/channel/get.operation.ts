import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { findWebChannel, getWebChannel } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf } from './channelFields';

export const description: INodeProperties[] = [
	accountSessionField,
	{
		displayName: 'By',
		name: 'by',
		type: 'options',
		default: 'id',
		options: [
			{ name: 'ID', value: 'id', description: 'A channel this account owns, administers or follows' },
			{ name: 'Invite Link', value: 'invite', description: 'Any public channel, followed or not' },
		],
	},
	{ ...channelIdField, displayOptions: { show: { by: ['id'] } } },
	{ displayName: 'Invite Link', name: 'invite', type: 'string', default: '', required: true, placeholder: 'https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp', description: 'A channel invite link, or just its code', displayOptions: { show: { by: ['invite'] } } },
];

/** Name, description, this account's role, invite link, follower count (for owners and admins) and verification. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const by = this.getNodeParameter('by', itemIndex, 'id') as 'id' | 'invite';
	if (by === 'invite') {
		const invite = String(this.getNodeParameter('invite', itemIndex, '') ?? '').trim();
		if (!invite) throw new NodeOperationError(this.getNode(), 'Invite Link: give a https://whatsapp.com/channel/… link or its code', { itemIndex });
		const session = await resolvedSessionNameOf(this, itemIndex);
		return { session, ...(await findWebChannel(this, session, invite, itemIndex)) };
	}
	const channelId = channelIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await getWebChannel(this, session, channelId, itemIndex)) };
}
