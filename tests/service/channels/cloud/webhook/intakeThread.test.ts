import type { Worker as Thread } from 'node:worker_threads';
import { sql } from 'kysely';
import { WebhookIntake, type IntakeUnit } from '../../../../../service/src/channels/cloud/webhook/intake';
import { ThreadedIntake } from '../../../../../service/src/channels/cloud/webhook/intakeThread/threadedIntake';
import { normalizeWebhook } from '../../../../../service/src/channels/cloud/webhook/normalize';
import { DeliveryWorker } from '../../../../../service/src/events/deliveryWorker';
import type { Handoff } from '../../../../../service/src/events/outbox';
import * as moduleThread from '../../../../../service/src/shared/moduleThread';
import { SharedWriteLock } from '../../../../../service/src/storage/sharedWriteLock';
import { testDialects } from '../../../../support/databases';
import type { TenantFixture, TestService } from '../../../../support/testService';
import { inboundText, newWamid, postWebhook, subscribedTenantService, waitFor, type Sink } from '../../../events/eventsTestKit';

const APP = '700500';
const SECRET = 'intake-thread-secret';
const NUMBER = '9500001';
const WABA = '8500001';

/** Every intake thread started from now on (restore the spy after), each first shown to `watch`. */
function recordThreads(watch: (thread: Thread) => void = () => undefined) {
	const threads: Thread[] = [];
	const start = moduleThread.startModuleThread;
	const spy = jest.spyOn(moduleThread, 'startModuleThread').mockImplementation((file, data) => {
		const thread = start(file, data);
		watch(thread);
		threads.push(thread);
		return thread;
	});
	return { threads, spy };
}

