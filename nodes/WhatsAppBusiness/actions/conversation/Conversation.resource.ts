import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as getMessages from './getMessages.operation';
import * as getNewMessages from './getNewMessages.operation';
import * as list from './list.operation';

export const operations: Record<string, Operation> = { getAll: list, getMessages, getNewMessages };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['conversation'] } },
	options: [
		{ name: 'Get Many', value: 'getAll', action: 'Get many conversations', description: 'List conversations with their latest activity' },
		{ name: 'Get Messages', value: 'getMessages', action: 'Get messages of a conversation', description: 'List the messages of one conversation' },
		{ name: 'Get New Messages', value: 'getNewMessages', action: 'Get new messages of every conversation', description: 'Messages of all conversations stored after a message or a time, oldest first: catch up after downtime, or poll' },
	],
	default: 'getAll',
};
