import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as deleteChannel from './delete.operation';
import * as follow from './follow.operation';
import * as get from './get.operation';
import * as list from './list.operation';

export const operations: Record<string, Operation> = { create, get, list, follow, delete: deleteChannel };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['channel'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a channel', description: 'A channel this account owns; post to it with Message › Send to its ID' },
		{ name: 'Delete', value: 'delete', action: 'Delete a channel', description: 'A channel this account owns' },
		{ name: 'Follow', value: 'follow', action: 'Follow a channel', description: 'Or unfollow it' },
		{ name: 'Get', value: 'get', action: 'Get a channel', description: 'By ID, or any public channel by its invite link' },
		{ name: 'Get Many', value: 'list', action: 'Get many channels', description: 'The channels this account owns, administers or follows' },
	],
	default: 'list',
};
