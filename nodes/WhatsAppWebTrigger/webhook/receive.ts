import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { rememberEvent } from '../../shared/trigger/recentEvents';
import { receiveEvent } from '../../shared/trigger/receiveEvent';
import { triggerState } from '../../shared/trigger/triggerState';
import { desiredSubscription, localFilters } from './desiredSubscription';
import { wanted } from './eventFilter';
import { toItem } from './toItem';

/**
 * A delivery from the service. Refused deliveries (bad signature, not an envelope) answer 401/400 and start
 * nothing; duplicates and filtered events answer 200, so the service stops retrying, and start nothing.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const reception = receiveEvent(this);
	if (reception.outcome === 'refused') {
		this.getResponseObject().status(reception.status).json({ error: reception.reason });
		return { noWebhookResponse: true };
	}
	if (reception.outcome === 'duplicate') return { webhookResponse: { duplicate: true } };
	const { envelope } = reception;
	if (!wanted(envelope, desiredSubscription(this), localFilters(this))) return { webhookResponse: { filtered: true } };
	const item = await toItem(this, envelope, this.getNodeParameter('options', {}) as IDataObject);
	rememberEvent(triggerState(this), envelope.id);
	return { workflowData: [[item]] };
}
