import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateTenant } from '../../../shared/transport/api/tenants';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	tenantField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Slug', name: 'slug', type: 'string', default: '', description: 'Lowercase letters, digits and dashes' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Suspended', value: 'suspended', description: "The tenant's keys stop working until it is reactivated" },
				],
				default: 'active',
			},
		],
	},
];

/** Renames, re-slugs, suspends or reactivates a tenant. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const patch: { name?: string; slug?: string; status?: 'active' | 'suspended' } = {};
	if (String(fields.name ?? '').trim()) patch.name = String(fields.name).trim();
	if (String(fields.slug ?? '').trim()) patch.slug = String(fields.slug).trim();
	if (fields.status === 'active' || fields.status === 'suspended') patch.status = fields.status;
	if (Object.keys(patch).length === 0) throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one field to change', { itemIndex });
	return updateTenant(this, tenantId, patch, itemIndex);
}
