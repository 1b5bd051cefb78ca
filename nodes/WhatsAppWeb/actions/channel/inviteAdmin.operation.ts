import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { inviteWebChannelAdmin } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf, personField, personOf } from './channelFields';

export const description: INodeProperties[] = [
	accountSessionField,
	{ ...channelIdField, description: 'The ID (…@newsletter) of a channel this account owns' },
	personField('Who to invite'),
	{ displayName: 'Comment', name: 'comment', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'A note shown with the invite (optional)' },
];

/** WhatsApp sends the person an invite they accept on their phone; outputs {success, channelId, userId, invited}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const user = personOf(this, itemIndex);
	const comment = String(this.getNodeParameter('comment', itemIndex, '') ?? '').trim();
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await inviteWebChannelAdmin(this, session, channelId, { user, ...(comment ? { comment } : {}) }, itemIndex)) };
}
