import type { WebhookError } from '../graph/errors';

/**
 * What the simulated business sent and received, for the control API's listings, for status webhooks
 * (which need the original message), and for checks such as "reaction to a message older than 30 days".
 * Bounded: a benchmark sends hundreds of thousands of messages and only recent ones matter.
 */
export type OutboundStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

export type PricingCategory = 'authentication' | 'marketing' | 'utility' | 'service';

export interface SentMessageRecord {
	id: string;
	phoneNumberId: string;
	wabaId: string;
	/** The recipient as a WhatsApp id (digits only). */
	to: string;
	/** `to` exactly as the client sent it, echoed in `contacts[].input`. */
	input: string;
	type: string;
	request: Record<string, unknown>;
	acceptedAt: number;
	status: OutboundStatus;
	statusHistory: Array<{ status: OutboundStatus; at: number }>;
	errors?: WebhookError[];
	bizOpaqueCallbackData?: string;
	pricingCategory: PricingCategory;
	/** Free inside the customer-service window (non-template and utility templates), regular otherwise. */
	pricingType: 'regular' | 'free_customer_service';
	/** Whether a delivered/read webhook already carried pricing (Meta puts it on only one of them). */
	billedAfterSent?: boolean;
	/** Graph version of the send request; webhook shape differences (v24 drops `conversation`) follow it. */
	version: string;
	templateName?: string;
}

export interface InboundRecord {
	id: string;
	phoneNumberId: string;
	from: string;
	type: string;
	receivedAt: number;
	readAt?: number;
}

export interface SentFilter {
	phoneNumberId?: string;
	to?: string;
	type?: string;
	limit?: number;
}

export class MessageLog {
	private readonly sent = new Map<string, SentMessageRecord>();
	private readonly inbound = new Map<string, InboundRecord>();

	constructor(private readonly maxEntries: number) {}

	addSent(record: SentMessageRecord): void {
		this.sent.set(record.id, record);
		evictOldest(this.sent, this.maxEntries);
	}

	getSent(id: string): SentMessageRecord | undefined {
		return this.sent.get(id);
	}

	/** Newest first, so a UI or a test sees the latest sends without paging. */
	listSent(filter: SentFilter = {}): SentMessageRecord[] {
		const limit = filter.limit ?? 100;
		const result: SentMessageRecord[] = [];
		const all = [...this.sent.values()];
		for (let i = all.length - 1; i >= 0 && result.length < limit; i--) {
			const record = all[i]!;
			if (filter.phoneNumberId !== undefined && record.phoneNumberId !== filter.phoneNumberId) continue;
			if (filter.to !== undefined && record.to !== filter.to.replace(/\D/g, '')) continue;
			if (filter.type !== undefined && record.type !== filter.type) continue;
			result.push(record);
		}
		return result;
	}

	get sentCount(): number {
		return this.sent.size;
	}

	/** The most recent message of a type sent to a user: an injected reply (button tap, list pick) answers it. */
	lastSentTo(phoneNumberId: string, to: string, type: string): SentMessageRecord | undefined {
		const all = [...this.sent.values()];
		for (let i = all.length - 1; i >= 0; i--) {
			const record = all[i]!;
			if (record.phoneNumberId === phoneNumberId && record.to === to && record.type === type) return record;
		}
		return undefined;
	}

	addInbound(record: InboundRecord): void {
		this.inbound.set(record.id, record);
		evictOldest(this.inbound, this.maxEntries);
	}

	getInbound(id: string): InboundRecord | undefined {
		return this.inbound.get(id);
	}

	listInbound(limit = 100): InboundRecord[] {
		return [...this.inbound.values()].slice(-limit).reverse();
	}

	clear(): void {
		this.sent.clear();
		this.inbound.clear();
	}
}

function evictOldest<V>(map: Map<string, V>, max: number): void {
	while (map.size > max) {
		const oldest = map.keys().next().value;
		if (oldest === undefined) return;
		map.delete(oldest);
	}
}
