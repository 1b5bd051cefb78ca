import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { subscriptionWebhookMethods } from '../shared/trigger/subscriptionLifecycle';
import { getSessions } from './methods/loadOptions';
import { versionProperties } from './versionDescription';
import { desiredSubscription } from './webhook/desiredSubscription';
import { receive } from './webhook/receive';

const lifecycle = subscriptionWebhookMethods((context: IHookFunctions) => desiredSubscription(context));

export class WhatsAppWebTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Web Trigger',
		name: 'whatsAppWebTrigger',
		icon: { light: 'file:whatsAppWebTrigger.svg', dark: 'file:whatsAppWebTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow on WhatsApp Web messages, delivery ticks, deletions, edits and session status changes',
		defaults: { name: 'WhatsApp Web Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppTenantApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: versionProperties,
	};

	methods = { loadOptions: { getSessions } };

	// Subscription created on activation, repaired when it drifted, deleted on deactivation (shared by both triggers).
	webhookMethods = { default: lifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receive.call(this);
	}
}
