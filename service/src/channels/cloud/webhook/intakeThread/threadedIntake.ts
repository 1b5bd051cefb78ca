import type { Worker as Thread } from 'node:worker_threads';
import type { EventOutbox } from '../../../../events/outbox';
import type { Logger } from '../../../../logging/logger';
import type { Worker } from '../../../../service';
import { startModuleThread, threadEntry } from '../../../../shared/moduleThread';
import { TurnBatch } from '../../../../shared/turnBatch';
import type { DatabaseSettings, Storage } from '../../../../storage/database';
import { SharedWriteLock } from '../../../../storage/sharedWriteLock';
import type { Intake, IntakeOutcome, IntakeUnit, Malformed, SignedWebhook } from '../intake';
import type { ClaimWindow, FromIntakeThread, IntakeAnswer, IntakeThreadData, IntakeWork, ToIntakeThread } from './protocol';

/** How long stop() waits for units already sent before it ends the thread anyway. */
const STOP_GRACE_MS = 10_000;

/** How long start() waits for the thread to be ready before the service goes on without waiting (it still starts). */
const START_WAIT_MS = 30_000;

/**
 * The webhook intake on a thread of its own. SQLite runs every statement on the thread that calls it, and mysql2
 * decodes every answer on it: in the main thread the intake's SQL, commits, JSON parsing and normalizing kept the
 * event loop about 90% busy in the closed loop (SQLite), and at half that load requests queued behind them. The
 * thread opens its own connections; on SQLite a SharedWriteLock gives the two writers of the file their turns.
 *
 * The route still checks signatures; the signed bodies of each event-loop turn go to the thread in one message (as
 * strings, a copy of their bytes), are parsed, normalized and committed there, and come back answered. The thread
 * leases new deliveries to this process's delivery worker just as the main thread would (within the free slots the
 * bodies came with) and sends them back after the commit.
 *
 * The thread starts with the service (start() waits until it has loaded its modules and opened the database, about
 * 300 ms idle and seconds on a busy machine, which the first webhook would otherwise wait for). If it dies, the work it
 * held fails (the route answers 5xx and Meta sends it again; what had committed is then a duplicate) and the next
 * webhook starts a new one.
 */
export class ThreadedIntake implements Intake, Worker {
	readonly name = 'webhook intake thread';
	private thread: Thread | undefined;
	private nextId = 1;
	private readonly waiting = new Map<number, { resolve: (outcome: IntakeOutcome | Malformed) => void; reject: (error: Error) => void }>();
	/** Ids sent to the running thread and not answered yet: those it takes down with it if it dies. */
	private readonly sent = new Set<number>();
	private readonly outgoing = new TurnBatch<IntakeWork>((work) => this.send(work));
	private readonly writeLock: SharedWriteLock | undefined;
	private stopping = false;
	private drained: (() => void) | undefined;

	constructor(
		private readonly deps: {
			/** The main thread's storage, and the settings it was opened with (the thread opens its own). */
			storage: Storage;
			database: DatabaseSettings;
			outbox: EventOutbox;
			maxBatch: number;
			parallelBatches: number;
			logger: Logger;
		},
	) {
		const file = deps.storage.sqliteFile;
		this.writeLock = file && new SharedWriteLock(file.writeLock, 'main');
	}

	submitWebhook(webhook: SignedWebhook): Promise<IntakeOutcome | Malformed> {
		return this.enqueue((id) => ({ id, webhook }));
	}

	submit(unit: IntakeUnit): Promise<IntakeOutcome> {
		// A unit is never malformed: it was normalized already.
		return this.enqueue((id) => ({ id, unit })) as Promise<IntakeOutcome>;
	}

	private enqueue(work: (id: number) => IntakeWork): Promise<IntakeOutcome | Malformed> {
		if (this.stopping) return Promise.reject(new Error('The webhook intake is stopping'));
		return new Promise((resolve, reject) => {
			const id = this.nextId++;
			this.waiting.set(id, { resolve, reject });
			this.outgoing.add(work(id));
		});
	}

