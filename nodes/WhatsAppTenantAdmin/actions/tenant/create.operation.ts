import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createApiKey, type ApiKeyScope } from '../../../shared/transport/api/apiKeys';
import { createTenant } from '../../../shared/transport/api/tenants';
import { scopeOptions } from '../apiKey/scopes';

export const description: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'Acme Inc.', description: 'Shown to admins; up to 200 characters' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Create API Key With Scopes',
				name: 'apiKeyScopes',
				type: 'multiOptions',
				options: scopeOptions,
				default: [],
				description: 'Also create a tenant API key with these scopes, so the tenant can be used at once. The key is output once, in "key".',
			},
			{ displayName: 'Slug', name: 'slug', type: 'string', default: '', placeholder: 'acme', description: 'Lowercase letters, digits and dashes; derived from the name when empty' },
		],
	},
];

/** A new tenant, and (on request) its first API key: onboarding in one step. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const slug = String(options.slug ?? '').trim();
	const tenant = await createTenant(this, { name: (this.getNodeParameter('name', itemIndex) as string).trim(), ...(slug ? { slug } : {}) }, itemIndex);
	const scopes = (options.apiKeyScopes as ApiKeyScope[] | undefined) ?? [];
	if (scopes.length === 0) return tenant;
	const created = await createApiKey(this, tenant.id, { name: `${tenant.slug} (created with the tenant)`, scopes }, itemIndex);
	return { ...tenant, apiKey: created.apiKey, key: created.key };
}
