import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as getChatLabels from './getChatLabels.operation';
import * as list from './list.operation';
import * as updateChatLabels from './updateChatLabels.operation';

export const operations: Record<string, Operation> = { list, getChatLabels, updateChatLabels };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['label'] } },
	options: [
		{ name: 'Get Chat Labels', value: 'getChatLabels', action: 'Get the labels of a chat' },
		{ name: 'Get Many', value: 'list', action: 'Get many labels', description: "The account's labels (WhatsApp Business app accounts)" },
		{ name: 'Update Chat Labels', value: 'updateChatLabels', action: 'Update the labels of a chat', description: 'Add, remove or replace them' },
	],
	default: 'list',
};
