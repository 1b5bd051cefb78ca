import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateWebGroup, type GroupChanges } from '../../../shared/transport/api/webGroups';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';
import { groupIdField, groupIdOf } from './groupFields';

const DESCRIPTION_MAX = 2048;

export const description: INodeProperties[] = [
	accountSessionField,
	groupIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Up to 2048 characters; empty clears it' },
			{ displayName: 'Only Admins Edit Info', name: 'infoAdminsOnly', type: 'boolean', default: true, description: 'Whether only admins may change the subject, description and picture' },
			{ displayName: 'Only Admins Send Messages', name: 'messagesAdminsOnly', type: 'boolean', default: true, description: 'Whether only admins may send messages' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: "The group's name, up to 100 characters" },
		],
	},
];

/** Settings are the admins'; so are the subject and description once the group restricts its info. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const groupId = groupIdOf(this, itemIndex);
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as GroupChanges;
	if (Object.keys(changes).length === 0) throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one field to change', { itemIndex });
	if (changes.subject !== undefined && (changes.subject.trim().length === 0 || changes.subject.length > 100)) throw new NodeOperationError(this.getNode(), "Subject: a group's name has 1 to 100 characters", { itemIndex });
	if (changes.description !== undefined && changes.description.length > DESCRIPTION_MAX) throw new NodeOperationError(this.getNode(), `Description: at most ${DESCRIPTION_MAX} characters (got ${changes.description.length})`, { itemIndex });
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await updateWebGroup(this, session, groupId, changes, itemIndex)) };
}
