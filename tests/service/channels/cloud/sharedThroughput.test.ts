import { SharedThroughput, SqlPacingStore } from '../../../../service/src/channels/cloud/limits/sharedThroughput';
import { cloudComposer } from '../../../../service/src/channels/cloud/cloudComposer';
import { sendComposer } from '../../../../service/src/messages/sendRoutes';
import { migratedStorage, testDialects } from '../../../support/databases';
import { startTestService } from '../../../support/testService';
import { send, startCloudWorld } from './cloudHarness';

const T0 = 1_800_000_000_000;
const LIMITS = { maxWaitMs: 10_000, queueLimit: 1000 };

describe.each(testDialects())("a Cloud number's send schedule, shared by replicas, on %s", (dialect) => {
	const world = migratedStorage(dialect);

	test('two replicas asking at once get one schedule: the burst, then one send per interval, never two at a time', async () => {
		let now = T0;
		const replicas = [0, 1].map(() => new SharedThroughput(new SqlPacingStore(world.storage.db, world.storage.dialect), () => now));
		// 20 sends a second with a burst of 5; 40 callers, alternating between the replicas, all at the same moment.
		const grants = await Promise.all(Array.from({ length: 40 }, (_, i) => (replicas[i % 2] as SharedThroughput).reserve('990002', 20, 5, LIMITS)));
		const times = grants.map((grant) => T0 + (grant as { waitMs: number }).waitMs).sort((a, b) => a - b);
		expect(times).toEqual(Array.from({ length: 40 }, (_, k) => T0 + Math.max(0, k - 4) * 50));

		// Later, after a quiet spell, the burst is there again; another number has its own schedule.
		now = T0 + 60_000;
		expect(await (replicas[0] as SharedThroughput).reserve('990002', 20, 5, LIMITS)).toEqual({ waitMs: 0 });
		expect(await (replicas[1] as SharedThroughput).reserve('990009', 20, 5, LIMITS)).toEqual({ waitMs: 0 });
	});

	test('a caller who would wait longer than allowed is refused with that wait, and takes nothing from the schedule', async () => {
		const now = T0 + 120_000;
		const replica = new SharedThroughput(new SqlPacingStore(world.storage.db, world.storage.dialect), () => now);
		const limits = { maxWaitMs: 200, queueLimit: 1000 };
		const waits: number[] = [];
		for (;;) {
			const outcome = await replica.reserve('990003', 10, 2, limits);
			if ('retryAfterMs' in outcome) {
				expect(outcome).toEqual({ retryAfterMs: 300, reason: 'wait_too_long' });
				break;
			}
			waits.push(outcome.waitMs);
		}
		expect(waits).toEqual([0, 0, 100, 200]);
		const other = new SharedThroughput(new SqlPacingStore(world.storage.db, world.storage.dialect), () => now);
		expect(await other.reserve('990003', 10, 2, limits)).toEqual({ retryAfterMs: 300, reason: 'wait_too_long' });
	});
});

describe('a shared schedule behind a slow database', () => {
	test('callers queued for the next block count against the queue bound, so a slow database cannot let the queue grow unseen', async () => {
		// Each block takes 20 ms to come back and holds one slot (20/s): callers pile up waiting for it, not for their slot.
		let nextAt = T0;
		const slowStore = {
			reserveBlock: async (_key: string, input: { now: number; intervalMs: number }) => {
				await new Promise((resolve) => setTimeout(resolve, 20));
				const at = Math.max(nextAt, input.now);
				nextAt = at + input.intervalMs;
				return { slots: [at] };
			},
		};
		const replica = new SharedThroughput(slowStore, () => T0);
		const outcomes = await Promise.all(Array.from({ length: 12 }, () => replica.reserve('990010', 20, 1, { maxWaitMs: 60_000, queueLimit: 8 })));
		const refused = outcomes.filter((outcome) => 'retryAfterMs' in outcome);
		expect(outcomes.filter((outcome) => 'waitMs' in outcome)).toHaveLength(8);
		// The ninth caller finds eight ahead of it: its turn would come eight intervals on.
		expect(refused).toEqual(Array.from({ length: 4 }, () => ({ retryAfterMs: 400, reason: 'queue_full' })));
		// The callers already queued all got their turn, one interval apart, in order.
		expect(outcomes.slice(0, 8).map((outcome) => (outcome as { waitMs: number }).waitMs)).toEqual([0, 50, 100, 150, 200, 250, 300, 350]);
	});
});

// Replicas exist only on MySQL (SQLite is one process), so only there does the service share the schedule.
const mysqlOnly = testDialects().filter((dialect) => dialect === 'mysql');
(mysqlOnly.length > 0 ? describe : describe.skip)('two Cloud replicas sending for one number on MySQL', () => {
	test("together they keep to the number's throughput, so Meta refuses none of their sends (130429)", async () => {
		const world = await startCloudWorld('mysql', { throughputPerSecond: 20, simulator: { pairRateLimit: false } });
		const second = await startTestService('mysql', {
			database: world.service.database,
			composers: [sendComposer, cloudComposer()],
			env: { ENCRYPTION_KEY: world.service.config.encryptionKey.toString('base64'), GRAPH_API_BASE_URL: world.sim.graphUrl, GRAPH_API_VERSION: 'v23.0', CLOUD_RETRY_BASE_MS: '5', CLOUD_RETRY_MAX_MS: '40' },
		});
		try {
			const replicas = [world, { ...world, service: second }];
			const started = Date.now();
			const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => send(replicas[i % 2] as typeof world, { type: 'text', text: { body: `shared ${i}` }, to: `1650558${String(1000 + i)}` })));
			const elapsed = Date.now() - started;
			expect(responses.map((response) => response.statusCode)).toEqual(Array.from({ length: 50 }, () => 201));
			expect(world.sim.simulator.stats.snapshot().rateLimited130429).toBe(0);
			// 50 sends at 20/s after a burst of 5 take at least 45 intervals of 50 ms.
			expect(elapsed).toBeGreaterThanOrEqual(45 * 50 - 100);
		} finally {
			await second.stop();
			await world.close();
		}
	});
});