/** The webhook intake commits on a thread of its own (ThreadedIntake, INGEST_THREAD on by default). */
describe.each(testDialects())('the webhook intake thread on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let sink: Sink;
	beforeAll(async () => {
		// A poll far away: a delivery that arrives soon was handed over by the transaction that wrote it.
		({ service, tenant, sink } = await subscribedTenantService(dialect, { env: { EVENT_POLL_INTERVAL_MS: '60000' }, tenantName: 'Threaded', app: APP, secret: SECRET, number: NUMBER, waba: WABA, events: ['message.received'] }));
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await service.stop();
		await sink.stop();
	});

	const sqliteOnly = dialect === 'sqlite' ? test : test.skip;
	const unitOf = (wamid: string): IntakeUnit => {
		const receivedAt = new Date().toISOString();
		const changes = normalizeWebhook(inboundText(NUMBER, WABA, '15555000001', wamid, 'hi'), receivedAt);
		if ('malformed' in changes) throw new Error(changes.malformed);
		return { appId: APP, signedBy: new Set([tenant.id]), changes, receivedAt };
	};
	const storedMessages = async (wamids: string[]) => (await service.ctx.storage.db.selectFrom('messages').select('provider_id').where('provider_id', 'in', wamids).execute()).length;
	const sqliteFile = () => {
		const file = service.ctx.storage.sqliteFile;
		if (!file) throw new Error('expected a SQLite file');
		return file;
	};

	test('webhooks commit off the main thread, and their deliveries come back to the local worker with the commit', async () => {
		const inThisThread = jest.spyOn(WebhookIntake.prototype, 'submit');
		const accepted = jest.spyOn(DeliveryWorker.prototype, 'accept');
		try {
			const wamid = newWamid();
			const response = await postWebhook(service, APP, inboundText(NUMBER, WABA, '15555000002', wamid, 'threaded'), SECRET);
			expect(response.json()).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
			await waitFor(() => sink.received.some((d) => d.event.data.id === wamid), 5000, 'the delivery');
			expect(inThisThread).not.toHaveBeenCalled();
			const handed = accepted.mock.calls.flatMap(([handoffs]) => handoffs as readonly Handoff[]);
			expect(handed.some((handoff) => handoff.body.includes(wamid))).toBe(true);
		} finally {
			inThisThread.mockRestore();
			accepted.mockRestore();
		}
	});

	// SQLite's two writers of one file and their turns.
	sqliteOnly('the main thread writes between the intake thread\'s transactions: no busy errors, nothing lost on either side', async () => {
		const db = service.ctx.storage.db;
		await sql`create table main_writes (n integer not null)`.execute(db);
		const wamids = Array.from({ length: 300 }, () => newWamid());
		const webhooks = Promise.all(wamids.map((wamid, n) => postWebhook(service, APP, inboundText(NUMBER, WABA, `1555510${String(n).padStart(4, '0')}`, wamid, 'burst'), SECRET)));
		// Read, then write, in one transaction: a second writer committing in between would fail it with SQLITE_BUSY.
		for (let n = 0; n < 100; n++) {
			await db.transaction().execute(async (tx) => {
				const { count } = await sql<{ count: number }>`select count(*) as count from main_writes`.execute(tx).then((r) => r.rows[0] as { count: number });
				await new Promise((resolve) => setImmediate(resolve));
				await sql`insert into main_writes (n) values (${count})`.execute(tx);
			});
		}
		const answers = await webhooks;
		expect(answers.map((r) => r.statusCode)).toEqual(wamids.map(() => 200));
		expect(await storedMessages(wamids)).toBe(300);
		const rows = (await sql<{ n: number }>`select n from main_writes order by n`.execute(db)).rows.map((r) => Number(r.n));
		expect(rows).toEqual(Array.from({ length: 100 }, (_, n) => n));
	});

	// SQLite's two writers of one file and their turns.
	sqliteOnly("a main-thread transaction holds the write turn from BEGIN: the intake thread's commit waits for it", async () => {
		const db = service.ctx.storage.db;
		await sql`create table main_turn (n integer not null)`.execute(db);
		// A first webhook through the thread: one posted inside our transaction must then not commit before it ends.
		expect((await postWebhook(service, APP, inboundText(NUMBER, WABA, '15555000003', newWamid(), 'warm'), SECRET)).statusCode).toBe(200);
		const wamid = newWamid();
		let answered = false;
		let webhook: ReturnType<typeof postWebhook> | undefined;
		await db.transaction().execute(async (tx) => {
			const { count } = (await sql<{ count: number }>`select count(*) as count from main_turn`.execute(tx)).rows[0] as { count: number };
			webhook = postWebhook(service, APP, inboundText(NUMBER, WABA, '15555000003', wamid, 'waits'), SECRET).then((r) => ((answered = true), r));
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(answered).toBe(false);
			expect((await tx.selectFrom('messages').select('id').where('provider_id', '=', wamid).execute()).length).toBe(0);
			// Had the thread committed meanwhile, this write would fail with SQLITE_BUSY_SNAPSHOT.
			await sql`insert into main_turn (n) values (${count})`.execute(tx);
		});
		expect((await (webhook as ReturnType<typeof postWebhook>)).json()).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
		expect(await storedMessages([wamid])).toBe(1);
	});

	// Holding SQLite's write turn is how the test keeps the thread's transaction waiting; the rest is the same on MySQL.
	sqliteOnly('a thread that dies fails the units it held; the next unit starts a new thread, and a retry stores them once', async () => {
		const { threads, spy } = recordThreads();
		const { storage, outbox, logger } = service.ctx;
		const intake = new ThreadedIntake({ storage, database: service.ctx.config.database, outbox, maxBatch: 64, parallelBatches: 1, logger });
		const mainSide = new SharedWriteLock(sqliteFile().writeLock, 'main');
		try {
			const wamids = [newWamid(), newWamid(), newWamid()];
			// Hold the write turn so the thread's transaction waits, then kill the thread.
			await mainSide.acquire();
			const first = wamids.map((wamid) => intake.submit(unitOf(wamid)).then(() => 'answered', (error: Error) => error.message));
			await waitFor(() => mainSide.isWaiting('intake'), 10_000, 'the thread waiting for the write turn');
			await threads[0]?.terminate();
			expect(await Promise.all(first)).toEqual(wamids.map(() => expect.stringMatching(/intake thread stopped .* before committing/)));
			mainSide.release();
			expect(await storedMessages(wamids)).toBe(0);

			const retried = await Promise.all(wamids.map((wamid) => intake.submit(unitOf(wamid))));
			expect(retried.map((outcome) => outcome.accepted)).toEqual([1, 1, 1]);
			expect(threads).toHaveLength(2);
			expect(await storedMessages(wamids)).toBe(3);
			// And again: duplicates now.
			expect((await intake.submit(unitOf(wamids[0] as string))).duplicates).toBe(1);
		} finally {
			mainSide.release();
			await intake.stop();
			spy.mockRestore();
		}
	});

	test('start() brings the thread up before any webhook, so the first one does not wait for its start', async () => {
		let ready = false;
		const { threads, spy } = recordThreads((thread) => thread.on('message', (message: { kind: string }) => message.kind === 'ready' && (ready = true)));
		const { storage, outbox, logger } = service.ctx;
		const intake = new ThreadedIntake({ storage, database: service.ctx.config.database, outbox, maxBatch: 8, parallelBatches: 1, logger });
		try {
			await intake.start();
			expect(threads).toHaveLength(1);
			expect(ready).toBe(true);
			const wamid = newWamid();
			expect((await intake.submit(unitOf(wamid))).accepted).toBe(1);
			expect(threads).toHaveLength(1);
			expect(await storedMessages([wamid])).toBe(1);
		} finally {
			await intake.stop();
			spy.mockRestore();
		}
	});

	test('stop() answers every unit already submitted before the thread ends', async () => {
		const { storage, outbox, logger } = service.ctx;
		const intake = new ThreadedIntake({ storage, database: service.ctx.config.database, outbox, maxBatch: 8, parallelBatches: dialect === 'mysql' ? 4 : 1, logger });
		const wamids = Array.from({ length: 40 }, () => newWamid());
		const outcomes = wamids.map((wamid) => intake.submit(unitOf(wamid)));
		await new Promise((resolve) => setImmediate(resolve));
		await intake.stop();
		expect((await Promise.all(outcomes)).map((outcome) => outcome.accepted)).toEqual(wamids.map(() => 1));
		expect(await storedMessages(wamids)).toBe(40);
		await expect(intake.submit(unitOf(newWamid()))).rejects.toThrow('stopping');
	});
});
