import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateWebChat } from '../../../shared/transport/api/webChats';
import { chatField, chatIdOf } from '../common/chat';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	chatField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Archived', name: 'archived', type: 'boolean', default: true, description: 'Whether the chat is archived' },
			{ displayName: 'Mark as Unread', name: 'unread', type: 'boolean', default: true, description: 'Whether to show the chat as unread again' },
			{ displayName: 'Mute Until', name: 'muteUntil', type: 'dateTime', default: '', description: 'With Muted on: until when; empty mutes for ever' },
			{ displayName: 'Muted', name: 'muted', type: 'boolean', default: true, description: 'Whether notifications of the chat are muted' },
			{ displayName: 'Pinned', name: 'pinned', type: 'boolean', default: true, description: 'Whether the chat is pinned to the top (WhatsApp pins at most 3 chats)' },
		],
	},
];

/** Archive, pin, mute or mark unread, and undo each; outputs the chat as it is afterwards. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const chatId = chatIdOf(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	for (const key of ['archived', 'pinned', 'muted'] as const) if (typeof fields[key] === 'boolean') changes[key] = fields[key];
	if (fields.unread === true) changes.unread = true;
	const muteUntil = String(fields.muteUntil ?? '').trim();
	if (muteUntil) {
		if (changes.muted !== true) throw new NodeOperationError(this.getNode(), 'Mute Until: add Muted (on) as well', { itemIndex });
		const at = new Date(muteUntil);
		if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) throw new NodeOperationError(this.getNode(), `Mute Until: "${muteUntil}" is not a time in the future`, { itemIndex });
		changes.muteUntil = at.toISOString();
	}
	if (Object.keys(changes).length === 0) throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one change', { itemIndex });
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await updateWebChat(this, session, chatId, changes, itemIndex)) };
}
