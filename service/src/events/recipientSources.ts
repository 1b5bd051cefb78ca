import type { RecipientSource } from './outbox';
import { replyWaitRecipients } from './replyWaits/replyWaitsRepository';

/**
 * The outbox's extra recipient sources, by name. Each reads and writes only through the transaction it is given,
 * so the outbox of any thread (the webhook intake's included) runs the same ones, asked for by name.
 */
export const RECIPIENT_SOURCES = { replyWaits: replyWaitRecipients } satisfies Record<string, RecipientSource>;

export type RecipientSourceName = keyof typeof RECIPIENT_SOURCES;
