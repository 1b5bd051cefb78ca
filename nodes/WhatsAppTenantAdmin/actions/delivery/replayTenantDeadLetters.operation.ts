import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { replayTenantDeadLetters } from '../../../shared/transport/api/deliveries';
import { tenantField, tenantIdOf } from '../common/tenantLocator';

export const description: INodeProperties[] = [
	tenantField,
	{ displayName: 'Subscription ID', name: 'subscriptionId', type: 'string', default: '', placeholder: 'sub_01j…', description: "Only this subscription's dead letters; empty for all of the tenant's" },
];

/** Every dead letter of a tenant back into the outbox, e.g. once its n8n is reachable again. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const tenantId = tenantIdOf(this, itemIndex);
	const subscriptionId = String(this.getNodeParameter('subscriptionId', itemIndex, '') ?? '').trim() || undefined;
	if (subscriptionId && !/^sub_[0-9a-z]{26}$/.test(subscriptionId)) throw new NodeOperationError(this.getNode(), `Subscription ID: "${subscriptionId}" is not a sub_… ID`, { itemIndex });
	return { tenantId, ...(subscriptionId ? { subscriptionId } : {}), ...(await replayTenantDeadLetters(this, tenantId, subscriptionId, itemIndex)) };
}
