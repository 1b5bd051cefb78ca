import type { EventDraft } from '../events/eventDraft';
import type { EventOutbox, PendingHandoffs, SubscriptionsAhead } from '../events/outbox';
import type { Dialect, Executor } from '../storage/database';
import type { BatchResults, Entries, EventItem, MessageItem, StatusItem } from './inboundBatch';
import { writeInboundEvents } from './inboundEvents';
import { InboundMessages } from './inboundMessages';
import { writeInboundStatuses } from './inboundStatuses';
import type { InboundItem, ItemOutcome } from './ledger';

/**
 * Writes a batch of inbound items (possibly many webhooks, several tenants) inside one transaction: history rows,
 * dedupe records and the events they cause. Statements are per batch, not per item, so a batch of hundreds costs
 * about a dozen round trips; that is what makes group commit pay off.
 *
 * Dedupe: a provider message id is stored once per tenant and channel (unique key); a status once per
 * (id, status). Rows are inserted "ignoring duplicates" and the batch then learns which rows were its own, so
 * concurrent writers (replicas on MySQL) never emit the same item twice.
 */
export class InboundWriter {
	private readonly messages: InboundMessages;

	constructor(
		private readonly dialect: Dialect,
		private readonly outbox: EventOutbox,
	) {
		this.messages = new InboundMessages(dialect);
	}

	/**
	 * Outcomes per item in input order, and the deliveries to hand to the local worker after the commit. With
	 * `ahead` (MySQL's webhook intake), messages are written without waiting for the insert's answer, and a message
	 * stored before fails the transaction with a duplicate key: run it again without `ahead` (see InboundMessages).
	 * `subscriptions` is the event fan-out's read of the subscriptions, if the caller sent it ahead.
	 */
	async write(tx: Executor, items: readonly InboundItem[], options: { ahead?: boolean; subscriptions?: SubscriptionsAhead } = {}): Promise<{ outcomes: ItemOutcome[]; handoffs: PendingHandoffs }> {
		items.forEach(checkColumnLimits);
		const results: BatchResults = { outcomes: items.map(() => 'duplicate'), drafts: items.map(() => undefined), now: new Date().toISOString() };
		const messages: Entries<MessageItem> = [];
		const statuses: Entries<StatusItem> = [];
		const events: Entries<EventItem> = [];
		items.forEach((item, index) => {
			if (item.kind === 'message') messages.push([index, item]);
			else if (item.kind === 'status') statuses.push([index, item]);
			else events.push([index, item]);
		});
		if (messages.length > 0) await this.messages.write(tx, messages, results, options);
		if (statuses.length > 0) await writeInboundStatuses(tx, this.dialect, statuses, results);
		if (events.length > 0) await writeInboundEvents(tx, this.dialect, events, results);
		const handoffs = await this.outbox.append(
			tx,
			results.drafts.filter((draft): draft is EventDraft => draft !== undefined),
			{ handOff: true, subscriptions: options.subscriptions },
		);
		return { outcomes: results.outcomes, handoffs };
	}
}

/**
 * Values must fit their columns before they are written: MySQL's INSERT IGNORE (how duplicates are skipped) would
 * otherwise truncate them silently, and SQLite does not check lengths at all. A caller passing such an item gets
 * an error (its group-commit unit fails alone).
 */
function checkColumnLimits(item: InboundItem): void {
	const limits: Array<[string, string | undefined, number]> =
		item.kind === 'message'
			? [
					['message.id', item.message.id, 255],
					['message.type', item.message.type, 32],
					['message.account.id', item.message.account.id, 128],
					['message.chatId', item.message.chatId, 128],
				]
			: item.kind === 'status'
				? [
						['status.messageId', item.status.messageId, 255],
						['status.status', item.status.status, 16],
					]
				: [['dedupeKey', item.dedupeKey, 128]];
	for (const [field, value, max] of limits) {
		if (value !== undefined && (typeof value !== 'string' || value.length === 0 || value.length > max)) throw new Error(`Inbound ${item.kind}: ${field} must be a string of 1 to ${max} characters`);
	}
}
