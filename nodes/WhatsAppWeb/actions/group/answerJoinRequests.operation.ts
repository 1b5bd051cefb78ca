import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { answerWebGroupJoinRequests } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf, participantsField, participantsOf } from './groupFields';

export const description: INodeProperties[] = [
	accountSessionField,
	groupIdField,
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'options',
		options: [
			{ name: 'Approve', value: 'approve' },
			{ name: 'Reject', value: 'reject' },
		],
		default: 'approve',
	},
	{ displayName: 'Requests', name: 'which', type: 'options', options: [{ name: 'All Pending', value: 'all' }, { name: 'From These People', value: 'listed' }], default: 'all' },
	participantsField({ displayOptions: { show: { which: ['listed'] } }, description: 'Whose requests: phone numbers or user IDs, separated by commas or new lines' }),
];

/** One item per requester with WhatsApp's result. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const answer = this.getNodeParameter('answer', itemIndex, 'approve') as 'approve' | 'reject';
	const requesters = this.getNodeParameter('which', itemIndex, 'all') === 'listed' ? participantsOf(this, itemIndex) : undefined;
	const session = await resolvedSessionNameOf(this, itemIndex);
	return (await answerWebGroupJoinRequests(this, session, groupId, answer, requesters, itemIndex)).map((outcome) => ({ session, groupId, answer, ...outcome }));
}
