import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { create, delete: del, get, list, update };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['tenant'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a tenant', description: 'Create a tenant, optionally with its first API key' },
		{ name: 'Delete', value: 'delete', action: 'Delete a tenant', description: 'Delete a tenant and all its data' },
		{ name: 'Get', value: 'get', action: 'Get a tenant' },
		{ name: 'Get Many', value: 'list', action: 'Get many tenants' },
		{ name: 'Update', value: 'update', action: 'Update a tenant', description: 'Rename, change the slug, suspend or reactivate' },
	],
	default: 'list',
};
