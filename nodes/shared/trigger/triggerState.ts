import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What a trigger remembers between activation and deliveries, in the node's static data. n8n keeps test and
 * production static data apart, so the test URL's subscription and the production one never overwrite each other.
 */
export interface TriggerState extends IDataObject {
	subscriptionId?: string;
	/** Signing secret the service answered once, at creation. */
	secret?: string;
	targetUrl?: string;
	/** Ids of the latest events that started an execution, newest last (redeliveries are dropped). */
	recentEventIds?: string[];
}

export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

export function forgetSubscription(state: TriggerState): void {
	delete state.subscriptionId;
	delete state.secret;
	delete state.targetUrl;
}
