import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { requestedLimit, returnAllFields } from '../../../shared/listFields';
import { listAllTemplates } from '../../../shared/transport/api/templates';
import { wabaFields, wabaOf } from './waba';

export const description: INodeProperties[] = [
	...wabaFields,
	...returnAllFields,
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
	const limit = requestedLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const templates = await listAllTemplates(
		this,
		{ ...wabaOf(this, itemIndex), status: (filters.status as string) || undefined, name: (filters.name as string) || undefined, search: (filters.search as string) || undefined, language: (filters.language as string) || undefined },
		limit,
		itemIndex,
	);
	return templates;
}
