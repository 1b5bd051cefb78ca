import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as block from './block.operation';
import * as check from './check.operation';
import * as getBlocked from './getBlocked.operation';
import * as unblock from './unblock.operation';

export const operations: Record<string, Operation> = { check, block, unblock, getBlocked };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{ name: 'Block', value: 'block', action: 'Block people', description: 'They can no longer message the session, nor it them' },
		{ name: 'Check Number', value: 'check', action: 'Check whether a number has whats app', description: 'Whether a phone number has WhatsApp, and its chat ID' },
		{ name: 'Get Blocked', value: 'getBlocked', action: 'Get blocked people', description: 'Everyone the session has blocked' },
		{ name: 'Unblock', value: 'unblock', action: 'Unblock people' },
	],
	default: 'check',
};
