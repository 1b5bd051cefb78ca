import type { EventDraft } from '../events/eventDraft';
import type { InboundItem, ItemOutcome } from './ledger';

export type MessageItem = Extract<InboundItem, { kind: 'message' }>;
export type StatusItem = Extract<InboundItem, { kind: 'status' }>;
export type EventItem = Extract<InboundItem, { kind: 'event' }>;

/** Items of one kind, each with its index in the batch. */
export type Entries<T> = Array<[number, T]>;

/** What the writers of one batch fill in, per item in input order, and the time they stamp rows with. */
export interface BatchResults {
	outcomes: ItemOutcome[];
	drafts: Array<EventDraft | undefined>;
	now: string;
}
