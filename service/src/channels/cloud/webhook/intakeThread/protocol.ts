import type { Handoff } from '../../../../events/outbox';
import type { RecipientSourceName } from '../../../../events/recipientSources';
import type { DatabaseSettings } from '../../../../storage/database';
import type { IntakeOutcome, IntakeUnit, Malformed, SignedWebhook } from '../intake';

/** What the intake thread needs to open the database and write like the main thread's intake would. */
export interface IntakeThreadData {
	database: DatabaseSettings;
	/** A SQLite file's write turns, shared with the main thread's connection. */
	writeLock?: SharedArrayBuffer;
	maxBatch: number;
	parallelBatches: number;
	/** The main outbox's recipient sources (see RECIPIENT_SOURCES). */
	recipientSources: RecipientSourceName[];
}

/**
 * The main thread's delivery worker as the intake thread may lease to it: its free slots when the units were sent,
 * its owner tag and how long a lease lasts. Absent when this process runs no delivery worker.
 */
export interface ClaimWindow {
	slots: number;
	ownerTag: string;
	leaseMs: number;
}

/** A signed body travels as a string (a copy of its bytes, cheaper than cloning the parsed changes). */
export type IntakeWork = { id: number; webhook: SignedWebhook } | { id: number; unit: IntakeUnit };

export type ToIntakeThread = { kind: 'work'; claim: ClaimWindow | null; work: IntakeWork[] } | { kind: 'stop' };

export type IntakeAnswer = { id: number; outcome: IntakeOutcome | Malformed } | { id: number; error: { name: string; message: string } };

export type FromIntakeThread =
	/** Modules loaded and storage open: the thread takes work without a start-up wait. */
	| { kind: 'ready' }
	| { kind: 'answers'; answers: IntakeAnswer[] }
	/** Deliveries leased to the main thread's worker by committed transactions, and whether it should look for more. */
	| { kind: 'handoffs'; handoffs: Handoff[]; wake: boolean }
	| { kind: 'stopped' };
