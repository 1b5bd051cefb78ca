import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { requestPairingCode } from '../../../shared/transport/api/webSessions';
import { sessionField, sessionNameOf } from '../common/session';
import { waitForStage, waitSecondsField } from '../common/waitForLogin';

export const description: INodeProperties[] = [
	sessionField,
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', required: true, placeholder: '+1 202 555 0108', description: 'The number of the phone to link, in international format' },
	waitSecondsField,
	{
		displayName: 'Type the code on that phone: Settings › Linked devices › Link a device › Link with phone number instead.',
		name: 'pairingNotice',
		type: 'notice',
		default: '',
	},
];

/** A code to type on the phone instead of scanning; asking again for the same number answers the same code. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = sessionNameOf(this, itemIndex);
	const phone = String(this.getNodeParameter('phoneNumber', itemIndex) ?? '').trim();
	if (!/^\+?[0-9][0-9 ()-]{5,24}$/.test(phone)) throw new NodeOperationError(this.getNode(), `Phone Number: "${phone}" is not a phone number in international format`, { itemIndex, description: 'For example +1 202 555 0108 (country code first).' });
	await waitForStage(this, itemIndex, name, 'loginScreen', this.getNodeParameter('waitSeconds', itemIndex, 30) as number);
	return { session: name, ...(await requestPairingCode(this, name, phone, itemIndex)) };
}
