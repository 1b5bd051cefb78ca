import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { demoteWebChannelAdmin } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf, personField, personOf } from './channelFields';

export const description: INodeProperties[] = [accountSessionField, channelIdField, personField("The admin to demote (the owner demotes others; an admin may give this account's own ID to step down)")];

/** The admin becomes a follower; outputs {success, channelId, userId, demoted}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const userId = personOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await demoteWebChannelAdmin(this, session, channelId, userId, itemIndex)) };
}
