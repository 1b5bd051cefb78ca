import { sql } from 'kysely';
import { testDialects } from '../../../support/databases';
import { send, startCloudWorld, type CloudWorld } from './cloudHarness';

const SENDS = 150;
const CONCURRENCY = 10;

describe.each(testDialects())('sends under 30% injected faults on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect, { env: { GRAPH_TIMEOUT_MS: '1000', CLOUD_SEND_MAX_ATTEMPTS: '3' }, simulator: { pairRateLimit: false } });
		const faults = world.sim.simulator.faults;
		faults.add({ kind: 'http_error', status: 500, code: 131000, probability: 0.1, scope: 'messages' });
		faults.add({ kind: 'http_error', status: 400, code: 130429, probability: 0.1, scope: 'messages' });
		faults.add({ kind: 'timeout', hangMs: 3000, probability: 0.1, scope: 'messages' });
	});
	afterAll(() => world.close());

	test('every send ends sent or with a clear retryable error, and the ledger holds exactly that outcome for each', async () => {
		const outcomes: Array<{ status: number; body: Record<string, any> }> = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < SENDS) {
					const i = next++;
					const response = await send(world, { type: 'text', text: { body: `fault run ${i}` }, to: `1650557${String(1000 + i)}` });
					outcomes.push({ status: response.statusCode, body: response.json() });
				}
			}),
		);
		expect(outcomes).toHaveLength(SENDS);
		const sent = outcomes.filter((o) => o.status === 201);
		const failed = outcomes.filter((o) => o.status !== 201);
		// Three attempts against the refusals; a send Meta never answered is not tried again (it may have gone out).
		expect(sent.length).toBeGreaterThan(SENDS * 0.75);
		for (const failure of failed) {
			expect(typeof failure.body.error.details.hint).toBe('string');
			if (failure.status === 504) expect(failure.body.error.details).toMatchObject({ outcome: 'unknown', retryable: false });
			else {
				expect([429, 503]).toContain(failure.status);
				expect(failure.body.error.details).toMatchObject({ retryable: true, attempts: 3 });
			}
		}
		expect(failed.some((failure) => failure.status === 504)).toBe(true);
		for (const success of sent) expect(world.sim.simulator.messages.getSent(success.body.providerMessageId)).toBeDefined();

		const rows = await sql<{ status: string; n: number }>`select status, count(*) as n from messages group by status`.execute(world.service.ctx.storage.db);
		const byStatus = Object.fromEntries(rows.rows.map((row) => [row.status, Number(row.n)]));
		expect(byStatus.pending ?? 0).toBe(0);
		expect(byStatus.failed ?? 0).toBe(failed.length);
		expect(SENDS - (byStatus.failed ?? 0)).toBe(sent.length);
		expect(world.sim.simulator.stats.snapshot().faultsTriggered).toMatchObject({ http_error: expect.any(Number), timeout: expect.any(Number) });
	});
});
