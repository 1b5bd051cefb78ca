import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const CHANNEL_ID = /^[0-9]{5,40}@newsletter$/;

export const channelIdField: INodeProperties = {
	displayName: 'Channel ID',
	name: 'channelId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '120363025246125486@newsletter',
	description: 'The channel\'s ID (…@newsletter), e.g. from Channel › Get Many or Get by Invite Link',
};

/** Reads the channel id, failing with the field's name when it is not one. */
export function channelIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('channelId', itemIndex, '') ?? '').trim();
	if (!CHANNEL_ID.test(raw)) {
		throw new NodeOperationError(context.getNode(), `Channel ID: "${raw}" is not a channel ID`, { itemIndex, description: 'Channel IDs end in @newsletter, like 120363025246125486@newsletter. Groups (…@g.us) and people (…@c.us) are not channels.' });
	}
	return raw;
}
