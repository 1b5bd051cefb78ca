import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createWebSession, type NewWebSession } from '../../../shared/transport/api/webSessions';
import { SESSION_NAME_PATTERN } from '../common/session';
import { settingsOf, sessionSettingsOptions } from './settings';

export const description: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'sales-phone', description: 'Letters, digits, _ and -, up to 64. Creating a name that exists answers that session unchanged.' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Default Session', name: 'isDefault', type: 'boolean', default: false, description: 'Whether sends that name no session use this one' },
			{ displayName: 'Pairing Phone Number', name: 'pairingPhoneNumber', type: 'string', default: '', placeholder: '+1 202 555 0108', description: 'Log in with a pairing code for this number instead of a QR code' },
			{ displayName: 'Start Now', name: 'start', type: 'boolean', default: true, description: 'Whether to start the session at once (then get its QR code or pairing code)' },
			...sessionSettingsOptions,
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = (this.getNodeParameter('name', itemIndex) as string).trim();
	if (!new RegExp(SESSION_NAME_PATTERN).test(name)) throw new NodeOperationError(this.getNode(), `Name: "${name}" is not a valid session name`, { itemIndex, description: 'Use 1 to 64 letters, digits, _ or -.' });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const input: NewWebSession = { name, start: options.start !== false };
	if (options.isDefault === true) input.isDefault = true;
	const pairing = String(options.pairingPhoneNumber ?? '').trim();
	if (pairing) input.pairingPhoneNumber = pairing;
	const settings = settingsOf(options);
	if (Object.keys(settings).length > 0) input.settings = settings;
	return createWebSession(this, input, itemIndex);
}
