import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { WabaSelection } from '../../../shared/transport/api/templates';
import { senderField, senderOf } from '../common/sender';

/** Templates belong to a WhatsApp Business Account: the one behind a phone number, or one given by ID. */
export const wabaFields: INodeProperties[] = [
	{ ...senderField, displayName: 'Phone Number Name or ID', description: 'Templates of this number\'s WhatsApp Business Account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	{
		displayName: 'Account Options',
		name: 'wabaOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'WhatsApp Business Account ID', name: 'wabaId', type: 'string', default: '', description: 'Use this account instead of the phone number\'s' }],
	},
];

export function wabaOf(context: IExecuteFunctions, itemIndex: number): WabaSelection {
	const wabaId = String((context.getNodeParameter('wabaOptions', itemIndex, {}) as IDataObject).wabaId ?? '').trim();
	if (wabaId) return { wabaId };
	const from = senderOf(context, itemIndex);
	return from ? { from } : {};
}
