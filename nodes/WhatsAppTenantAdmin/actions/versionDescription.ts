import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../shared/router';
import { operationFields, operationsByResource } from './operations';

/** Resource, each resource's operation picker, and every operation's fields shown only for it. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'API Key', value: 'apiKey' },
			{ name: 'Cloud API', value: 'cloud' },
			{ name: 'Configuration', value: 'configuration' },
			{ name: 'Tenant', value: 'tenant' },
			{ name: 'Webhook & Delivery', value: 'delivery' },
		],
		default: 'tenant',
	},
	...operationFields,
	...operationProperties(operationsByResource),
];
