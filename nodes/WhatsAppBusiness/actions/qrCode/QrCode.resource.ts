import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { create, list, update, delete: del };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['qrCode'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a QR code', description: 'A code that opens a chat with the number, a message typed in' },
		{ name: 'Delete', value: 'delete', action: 'Delete a QR code' },
		{ name: 'Get Many', value: 'list', action: 'Get many QR codes' },
		{ name: 'Update', value: 'update', action: 'Update a QR code', description: 'A new message behind the same code' },
	],
	default: 'create',
};
