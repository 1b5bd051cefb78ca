import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { revokeWebChannelAdminInvite } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf, personField, personOf } from './channelFields';

export const description: INodeProperties[] = [accountSessionField, { ...channelIdField, description: 'The ID (…@newsletter) of a channel this account owns' }, personField('Whose invite to withdraw')];

/** Withdraws an admin invite the person has not accepted yet; outputs {success, channelId, userId, revoked}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const userId = personOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await revokeWebChannelAdminInvite(this, session, channelId, userId, itemIndex)) };
}
