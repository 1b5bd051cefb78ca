import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createApiKey, type ApiKeyScope } from '../../../shared/transport/api/apiKeys';
import { tenantField, tenantIdOf } from '../common/tenantLocator';
import { scopeOptions } from './scopes';

export const keyShownOnceNotice: INodeProperties = {
	displayName: 'The key is output once, in "key": store it now (e.g. in an n8n credential). The service keeps only its hash.',
	name: 'keyNotice',
	type: 'notice',
	default: '',
};

export const description: INodeProperties[] = [
	tenantField,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'n8n production', description: 'What the key is for, so it can be found to rotate or revoke' },
	{ displayName: 'Scopes', name: 'scopes', type: 'multiOptions', options: scopeOptions, default: ['read', 'send'], required: true },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Expires At', name: 'expiresAt', type: 'dateTime', default: '', description: 'After this moment the key stops working; empty for never' }],
	},
	keyShownOnceNotice,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const scopes = this.getNodeParameter('scopes', itemIndex, []) as ApiKeyScope[];
	if (scopes.length === 0) throw new NodeOperationError(this.getNode(), 'Scopes: choose at least one scope', { itemIndex });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const expiresAt = String(options.expiresAt ?? '').trim();
	const created = await createApiKey(this, tenantId, { name: (this.getNodeParameter('name', itemIndex) as string).trim(), scopes, ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) }, itemIndex);
	return { ...created.apiKey, key: created.key };
}
