import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listApiKeys } from '../../../shared/transport/api/apiKeys';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	tenantField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Include Revoked Keys', name: 'includeRevoked', type: 'boolean', default: false, description: 'Whether to list keys that were revoked or rotated away too' }],
	},
];

/** One item per key: its name, prefix, scopes and last use (never the key itself). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const keys = await listApiKeys(this, tenantIdOf(this, itemIndex), itemIndex);
	return options.includeRevoked === true ? keys : keys.filter((key) => key.revokedAt === null);
}
