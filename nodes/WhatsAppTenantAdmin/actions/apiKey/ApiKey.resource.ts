import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as list from './list.operation';
import * as revoke from './revoke.operation';
import * as rotate from './rotate.operation';

export const operations: Record<string, Operation> = { create, list, rotate, revoke };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['apiKey'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create an API key', description: 'Create a tenant API key; the key is output once' },
		{ name: 'Get Many', value: 'list', action: 'Get many API keys', description: "List a tenant's keys (never the keys themselves)" },
		{ name: 'Revoke', value: 'revoke', action: 'Revoke an API key', description: 'The key stops working at once' },
		{ name: 'Rotate', value: 'rotate', action: 'Rotate an API key', description: 'Replace a key with a new one; the old one is revoked' },
	],
	default: 'create',
};
