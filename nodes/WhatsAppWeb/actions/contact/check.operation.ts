import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { checkWebNumber } from '../../../shared/transport/api/webChats';
import { accountSessionField, resolvedSessionNameOf } from '../common/session';

export const description: INodeProperties[] = [
	accountSessionField,
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', required: true, placeholder: '+1 202 555 0108', description: 'In international format (country code first)' },
	{ displayName: 'Check numbers one at a time, when you are about to write to them: WhatsApp bans accounts that check many numbers.', name: 'checkNotice', type: 'notice', default: '' },
];

/** Whether the number has WhatsApp, and the chat ID to write to it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const raw = String(this.getNodeParameter('phoneNumber', itemIndex) ?? '').trim();
	const digits = raw.replace(/[\s().-]/g, '').replace(/^\+/, '');
	if (!/^[0-9]{6,20}$/.test(digits)) throw new NodeOperationError(this.getNode(), `Phone Number: "${raw}" is not a phone number in international format`, { itemIndex, description: 'For example +1 202 555 0108.' });
	const session = await resolvedSessionNameOf(this, itemIndex);
	return { session, ...(await checkWebNumber(this, session, digits, itemIndex)) };
}
