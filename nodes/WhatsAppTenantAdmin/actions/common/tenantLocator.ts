import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const TENANT_ID_PATTERN = '^ten_[0-9a-z]{26}$';

/** Which tenant an operation acts on: picked from the list, or an id from an earlier node. */
export const tenantField: INodeProperties = {
	displayName: 'Tenant',
	name: 'tenant',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTenants', searchable: true } },
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'ten_01j…',
			validation: [{ type: 'regex', properties: { regex: TENANT_ID_PATTERN, errorMessage: 'A tenant ID looks like ten_ followed by 26 lowercase letters and digits' } }],
		},
	],
};

/** The chosen tenant's id; a malformed one is refused here, naming the field, before any request. */
export function tenantIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const tenantId = String(context.getNodeParameter('tenant', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!new RegExp(TENANT_ID_PATTERN).test(tenantId)) {
		throw new NodeOperationError(context.getNode(), `Tenant: "${tenantId}" is not a tenant ID`, { itemIndex, description: 'Pick a tenant from the list, or give an ID like ten_01j… (the "id" of Tenant › Create or Tenant › List).' });
	}
	return tenantId;
}
