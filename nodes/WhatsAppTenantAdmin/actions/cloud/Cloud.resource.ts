import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as listNumbers from './listNumbers.operation';
import * as pushConfiguration from './pushConfiguration.operation';
import * as testConnection from './testConnection.operation';

export const operations: Record<string, Operation> = { pushConfiguration, testConnection, listNumbers };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['cloud'] } },
	options: [
		{ name: 'Get Many Numbers', value: 'listNumbers', action: 'Get many cloud numbers', description: "The tenant's registered Cloud API numbers" },
		{ name: 'Push Configuration', value: 'pushConfiguration', action: 'Push the meta configuration', description: 'Send the Meta credential to the service for this tenant' },
		{ name: 'Test Connection', value: 'testConnection', action: 'Test the cloud connection', description: "Check the tenant's numbers against Meta" },
	],
	default: 'pushConfiguration',
};
