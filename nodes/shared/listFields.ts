import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** "Return All" and "Limit", as n8n's list operations offer them. */
export const returnAllFields: INodeProperties[] = [
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: { show: { returnAll: [false] } } },
];

/** The limit the fields ask for; undefined means every page. */
export function requestedLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return (context.getNodeParameter('returnAll', itemIndex) as boolean) ? undefined : (context.getNodeParameter('limit', itemIndex) as number);
}
