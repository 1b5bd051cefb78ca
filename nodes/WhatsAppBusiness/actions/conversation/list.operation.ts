import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { requestedLimit, returnAllFields } from '../../../shared/listFields';
import { listConversations } from '../../../shared/transport/api/conversations';

export const description: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Contact', name: 'peer', type: 'string', default: '', placeholder: '15551234567', description: 'The WhatsApp ID (phone number without +) of the other party' },
			{ displayName: 'Phone Number ID', name: 'account', type: 'string', default: '', description: 'Only conversations of this business number' },
		],
	},
];

/** Cloud conversations from the service's history, most recent activity first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = { channel: 'cloud' };
	for (const key of ['account', 'peer']) if (String(filters[key] ?? '').trim()) query[key] = String(filters[key]).trim();
	return listConversations(this, query, requestedLimit(this, itemIndex), itemIndex);
}
