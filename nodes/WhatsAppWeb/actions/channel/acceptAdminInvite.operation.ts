import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { acceptWebChannelAdminInvite } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf } from './channelFields';

export const description: INodeProperties[] = [accountSessionField, { ...channelIdField, description: 'The ID (…@newsletter) of the channel whose admin invite this account received' }];

/** This account becomes an admin of the channel; outputs {success, channelId, role}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await acceptWebChannelAdminInvite(this, session, channelId, itemIndex)) };
}
