import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { EventEnvelope } from '../events/envelope';
import { rememberEvent } from './recentEvents';
import { receiveEvent } from './receiveEvent';
import { triggerState } from './triggerState';

export interface TriggerBehaviour {
	/** Whether this trigger's filters want the event (checked again here, whatever the service sent). */
	wanted(context: IWebhookFunctions, envelope: EventEnvelope): boolean;
	/** The workflow item made of an accepted event. */
	toItem(context: IWebhookFunctions, envelope: EventEnvelope, options: IDataObject): Promise<INodeExecutionData>;
}

/**
 * Answers a delivery from the service. Refused deliveries answer 401/400 and start nothing; duplicates and filtered
 * events answer 200 (so the service stops retrying) and start nothing; everything else starts one execution.
 */
export async function respondToDelivery(context: IWebhookFunctions, behaviour: TriggerBehaviour): Promise<IWebhookResponseData> {
	const reception = receiveEvent(context);
	if (reception.outcome === 'refused') {
		context.getResponseObject().status(reception.status).json({ error: reception.reason });
		return { noWebhookResponse: true };
	}
	if (reception.outcome === 'duplicate') return { webhookResponse: { duplicate: true } };
	const { envelope } = reception;
	if (!behaviour.wanted(context, envelope)) return { webhookResponse: { filtered: true } };
	const item = await behaviour.toItem(context, envelope, context.getNodeParameter('options', {}) as IDataObject);
	rememberEvent(triggerState(context), envelope.id);
	return { workflowData: [[item]] };
}
