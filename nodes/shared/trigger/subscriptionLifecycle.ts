import type { IHookFunctions } from 'n8n-workflow';
import { createSubscription, deleteSubscription, findSubscription, updateSubscription, type Subscription, type SubscriptionFilters } from '../transport/api/subscriptions';
import { forgetSubscription, triggerState } from './triggerState';

/** What the trigger's parameters ask the service for. */
export interface DesiredSubscription extends SubscriptionFilters {
	description: string;
}

const sorted = (values: string[] | undefined) => [...(values ?? [])].sort();
const sameList = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** The differences that matter, as the patch that undoes them; empty when the subscription is as wanted. */
export function driftPatch(actual: Subscription, desired: DesiredSubscription, targetUrl: string): Partial<SubscriptionFilters> & { targetUrl?: string; active?: boolean } {
	const patch: Partial<SubscriptionFilters> & { targetUrl?: string; active?: boolean } = {};
	if (actual.targetUrl !== targetUrl) patch.targetUrl = targetUrl;
	if (!actual.active) patch.active = true;
	if ((actual.channel ?? null) !== (desired.channel ?? null)) patch.channel = desired.channel ?? null;
	for (const key of ['events', 'accounts', 'messageTypes', 'statuses'] as const) {
		if (!sameList(actual[key], desired[key])) patch[key] = desired[key] ?? [];
	}
	return patch;
}

/**
 * n8n's webhook lifecycle for a trigger fed by a service subscription: one subscription per webhook URL (test and
 * production each have theirs), repaired when someone changed or paused it, recreated when it was deleted.
 */
export function subscriptionWebhookMethods(desiredOf: (context: IHookFunctions) => DesiredSubscription) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			if (!state.subscriptionId || !state.secret) return false;
			const targetUrl = this.getNodeWebhookUrl('default') as string;
			const actual = await findSubscription(this, state.subscriptionId);
			if (!actual) {
				forgetSubscription(state);
				return false;
			}
			const patch = driftPatch(actual, desiredOf(this), targetUrl);
			if (Object.keys(patch).length > 0) await updateSubscription(this, actual.id, patch);
			state.targetUrl = targetUrl;
			return true;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			const targetUrl = this.getNodeWebhookUrl('default') as string;
			const created = await createSubscription(this, { ...desiredOf(this), targetUrl });
			state.subscriptionId = created.id;
			state.secret = created.secret;
			state.targetUrl = targetUrl;
			state.recentEventIds = [];
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const state = triggerState(this);
			if (state.subscriptionId) await deleteSubscription(this, state.subscriptionId);
			forgetSubscription(state);
			return true;
		},
	};
}
