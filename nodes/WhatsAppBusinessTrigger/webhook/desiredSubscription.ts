import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { DesiredSubscription } from '../../shared/trigger/subscriptionLifecycle';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String).filter((entry) => entry !== '') : []);

/**
 * The subscription the parameters describe. Type and status filters only apply to the events they concern, so
 * they are sent only when those events are selected.
 */
export function desiredSubscription(context: IHookFunctions | IWebhookFunctions): DesiredSubscription {
	const events = list(context.getNodeParameter('events', []));
	const workflow = context.getWorkflow();
	const mode = context.getMode() === 'manual' ? 'test' : 'production';
	return {
		description: `n8n ${mode}: "${workflow.name ?? workflow.id}" › ${context.getNode().name}`.slice(0, 500),
		events,
		channel: 'cloud',
		accounts: list(context.getNodeParameter('phoneNumbers', [])),
		messageTypes: events.includes('message.received') ? list(context.getNodeParameter('messageTypes', [])) : [],
		statuses: events.includes('message.status') ? list(context.getNodeParameter('statuses', [])) : [],
	};
}
