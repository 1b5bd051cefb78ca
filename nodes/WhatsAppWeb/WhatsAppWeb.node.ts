import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { routeOperations } from '../shared/router';
import { operationsByResource } from './actions/operations';
import { versionProperties } from './actions/versionDescription';
import { searchSessions } from './methods/listSearch';

export class WhatsAppWeb implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Web',
		name: 'whatsAppWeb',
		icon: { light: 'file:whatsAppWeb.svg', dark: 'file:whatsAppWeb.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send and read WhatsApp messages through linked phones (WhatsApp Web sessions) of your WhatsApp service, and manage the sessions',
		defaults: { name: 'WhatsApp Web' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppTenantApi', required: true }],
		properties: versionProperties,
	};

	methods = { listSearch: { searchSessions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return routeOperations(this, operationsByResource);
	}
}
