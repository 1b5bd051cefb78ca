import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { get, getAll: list, create, update, delete: deleteTemplate };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['template'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a template', description: 'Submit a template for Meta\'s review' },
		{ name: 'Delete', value: 'delete', action: 'Delete a template', description: 'Delete a template (all languages, or one)' },
		{ name: 'Get', value: 'get', action: 'Get a template', description: 'One template by ID, with its review status' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many templates', description: 'List templates with their status and components' },
		{ name: 'Update', value: 'update', action: 'Update a template', description: 'Change a template\'s category or components; Meta reviews it again' },
	],
	default: 'getAll',
};
