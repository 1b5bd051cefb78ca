import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { DesiredSubscription } from '../../shared/trigger/subscriptionLifecycle';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String).filter((entry) => entry !== '') : []);

/**
 * The subscription the parameters describe: the service filters by event, channel, session, message type and
 * ack status. Type and status filters go only with the events they concern (a type filter must not hide acks).
 * Chat and session-status filters are the trigger's own (see eventFilter), as the service has none for them.
 */
export function desiredSubscription(context: IHookFunctions | IWebhookFunctions): DesiredSubscription {
	const events = list(context.getNodeParameter('events', []));
	const workflow = context.getWorkflow();
	const mode = context.getMode() === 'manual' ? 'test' : 'production';
	const carriesMessages = events.includes('message.received') || events.includes('message.sent');
	return {
		description: `n8n ${mode}: "${workflow.name ?? workflow.id}" › ${context.getNode().name}`.slice(0, 500),
		events,
		channel: 'web',
		accounts: list(context.getNodeParameter('sessions', [])),
		messageTypes: carriesMessages ? list(context.getNodeParameter('messageTypes', [])) : [],
		statuses: events.includes('message.status') ? list(context.getNodeParameter('statuses', [])) : [],
	};
}

/** The filters only the trigger applies. */
export interface LocalFilters {
	sessionStatuses: string[];
	onlyDisconnections: boolean;
	chatType: 'all' | 'group' | 'individual';
	chats: string[];
}

export function localFilters(context: IWebhookFunctions): LocalFilters {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		sessionStatuses: list(context.getNodeParameter('sessionStatuses', [])),
		onlyDisconnections: context.getNodeParameter('onlyDisconnections', false) === true,
		chatType: (context.getNodeParameter('chatType', 'all') as LocalFilters['chatType']) ?? 'all',
		chats: String(options.chats ?? '')
			.split(',')
			.map((chat) => chat.trim())
			.filter(Boolean),
	};
}
