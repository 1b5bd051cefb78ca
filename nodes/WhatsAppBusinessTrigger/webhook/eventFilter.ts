import type { EventEnvelope } from '../../shared/events/envelope';
import type { DesiredSubscription } from '../../shared/trigger/subscriptionLifecycle';

/**
 * The trigger's own filter, applied again on arrival: the service filters too, but a subscription edited by hand
 * (or not yet repaired) must not start executions the parameters exclude. Same rules as the service: a filter
 * only applies to events that have that property.
 */
export function wanted(envelope: EventEnvelope, desired: DesiredSubscription): boolean {
	if (!desired.events.includes(envelope.type)) return false;
	if (envelope.channel !== 'cloud') return false;
	const data = envelope.data as { account?: { id?: string }; type?: string; status?: string };
	const accounts = desired.accounts ?? [];
	if (accounts.length > 0 && data.account?.id !== undefined && !accounts.includes(data.account.id)) return false;
	const messageTypes = desired.messageTypes ?? [];
	if (envelope.type === 'message.received' && messageTypes.length > 0 && !messageTypes.includes(String(data.type))) return false;
	const statuses = desired.statuses ?? [];
	if (envelope.type === 'message.status' && statuses.length > 0 && !statuses.includes(String(data.status))) return false;
	return true;
}
