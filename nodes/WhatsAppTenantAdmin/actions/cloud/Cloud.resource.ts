import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as getProfile from './getProfile.operation';
import * as listNumbers from './listNumbers.operation';
import * as pushConfiguration from './pushConfiguration.operation';
import * as testConnection from './testConnection.operation';
import * as updateProfile from './updateProfile.operation';

export const operations: Record<string, Operation> = { pushConfiguration, testConnection, listNumbers, getProfile, updateProfile };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['cloud'] } },
	options: [
		{ name: 'Get Business Profile', value: 'getProfile', action: 'Get the business profile of a number', description: 'About, address, description, email, websites, industry and picture' },
		{ name: 'Get Many Numbers', value: 'listNumbers', action: 'Get many cloud numbers', description: "The tenant's registered Cloud API numbers" },
		{ name: 'Push Configuration', value: 'pushConfiguration', action: 'Push the meta configuration', description: 'Send the Meta credential to the service for this tenant' },
		{ name: 'Test Connection', value: 'testConnection', action: 'Test the cloud connection', description: "Check the tenant's numbers against Meta" },
		{ name: 'Update Business Profile', value: 'updateProfile', action: 'Update the business profile of a number', description: 'Change the fields given, on one number or all of them' },
	],
	default: 'pushConfiguration',
};
