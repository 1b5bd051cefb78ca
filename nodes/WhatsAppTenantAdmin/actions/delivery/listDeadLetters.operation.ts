import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requestedLimit, returnAllFields } from '../../../shared/listFields';
import type { OperationResult } from '../../../shared/router';
import { listDeadLetters } from '../../../shared/transport/api/deliveries';

export const description: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Subscription ID', name: 'subscriptionId', type: 'string', default: '', placeholder: 'sub_01j…', description: 'Only deliveries to this subscription (one trigger)' },
			{ displayName: 'Tenant ID', name: 'tenantId', type: 'string', default: '', placeholder: 'ten_01j…', description: "Only this tenant's dead letters" },
		],
	},
];

/** Event deliveries the service gave up on after its retries, across tenants, with the last error. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const text = (value: unknown) => String(value ?? '').trim() || undefined;
	return listDeadLetters(this, { tenantId: text(filters.tenantId), subscriptionId: text(filters.subscriptionId) }, requestedLimit(this, itemIndex), itemIndex);
}
