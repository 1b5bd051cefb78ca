import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { respondToDelivery } from '../../shared/trigger/respond';
import { desiredSubscription, localFilters } from './desiredSubscription';
import { wanted } from './eventFilter';
import { toItem } from './toItem';

/** Besides the subscription's filters, the Web trigger applies the ones the service cannot (chats, session status). */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return respondToDelivery(this, { wanted: (context, envelope) => wanted(envelope, desiredSubscription(context), localFilters(context)), toItem });
}
