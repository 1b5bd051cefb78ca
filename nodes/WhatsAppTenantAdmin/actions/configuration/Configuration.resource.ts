import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as get from './get.operation';
import * as setDefaultMode from './setDefaultMode.operation';

export const operations: Record<string, Operation> = { get, setDefaultMode };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['configuration'] } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get a tenant configuration', description: 'The default mode and the health of each channel' },
		{ name: 'Set Default Mode', value: 'setDefaultMode', action: 'Set the default mode', description: 'Switch between Cloud API and WhatsApp Web' },
	],
	default: 'get',
};
