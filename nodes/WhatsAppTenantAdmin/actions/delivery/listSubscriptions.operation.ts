import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { listSubscriptionsWithDelivery } from '../../../shared/transport/api/deliveries';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	tenantField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Only Active', name: 'onlyActive', type: 'boolean', default: false, description: 'Whether to leave out paused subscriptions' },
			{ displayName: 'Only Unhealthy', name: 'onlyUnhealthy', type: 'boolean', default: false, description: 'Whether to keep only subscriptions with failing deliveries or dead letters' },
		],
	},
];

/**
 * A tenant's subscriptions (each active trigger has one) with where their deliveries stand: what is pending, what is
 * being retried and why its last attempt failed, and how many were given up on. The first place to look when a
 * trigger stays silent.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { onlyActive?: boolean; onlyUnhealthy?: boolean };
	const listed = await listSubscriptionsWithDelivery(this, tenantId, options.onlyActive === true, itemIndex);
	return listed.filter((subscription) => !options.onlyUnhealthy || !subscription.delivery.healthy).map((subscription) => ({ tenantId, ...subscription }));
}
