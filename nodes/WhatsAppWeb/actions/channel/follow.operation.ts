import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { followWebChannel } from '../../../shared/transport/api/webChannels';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { channelIdField, channelIdOf } from './channelFields';

export const description: INodeProperties[] = [
	accountSessionField,
	{ ...channelIdField, description: 'The channel\'s ID (…@newsletter), e.g. from Channel › Get by invite link' },
	{ displayName: 'Following', name: 'following', type: 'boolean', default: true, description: 'Whether to follow the channel (off unfollows it); its posts then arrive like other messages' },
];

/** Outputs {success, channelId, following}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const channelId = channelIdOf(this, itemIndex);
	const following = this.getNodeParameter('following', itemIndex, true) as boolean;
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await followWebChannel(this, session, channelId, following, itemIndex)) };
}
