import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { respondToDelivery } from '../../shared/trigger/respond';
import { desiredSubscription } from './desiredSubscription';
import { wanted } from './eventFilter';
import { toItem } from './toItem';

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return respondToDelivery(this, { wanted: (context, envelope) => wanted(envelope, desiredSubscription(context)), toItem });
}
