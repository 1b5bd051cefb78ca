import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** WhatsApp Web hands out what the phone synced; the service answers up to 500 per call. */
export const SERVICE_MAX = 500;

export const limitFields: INodeProperties[] = [
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1, maxValue: SERVICE_MAX }, default: 50, description: 'Max number of results to return', displayOptions: { show: { returnAll: [false] } } },
];

export function limitOf(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return SERVICE_MAX;
	return Math.min(SERVICE_MAX, Math.max(1, context.getNodeParameter('limit', itemIndex, 50) as number));
}
