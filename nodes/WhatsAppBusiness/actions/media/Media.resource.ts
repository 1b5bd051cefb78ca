import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as upload from './upload.operation';

export const operations: Record<string, Operation> = { upload, download, delete: deleteMedia };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['media'] } },
	options: [
		{ name: 'Delete', value: 'delete', action: 'Delete a media file', description: 'Delete an uploaded file from WhatsApp' },
		{ name: 'Download', value: 'download', action: 'Download a media file', description: 'Get a file (e.g. a received photo) as binary data' },
		{ name: 'Upload', value: 'upload', action: 'Upload a media file', description: 'Upload a binary file to send later by its media ID' },
	],
	default: 'upload',
};
