import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listAllTemplates } from '../../../shared/transport/api/templates';
import { wabaFields, wabaOf } from './waba';

export const description: INodeProperties[] = [
	...wabaFields,
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: { show: { returnAll: [false] } } },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'en_US' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Exact template name' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Part of the name' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Disabled', value: 'DISABLED' },
					{ name: 'Paused', value: 'PAUSED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				default: '',
			},
		],
	},
];

/** One item per template, with its components as Meta defines them. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const templates = await listAllTemplates(
		this,
		{ ...wabaOf(this, itemIndex), status: (filters.status as string) || undefined, name: (filters.name as string) || undefined, search: (filters.search as string) || undefined, language: (filters.language as string) || undefined },
		limit,
		itemIndex,
	);
	return templates;
}
