import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createWebGroup } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { participantsField, participantsOf } from './groupFields';
import { subjectOf } from './subject';

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Subject', name: 'subject', type: 'string', default: '', required: true, placeholder: 'Night shift', description: "The group's name, up to 100 characters" },
	participantsField({ required: false, description: 'Who to add: phone numbers in international format or user IDs (…@c.us), separated by commas or new lines. Empty creates a group of one.' }),
];

/** The new group, and each participant's result: some people only accept an invitation, which WhatsApp sends instead. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const subject = subjectOf(this, itemIndex);
	const participants = participantsOf(this, itemIndex, { allowEmpty: true });
	const session = await resolvedSessionNameOf(this, itemIndex);
	const created = await createWebGroup(this, session, subject, participants, itemIndex);
	return { session, ...created.group, participantResults: created.participants };
}
