import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toUserId } from '../common/chat';
import { listedValues } from '../../../shared/listInput';

const GROUP_ID = /^[0-9]{5,40}(-[0-9]{5,20})?@g\.us$/;

export const groupIdField: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '120363025246125486@g.us',
	description: 'The group\'s chat ID (…@g.us), e.g. the trigger\'s "chatId" or the ID from Group › Create',
};

export function participantsField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 202 555 0108, 12025550109@c.us',
		description: 'Phone numbers in international format or user IDs (…@c.us), separated by commas or new lines; an array from an expression works too',
		...overrides,
	} as INodeProperties;
}

/** Reads the group id, failing with the field's name when it is not a group chat id. */
export function groupIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('groupId', itemIndex, '') ?? '').trim();
	if (!GROUP_ID.test(raw)) {
		throw new NodeOperationError(context.getNode(), `Group ID: "${raw}" is not a group chat ID`, { itemIndex, description: 'Group chat IDs end in @g.us, like 120363025246125486@g.us. A person\'s chat (…@c.us) is not a group.' });
	}
	return raw;
}

/** People to add or change, as user ids; each bad entry is named with its position. Repeats are dropped. */
export function participantsOf(context: IExecuteFunctions, itemIndex: number, options: { allowEmpty?: boolean } = {}): string[] {
	const entries = listedValues(context.getNodeParameter('participants', itemIndex, ''));
	if (entries.length === 0 && !options.allowEmpty) throw new NodeOperationError(context.getNode(), 'Participants: give at least one phone number or user ID', { itemIndex });
	const ids = entries.map((entry, index) => {
		const id = toUserId(entry);
		if (!id) {
			throw new NodeOperationError(context.getNode(), `Participants: entry ${index + 1} ("${entry}") is not a phone number or a user ID`, { itemIndex, description: 'Give phone numbers in international format (+1 202 555 0108) or user IDs like 12025550108@c.us.' });
		}
		return id;
	});
	return [...new Set(ids)];
}
