import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as check from './check.operation';

export const operations: Record<string, Operation> = { check };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [{ name: 'Check Number', value: 'check', action: 'Check whether a number has whats app', description: 'Whether a phone number has WhatsApp, and its chat ID' }],
	default: 'check',
};
