import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { getWebSession, updateWebSession, type WebSessionPatch } from '../../../shared/transport/api/webSessions';
import { sessionField, sessionNameOf } from '../common/session';
import { settingsOf, sessionSettingsOptions } from './settings';

export const description: INodeProperties[] = [
	sessionField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Default Session', name: 'isDefault', type: 'boolean', default: true, description: 'Whether sends that name no session use this one' },
			{ displayName: 'Pairing Phone Number', name: 'pairingPhoneNumber', type: 'string', default: '', description: 'Log in with a pairing code for this number; empty to go back to QR codes' },
			...sessionSettingsOptions,
		],
	},
	{ displayName: 'Settings apply at the next start: restart a running session to apply them.', name: 'restartNotice', type: 'notice', default: '' },
];

/** Changes the default flag, the pairing number or settings; settings given are merged into the current ones. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = sessionNameOf(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const patch: WebSessionPatch = {};
	if (typeof fields.isDefault === 'boolean') patch.isDefault = fields.isDefault;
	if ('pairingPhoneNumber' in fields) patch.pairingPhoneNumber = String(fields.pairingPhoneNumber ?? '').trim() || null;
	const settings = settingsOf(fields);
	// The service replaces settings as a whole; merging keeps the ones this form did not mention.
	if (Object.keys(settings).length > 0) patch.settings = { ...(await getWebSession(this, name, itemIndex)).settings, ...settings };
	if (Object.keys(patch).length === 0) throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one field to change', { itemIndex });
	return updateWebSession(this, name, patch, itemIndex);
}
