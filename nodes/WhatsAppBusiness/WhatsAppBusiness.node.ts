import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import { routeOperations } from '../shared/router';
import { executeSendAndWait } from './actions/message/sendAndWait.operation';
import { operationsByResource } from './actions/operations';
import { versionProperties } from './actions/versionDescription';
import { getPhoneNumbers, getTemplateLanguages } from './methods/loadOptions';
import { searchTemplates } from './methods/listSearch';
import { getTemplateParameters } from './methods/resourceMapping';
import { sendAndWaitWebhooks } from './sendAndWait/description';
import { sendAndWaitWebhook } from './sendAndWait/webhook';

export class WhatsAppBusiness implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business',
		name: 'whatsAppBusiness',
		icon: { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send WhatsApp Business (Cloud API) messages and templates, wait for answers, and manage media and templates through your WhatsApp service',
		defaults: { name: 'WhatsApp Business' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppTenantApi', required: true }],
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip: 'Waiting for the user to answer in WhatsApp',
		properties: versionProperties,
	};

	methods = {
		loadOptions: { getPhoneNumbers, getTemplateLanguages },
		listSearch: { searchTemplates },
		resourceMapping: { getTemplateParameters },
	};

	webhook = sendAndWaitWebhook;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('resource', 0) === 'message' && this.getNodeParameter('operation', 0) === SEND_AND_WAIT_OPERATION) {
			return executeSendAndWait.call(this);
		}
		return routeOperations(this, operationsByResource);
	}
}
