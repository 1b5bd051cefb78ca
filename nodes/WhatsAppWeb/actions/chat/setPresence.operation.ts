import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { setWebPresence } from '../../../shared/transport/api/webChats';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	{
		displayName: 'Presence',
		name: 'presence',
		type: 'options',
		options: [
			{ name: 'Online', value: 'available', description: 'Everyone sees the account online; the phone gets no notifications meanwhile' },
			{ name: 'Offline', value: 'unavailable', description: 'Back to offline; the phone gets notifications again' },
		],
		default: 'unavailable',
	},
];

/** Presence is the account's, for every chat at once. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const state = this.getNodeParameter('presence', itemIndex, 'unavailable') as 'available' | 'unavailable';
	const session = await resolvedSessionNameOf(this, itemIndex);
	await setWebPresence(this, session, state, itemIndex);
	return { session, presence: state };
}
