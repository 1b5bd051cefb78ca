import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { replayUnroutedWebhook } from '../../../shared/transport/api/deliveries';
import { prefixedIdOf } from './prefixedId';

export const description: INodeProperties[] = [
	{
		displayName: 'Unrouted Webhook ID',
		name: 'unroutedId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'unr_01j…',
		description: 'The ID of an unrouted webhook (Webhook & Delivery › Get Many Unrouted Webhooks). Register its number for a tenant first.',
	},
];

/** Routes a stored change again; while still no tenant owns it the service refuses and says why. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const unroutedId = prefixedIdOf(this, itemIndex, { parameter: 'unroutedId', label: 'Unrouted Webhook ID', prefix: 'unr' });
	return { id: unroutedId, ...(await replayUnroutedWebhook(this, unroutedId, itemIndex)) };
}
