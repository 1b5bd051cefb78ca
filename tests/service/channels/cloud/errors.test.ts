import { sql } from 'kysely';
import { testDialects } from '../../../support/databases';
import { META, send, startCloudWorld, type CloudWorld } from './cloudHarness';

async function ledgerRow(world: CloudWorld, messageId: string): Promise<{ status: string; error_json: string | null }> {
	const result = await sql<{ status: string; error_json: string | null }>`select status, error_json from messages where id = ${messageId}`.execute(world.service.ctx.storage.db);
	return result.rows[0]!;
}

async function lastMessageId(world: CloudWorld): Promise<string> {
	const result = await sql<{ id: string }>`select id from messages order by id desc limit 1`.execute(world.service.ctx.storage.db);
	return result.rows[0]!.id;
}

const text = { type: 'text', text: { body: 'hello' } };

describe.each(testDialects())("Meta's errors, as the Cloud channel answers them, on %s", (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect, { env: { GRAPH_TIMEOUT_MS: '1000' } });
	});
	afterEach(() => world.sim.simulator.faults.clear());
	afterAll(() => world.close());

	test('131047 answers 409 with Meta’s code, not retryable, hinting at a template, and the ledger records the failure', async () => {
		world.sim.simulator.faults.add({ kind: 'http_error', status: 400, code: 131047, count: 1, scope: 'messages' });
		const response = await send(world, text);
		expect(response.statusCode).toBe(409);
		const error = response.json().error;
		expect(error.details).toMatchObject({ providerCode: 131047, retryable: false, attempts: 1 });
		expect(error.details.hint).toMatch(/24-hour window.*send a template/);
		const row = await ledgerRow(world, await lastMessageId(world));
		expect(row.status).toBe('failed');
		expect(row.error_json).toContain('131047');
	});

	test('an expired token (190) answers 502 with the access-token hint, not retryable', async () => {
		world.sim.simulator.registry.expireToken(META.token);
		try {
			const response = await send(world, text);
			expect(response.statusCode).toBe(502);
			expect(response.json().error).toMatchObject({ code: 'upstream_error', details: { providerCode: 190, retryable: false } });
			expect(response.json().error.details.hint).toMatch(/access token expired or invalid/i);
			expect(response.body).not.toContain(META.token);
		} finally {
			world.sim.simulator.registry.tokens.get(META.token)!.expiresAt = undefined;
		}
	});

	test('a template that does not exist (132001) answers 404 with the template hint', async () => {
		const response = await send(world, { type: 'template', template: { name: 'no_such_template', language: 'en_US' } });
		expect(response.statusCode).toBe(404);
		expect(response.json().error.details).toMatchObject({ providerCode: 132001, retryable: false, hint: 'Template not found or not approved in that language' });
	});

	test('a parameter Meta refuses (100) answers 400 naming the field in our request', async () => {
		const response = await send(world, { type: 'image', image: { id: '999999999' } });
		expect(response.statusCode).toBe(400);
		const error = response.json().error;
		expect(error.details).toMatchObject({ providerCode: 100, retryable: false });
		expect(error.details.fields[0].field).toBe('body.image.id');
		expect(error.details.hint).toContain('body.image.id');
	});

	test.each([
		['throughput (130429)', { status: 400, code: 130429 }],
		['pair limit (131056)', { status: 400, code: 131056 }],
		['a Meta 500 (131000)', { status: 500, code: 131000 }],
		['a Meta 503', { status: 503, code: 131016 }],
	])('%s twice in a row is retried with backoff and the send succeeds', async (_name, failure) => {
		world.sim.simulator.faults.add({ kind: 'http_error', ...failure, count: 2, scope: 'messages' });
		const accepted = world.sim.simulator.stats.sendsAccepted;
		const response = await send(world, text);
		expect(response.statusCode).toBe(201);
		expect(world.sim.simulator.stats.sendsAccepted).toBe(accepted + 1);
		expect(world.sim.simulator.faults.list()).toHaveLength(0);
	});

	test('a send Meta received but never answered (past GRAPH_TIMEOUT_MS) is not tried again: 504 with the outcome unknown, stored as failed, sent once', async () => {
		// Meta acted on it: a retry would have delivered it twice.
		world.sim.simulator.faults.add({ kind: 'timeout', hangMs: 3000, count: 1, scope: 'messages', processed: true });
		const accepted = world.sim.simulator.stats.sendsAccepted;
		const response = await send(world, text);
		expect(response.statusCode).toBe(504);
		expect(response.json().error).toMatchObject({ code: 'upstream_unavailable', details: { providerCode: 'timeout', outcome: 'unknown', retryable: false, attempts: 1 } });
		expect(response.json().error.details.hint).toContain('may have been sent');
		expect(world.sim.simulator.stats.sendsAccepted).toBe(accepted + 1);
		expect((await ledgerRow(world, await lastMessageId(world))).status).toBe('failed');
	});

	test('throughput refusals that never end give up after CLOUD_SEND_MAX_ATTEMPTS with 429, Retry-After and the attempts made', async () => {
		world.sim.simulator.faults.add({ kind: 'http_error', status: 400, code: 130429, scope: 'messages' });
		const response = await send(world, text);
		expect(response.statusCode).toBe(429);
		expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(response.json().error.details).toMatchObject({ providerCode: 130429, retryable: true, attempts: 5 });
		expect((await ledgerRow(world, await lastMessageId(world))).status).toBe('failed');
	});

	test('Meta unavailable to the end answers 503, retryable', async () => {
		world.sim.simulator.faults.add({ kind: 'http_error', status: 503, scope: 'messages' });
		const response = await send(world, text);
		expect(response.statusCode).toBe(503);
		expect(response.json().error).toMatchObject({ code: 'upstream_unavailable', details: { retryable: true, attempts: 5 } });
	});
});
