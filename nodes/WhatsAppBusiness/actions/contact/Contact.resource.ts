import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as block from './block.operation';
import * as getBlocked from './getBlocked.operation';
import * as unblock from './unblock.operation';

export const operations: Record<string, Operation> = { block, unblock, getBlocked };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{ name: 'Block', value: 'block', action: 'Block people', description: 'They can no longer message the number, nor it them (only people who wrote in the last 24 hours)' },
		{ name: 'Get Blocked', value: 'getBlocked', action: 'Get blocked people', description: 'Everyone the number has blocked' },
		{ name: 'Unblock', value: 'unblock', action: 'Unblock people' },
	],
	default: 'block',
};
