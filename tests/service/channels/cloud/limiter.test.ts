import { sql } from 'kysely';
import { PacedSlots } from '../../../../service/src/channels/cloud/limits/pacedSlots';
import { SendLimiter } from '../../../../service/src/channels/cloud/limits/sendLimiter';
import { AppError } from '../../../../service/src/shared/errors';
import { testDialects } from '../../../support/databases';
import { send, startCloudWorld, type CloudWorld } from './cloudHarness';

describe('paced slots (the limiter’s schedule)', () => {
	test('after the burst, callers are spaced at exactly the rate, in arrival order', () => {
		let now = 0;
		const slots = new PacedSlots(() => now);
		const waits = Array.from({ length: 6 }, () => (slots.reserve('n', 10, 2, { maxWaitMs: 10_000, queueLimit: 100 }) as { waitMs: number }).waitMs);
		expect(waits).toEqual([0, 0, 100, 200, 300, 400]);
		now = 10_000;
		expect((slots.reserve('n', 10, 2, { maxWaitMs: 0, queueLimit: 100 }) as { waitMs: number }).waitMs).toBe(0);
	});

	test('a caller who would wait too long, or find the queue full, is refused with the wait it would have had', () => {
		const slots = new PacedSlots(() => 0);
		for (let i = 0; i < 3; i++) slots.reserve('n', 1, 1, { maxWaitMs: 5000, queueLimit: 100 });
		expect(slots.reserve('n', 1, 1, { maxWaitMs: 2500, queueLimit: 100 })).toEqual({ retryAfterMs: 3000, reason: 'wait_too_long' });
		slots.enter('n');
		expect(slots.reserve('n', 1, 1, { maxWaitMs: 60_000, queueLimit: 1 })).toEqual({ retryAfterMs: 3000, reason: 'queue_full' });
	});
});

describe('send limiter', () => {
	test('the pair limit lets a burst through, then makes the next message to that user wait, not other users', async () => {
		const limiter = new SendLimiter({ maxWaitMs: 100, queueLimit: 100, pair: { burst: 3, perSecond: 1 / 6 } });
		for (let i = 0; i < 3; i++) await limiter.acquire('p1', 1000, 'u1');
		const refused = await limiter.acquire('p1', 1000, 'u1').catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(AppError);
		expect((refused as AppError).status).toBe(429);
		expect((refused as AppError).details).toMatchObject({ limit: 'pair', retryable: true });
		expect(Number((refused as AppError).headers['retry-after'])).toBeGreaterThanOrEqual(5);
		await expect(limiter.acquire('p1', 1000, 'u2')).resolves.toBeUndefined();
	});
});

describe.each(testDialects())('throughput through the service on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect, { throughputPerSecond: 20, env: { CLOUD_SEND_QUEUE_LIMIT: '40', CLOUD_SEND_MAX_WAIT_MS: '60000' }, simulator: { pairRateLimit: false } });
	});
	afterAll(() => world.close());

	test('40 concurrent sends at 20/s are paced by the service, and Meta never answers 130429', async () => {
		const started = Date.now();
		const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => send(world, { type: 'text', text: { body: `m${i}` }, to: `1650555${String(1000 + i)}` })));
		const elapsed = Date.now() - started;
		expect(responses.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
		// A burst of 5 (a quarter second), then 35 at 20/s: at least 1.7 s.
		expect(elapsed).toBeGreaterThanOrEqual(1600);
		expect(world.sim.simulator.stats.errorCount(130429)).toBe(0);
	});

	test('more waiting senders than CLOUD_SEND_QUEUE_LIMIT are answered 429 with Retry-After, and recorded as failed', async () => {
		const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => send(world, { type: 'text', text: { body: `q${i}` }, to: `1650556${String(1000 + i)}` })));
		const refused = responses.filter((r) => r.statusCode === 429);
		expect(refused.length).toBeGreaterThan(0);
		expect(responses.filter((r) => r.statusCode === 201).length + refused.length).toBe(60);
		expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(refused[0]!.json().error.details).toMatchObject({ limit: 'throughput', reason: 'queue_full' });
		const failed = await sql<{ n: number }>`select count(*) as n from messages where status = 'failed'`.execute(world.service.ctx.storage.db);
		expect(Number(failed.rows[0]!.n)).toBe(refused.length);
		expect(world.sim.simulator.stats.errorCount(130429)).toBe(0);
	});
});

describe.each(testDialects())('pair limit through the service on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect, { env: { CLOUD_SEND_MAX_WAIT_MS: '1000' } });
	});
	afterAll(() => world.close());

	test('50 messages to one user: the burst goes, the rest are refused by us with 429 before Meta sees them, and Meta never answers 131056', async () => {
		const responses = [];
		for (let i = 0; i < 50; i++) responses.push(await send(world, { type: 'text', text: { body: `p${i}` } }));
		const sent = responses.filter((r) => r.statusCode === 201).length;
		expect(sent).toBe(44);
		const refused = responses.filter((r) => r.statusCode === 429);
		expect(refused).toHaveLength(6);
		expect(refused[0]!.json().error.details).toMatchObject({ limit: 'pair', retryable: true });
		expect(world.sim.simulator.stats.errorCount(131056)).toBe(0);
	});
});
