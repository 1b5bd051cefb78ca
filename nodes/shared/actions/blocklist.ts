import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../router';
import { changeBlocklist, listBlocked, type BlocklistChannel } from '../transport/api/blocklist';
import { listedValues } from '../listInput';

const PHONE = /^\+?[0-9][0-9 ().-]{4,30}$/;
const USER_ID = /^[0-9]{5,20}@(c\.us|lid)$/;
/** What the service takes in one call (Meta's own limit per request). */
const MAX_USERS = 1000;

/** The Block, Get Blocked and Unblock entries of a Contact resource's operation picker; `holder` is "number" or "session". */
export function blocklistOperationOptions(holder: string): INodePropertyOptions[] {
	return [
		{ name: 'Block', value: 'block', action: 'Block people', description: `They can no longer message the ${holder}, nor it them` },
		{ name: 'Get Blocked', value: 'getBlocked', action: 'Get blocked people', description: `Everyone the ${holder} has blocked` },
		{ name: 'Unblock', value: 'unblock', action: 'Unblock people' },
	];
}

/** The people to block or unblock; shared by the Business and Web nodes. */
export const blockUsersField: INodeProperties = {
	displayName: 'Phone Numbers',
	name: 'users',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+1 202 555 0108, +44 20 7946 0958',
	description: 'Phone numbers in international format (or WhatsApp IDs), separated by commas or new lines; an array from an expression works too',
};

/** Reads the people, each bad entry named by its position; at most 1,000, repeats dropped. */
export function blockUsersOf(context: IExecuteFunctions, itemIndex: number): string[] {
	const entries = listedValues(context.getNodeParameter('users', itemIndex, ''));
	if (entries.length === 0) throw new NodeOperationError(context.getNode(), 'Phone Numbers: give at least one phone number', { itemIndex });
	if (entries.length > MAX_USERS) throw new NodeOperationError(context.getNode(), `Phone Numbers: at most ${MAX_USERS} at a time (got ${entries.length})`, { itemIndex });
	entries.forEach((entry, index) => {
		if (!PHONE.test(entry) && !USER_ID.test(entry)) {
			throw new NodeOperationError(context.getNode(), `Phone Numbers: entry ${index + 1} ("${entry}") is not a phone number`, { itemIndex, description: 'Give phone numbers in international format, like +1 202 555 0108, or WhatsApp IDs like 12025550108@c.us.' });
		}
	});
	return [...new Set(entries)];
}

/** One item per person with WhatsApp's result for them: a refusal for one person does not fail the item. */
export async function changeBlocked(context: IExecuteFunctions, itemIndex: number, channel: BlocklistChannel, from: string | undefined, change: 'block' | 'unblock'): Promise<OperationResult> {
	const users = blockUsersOf(context, itemIndex);
	const answer = await changeBlocklist(context, change, { channel, ...(from ? { from } : {}), users }, itemIndex);
	return answer.data.map((outcome) => ({ account: answer.account, change, ...outcome }));
}

/** One item per blocked person. */
export async function blockedPeople(context: IExecuteFunctions, itemIndex: number, channel: BlocklistChannel, from: string | undefined): Promise<OperationResult> {
	const answer = await listBlocked(context, { channel, ...(from ? { from } : {}) }, itemIndex);
	return answer.data.map((user) => ({ account: answer.account, user }));
}
