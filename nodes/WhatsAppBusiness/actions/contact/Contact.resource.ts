import type { INodeProperties } from 'n8n-workflow';
import { blocklistOperationOptions } from '../../../shared/actions/blocklist';
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
	// Meta blocks only people who wrote in the last 24 hours; the others get their own result.
	options: blocklistOperationOptions('number'),
	default: 'block',
};
