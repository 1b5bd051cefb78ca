import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toUserId } from '../common/chat';

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

/** A person on WhatsApp, for the admin operations. */
export const personField = (description: string): INodeProperties => ({
	displayName: 'Person',
	name: 'user',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+1 202 555 0108',
	description: `${description}: a phone number in international format, or a user ID (…@c.us)`,
});

/** Reads the person as a user id, failing with the field's name when it is neither a phone number nor one. */
export function personOf(context: IExecuteFunctions, itemIndex: number, label = 'Person'): string {
	const raw = String(context.getNodeParameter('user', itemIndex, '') ?? '').trim();
	const userId = toUserId(raw);
	if (!userId) throw new NodeOperationError(context.getNode(), `${label}: "${raw}" is not a phone number or a user ID`, { itemIndex, description: 'Give a phone number in international format (+1 202 555 0108) or a user ID like 12025550108@c.us.' });
	return userId;
}
