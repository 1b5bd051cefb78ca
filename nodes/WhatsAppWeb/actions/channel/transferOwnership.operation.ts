import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { transferWebChannel } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf, personField, personOf } from './channelFields';

export const description: INodeProperties[] = [
	accountSessionField,
	{ ...channelIdField, description: 'The ID (…@newsletter) of a channel this account owns' },
	{ ...personField('The new owner, who must already be an admin of the channel'), displayName: 'New Owner' },
	{ displayName: 'Stay Admin', name: 'stayAdmin', type: 'boolean', default: true, description: 'Whether this account stays an admin of the channel (off: it only follows it)' },
];

/** Hands the channel over; outputs {success, channelId, owner, role} with this account's role afterwards. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const user = personOf(this, itemIndex, 'New Owner');
	const stayAdmin = this.getNodeParameter('stayAdmin', itemIndex, true) as boolean;
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await transferWebChannel(this, session, channelId, { user, dismissSelfAsAdmin: !stayAdmin }, itemIndex)) };
}
