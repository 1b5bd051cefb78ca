import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { routeOperations } from '../shared/router';
import { operationsByResource } from './actions/operations';
import { versionProperties } from './actions/versionDescription';
import { searchApiKeys, searchTenants } from './methods/listSearch';
import { getTenantCloudNumbers } from './methods/loadOptions';

export class WhatsAppTenantAdmin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Tenant Admin',
		name: 'whatsAppTenantAdmin',
		icon: { light: 'file:whatsAppTenantAdmin.svg', dark: 'file:whatsAppTenantAdmin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Run the WhatsApp service as a platform admin: tenants, API keys, Meta configuration, default mode, unrouted webhooks and dead letters',
		defaults: { name: 'WhatsApp Tenant Admin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'whatsAppServiceAdminApi', required: true },
			{ name: 'whatsAppBusinessCloudApi', required: true, displayOptions: { show: { resource: ['cloud'], operation: ['pushConfiguration'] } } },
		],
		properties: versionProperties,
	};

	methods = {
		listSearch: { searchTenants, searchApiKeys },
		loadOptions: { getTenantCloudNumbers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return routeOperations(this, operationsByResource);
	}
}
