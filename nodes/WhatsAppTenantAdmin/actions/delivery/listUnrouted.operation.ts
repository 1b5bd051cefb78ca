import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestedLimit, returnAllFields } from '../../../shared/listFields';
import type { OperationResult } from '../../../shared/router';
import { listUnroutedWebhooks } from '../../../shared/transport/api/deliveries';

export const description: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Meta App ID', name: 'appId', type: 'string', default: '' },
			{ displayName: 'Not Replayed Yet', name: 'pending', type: 'boolean', default: true, description: 'Whether to list only changes that were not replayed yet' },
			{ displayName: 'Phone Number ID', name: 'phoneNumberId', type: 'string', default: '' },
		],
	},
];

/** Meta webhook changes that reached no tenant (an unknown number or WABA), one item each, with why. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const text = (value: unknown) => String(value ?? '').trim() || undefined;
	return listUnroutedWebhooks(
		this,
		{ appId: text(filters.appId), phoneNumberId: text(filters.phoneNumberId), pending: typeof filters.pending === 'boolean' ? filters.pending : undefined },
		requestedLimit(this, itemIndex),
		itemIndex,
	);
}
