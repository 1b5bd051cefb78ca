import type { INodeProperties } from 'n8n-workflow';
import { blocklistOperationOptions } from '../../../shared/actions/blocklist';
import type { Operation } from '../../../shared/router';
import * as block from './block.operation';
import * as check from './check.operation';
import * as get from './get.operation';
import * as getBlocked from './getBlocked.operation';
import * as unblock from './unblock.operation';

export const operations: Record<string, Operation> = { check, get, block, unblock, getBlocked };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{ name: 'Check Number', value: 'check', action: 'Check whether a number has whats app', description: 'Whether a phone number has WhatsApp, and its chat ID' },
		{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Names, business flag, blocked, About and profile picture' },
		...blocklistOperationOptions('session'),
	].sort((a, b) => a.name.localeCompare(b.name)),
	default: 'check',
};
