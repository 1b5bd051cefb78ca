import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { changeWebGroupParticipants, type ParticipantAction } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf, participantsField, participantsOf } from './groupFields';

export const description: INodeProperties[] = [
	accountSessionField,
	groupIdField,
	{
		displayName: 'Action',
		name: 'participantAction',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add', description: 'Add people (those who only accept invitations get one)' },
			{ name: 'Demote', value: 'demote', description: 'Take admin rights back' },
			{ name: 'Promote', value: 'promote', description: 'Make admins' },
			{ name: 'Remove', value: 'remove', description: 'Remove from the group' },
		],
		default: 'add',
	},
	participantsField(),
];

/** One item per participant with WhatsApp's result for them (ok, code, message); only admins may change participants. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const action = this.getNodeParameter('participantAction', itemIndex, 'add') as ParticipantAction;
	const participants = participantsOf(this, itemIndex);
	const session = await resolvedSessionNameOf(this, itemIndex);
	const outcomes = await changeWebGroupParticipants(this, session, groupId, action, participants, itemIndex);
	return outcomes.map((outcome) => ({ session, groupId, action, ...outcome }));
}