	async start(): Promise<void> {
		if (this.stopping) return;
		const thread = this.thread ?? this.startThread();
		await new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				thread.off('message', onMessage);
				thread.off('exit', done);
				resolve();
			};
			const onMessage = (message: FromIntakeThread) => message.kind === 'ready' && done();
			const timer = setTimeout(() => {
				this.deps.logger.warn({ waitedMs: START_WAIT_MS }, 'webhook intake thread not ready yet; the service starts without waiting for it');
				done();
			}, START_WAIT_MS);
			thread.on('message', onMessage);
			// A thread that dies at start is logged by exited(); the next webhook starts another.
			thread.once('exit', done);
		});
	}

	async stop(): Promise<void> {
		this.stopping = true;
		if (this.waiting.size > 0) {
			await new Promise<void>((resolve) => {
				this.drained = resolve;
				setTimeout(resolve, STOP_GRACE_MS).unref();
			});
		}
		const thread = this.thread;
		if (!thread) return;
		const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
		thread.postMessage({ kind: 'stop' } satisfies ToIntakeThread);
		const ended = setTimeout(() => void thread.terminate(), STOP_GRACE_MS).unref();
		await exited;
		clearTimeout(ended);
	}

	private send(work: IntakeWork[]): void {
		const thread = this.thread ?? this.startThread();
		for (const { id } of work) this.sent.add(id);
		thread.postMessage({ kind: 'work', claim: this.claimWindow(), work } satisfies ToIntakeThread);
	}

	/** The local delivery worker's room right now, for the thread to lease new deliveries within. */
	private claimWindow(): ClaimWindow | null {
		const claimer = this.deps.outbox.localClaimer;
		if (!claimer) return null;
		return { slots: claimer.freeSlots(), ownerTag: claimer.ownerTag, leaseMs: Date.parse(claimer.leaseUntil()) - Date.now() };
	}

	private startThread(): Thread {
		const { storage, database, outbox, maxBatch, parallelBatches, logger } = this.deps;
		const data: IntakeThreadData = { database, writeLock: storage.sqliteFile?.writeLock, maxBatch, parallelBatches, recipientSources: outbox.recipientSourceNames };
		const thread = startModuleThread(threadEntry(__filename, 'entry'), data);
		thread.on('message', (message: FromIntakeThread) => this.received(message));
		thread.on('error', (error) => logger.error({ err: error }, 'webhook intake thread failed'));
		thread.once('exit', (code) => this.exited(thread, code));
		this.thread = thread;
		return thread;
	}

	private received(message: FromIntakeThread): void {
		if (message.kind === 'answers') {
			for (const answer of message.answers) this.answer(answer);
		} else if (message.kind === 'handoffs') {
			const claimer = this.deps.outbox.localClaimer;
			if (message.handoffs.length > 0) claimer?.accept(message.handoffs);
			if (message.wake) claimer?.wake();
		}
	}

	private answer(answer: IntakeAnswer): void {
		const waiter = this.waiting.get(answer.id);
		this.waiting.delete(answer.id);
		this.sent.delete(answer.id);
		if ('outcome' in answer) waiter?.resolve(answer.outcome);
		else waiter?.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }));
		if (this.waiting.size === 0) this.drained?.();
	}

	private exited(thread: Thread, code: number): void {
		if (this.thread === thread) this.thread = undefined;
		// A thread that died holding the write turn would keep the main thread's writes waiting for ever.
		this.writeLock?.forgetOtherSide();
		if (this.sent.size === 0) {
			if (!this.stopping) this.deps.logger.warn({ code }, 'webhook intake thread stopped; the next webhook starts another');
			return;
		}
		const error = new Error(`The webhook intake thread stopped (exit code ${code}) before committing this request`);
		this.deps.logger.error({ units: this.sent.size, code }, 'webhook intake thread stopped with requests in hand; they fail and Meta sends them again');
		for (const id of this.sent) this.answer({ id, error: { name: 'Error', message: error.message } });
	}
}
