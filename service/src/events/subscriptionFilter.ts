import type { ChannelKind } from '../channels/messages';
import type { SubscriptionsTable } from './tables';
import type { EventDraft } from './eventDraft';

/** A subscription's filters, parsed once per row version. Empty sets mean "any". */
export interface SubscriptionFilter {
	id: string;
	tenantId: string;
	/** undefined: every event type ("*"). */
	eventTypes: ReadonlySet<string> | undefined;
	channel: ChannelKind | null;
	accounts: ReadonlySet<string>;
	messageTypes: ReadonlySet<string>;
	statuses: ReadonlySet<string>;
}

export function parseFilter(row: Pick<SubscriptionsTable, 'id' | 'tenant_id' | 'event_types' | 'channel' | 'accounts_json' | 'message_types_json' | 'statuses_json'>): SubscriptionFilter {
	const types = JSON.parse(row.event_types) as string[];
	return {
		id: row.id,
		tenantId: row.tenant_id,
		eventTypes: types.includes('*') ? undefined : new Set(types),
		channel: row.channel,
		accounts: new Set(JSON.parse(row.accounts_json) as string[]),
		messageTypes: new Set(JSON.parse(row.message_types_json) as string[]),
		statuses: new Set(JSON.parse(row.statuses_json) as string[]),
	};
}

/**
 * Whether a subscription wants an event. Each filter applies only where the event has that property: an account
 * filter does not hide WABA-level events (templates, account updates), a message-type filter does not hide statuses.
 */
export function matches(filter: SubscriptionFilter, event: Pick<EventDraft, 'tenantId' | 'type' | 'channel' | 'match'>): boolean {
	if (filter.tenantId !== event.tenantId) return false;
	if (filter.eventTypes && !filter.eventTypes.has(event.type)) return false;
	if (filter.channel && filter.channel !== event.channel) return false;
	const { accountId, messageType, status } = event.match;
	if (filter.accounts.size > 0 && accountId !== undefined && !filter.accounts.has(accountId)) return false;
	if (filter.messageTypes.size > 0 && messageType !== undefined && !filter.messageTypes.has(messageType)) return false;
	if (filter.statuses.size > 0 && status !== undefined && !filter.statuses.has(status)) return false;
	return true;
}
