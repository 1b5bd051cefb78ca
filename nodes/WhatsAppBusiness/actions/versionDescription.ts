import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import { operationProperties, scopeToOperation } from '../../shared/router';
import { description as sendAndWaitFields } from './message/sendAndWait.operation';
import { operationFields, operationsByResource } from './operations';

/**
 * The parameters of version 1: resource, each resource's operation picker, and every operation's fields shown
 * only for it. (The node's description itself lives in WhatsAppBusiness.node.ts, where n8n's lint rules look.)
 */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Contact', value: 'contact' },
			{ name: 'Conversation', value: 'conversation' },
			{ name: 'Media', value: 'media' },
			{ name: 'Message', value: 'message' },
			{ name: 'QR Code', value: 'qrCode' },
			{ name: 'Template', value: 'template' },
		],
		default: 'message',
	},
	...operationFields,
	...operationProperties(operationsByResource),
	...scopeToOperation('message', SEND_AND_WAIT_OPERATION, sendAndWaitFields),
];
