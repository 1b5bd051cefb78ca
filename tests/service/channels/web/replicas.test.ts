import { FakeWebDriver, type FakeWebDriverOptions, type WebClientOptions } from '../../../../service/src/channels/web/driver';
import type { FakeWebClient } from '../../../../service/src/channels/web/driver/fake';
import { testDialects, type TestDialect } from '../../../support/databases';
import { freePort } from '../../../support/ports';
import { bearer, createTenantFixture } from '../../../support/testService';
import { call, getSession, linkSession, phoneOf, sessionStatusTrail, startWebInstance, storedEvents, subscribeAll, waitFor, waitForStatus, type WebInstance, type WebInstanceOptions, type WebWorld } from './webHarness';

/** Records when each client started, to see resumes spread out. */
class TimedDriver extends FakeWebDriver {
	readonly starts: Array<{ sessionKey: string; at: number }> = [];

	override createClient(options: WebClientOptions): FakeWebClient {
		this.starts.push({ sessionKey: options.sessionKey, at: Date.now() });
		return super.createClient(options);
	}
}

const keyOf = (instance: WebInstance) => instance.config.encryptionKey.toString('base64');

const PEER = '15550001234@c.us';

/** Two replicas of one deployment (B on A's database and key) and a tenant subscribed to everything, made on A. */
async function startReplicaPair(dialect: TestDialect, tenantName: string, onA: WebInstanceOptions, onB: WebInstanceOptions): Promise<{ a: WebInstance; b: WebInstance; world: WebWorld }> {
	const a = await startWebInstance(dialect, onA);
	const b = await startWebInstance(dialect, { ...onB, database: a.database, encryptionKey: keyOf(a) });
	const tenant = await createTenantFixture(a, tenantName);
	const world: WebWorld = { service: a, tenant, admin: bearer(tenant.adminKey), sender: bearer(tenant.senderKey) };
	await subscribeAll(world);
	return { a, b, world };
}

async function stopReplicaPair(a: WebInstance, b: WebInstance): Promise<void> {
	await b.stop();
	await a.stop();
	await a.database.drop();
}

/** The tenant's outbound message rows, as stored: what was recorded as sent (or failed). */
const outboundRows = (world: WebWorld) =>
	world.service.ctx.storage.db.selectFrom('messages').select(['provider_id', 'status']).where('tenant_id', '=', world.tenant.id).where('direction', '=', 'outbound').orderBy('created_at').execute();

describe.each(testDialects())('sessions across restarts and replicas on %s', (dialect) => {
	test('a second instance on the same database resumes the sessions that were running, one by one, from their stored logins', async () => {
		const first = await startWebInstance(dialect);
		const tenant = await createTenantFixture(first, 'Resumed Tenant');
		const world: WebWorld = { service: first, tenant, admin: bearer(tenant.adminKey), sender: bearer(tenant.senderKey) };
		await subscribeAll(world);
		const identities: Record<string, string | undefined> = {};
		for (const name of ['one', 'two', 'three']) identities[name] = (await linkSession(world, name)).me?.id;
		await linkSession(world, 'parked');
		await call(world, world.admin, 'POST', '/v1/web/sessions/parked/stop');
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'unscanned' });
		await waitForStatus(world, 'unscanned', 'SCAN_QR');
		await first.close();

		let driver: TimedDriver | undefined;
		const second = await startWebInstance(dialect, {
			database: first.database,
			encryptionKey: keyOf(first),
			env: { WEB_RESUME_STAGGER_MS: '250' },
			makeDriver: (options: FakeWebDriverOptions) => (driver = new TimedDriver(options)),
		});
		try {
			const on = { ...world, service: second };
			for (const name of ['one', 'two', 'three']) {
				const resumed = await waitForStatus(on, name, 'WORKING');
				expect(resumed.me?.id).toBe(identities[name]);
				expect(resumed.worker?.id).toBe(second.manager.workerId);
				expect((await sessionStatusTrail(on, name, second)).slice(-3)).toEqual(['WORKING>STOPPED', 'STOPPED>STARTING', 'STARTING>WORKING']);
			}
			const resumeReasons = (await storedEvents(on, 'session.status', second)).filter((event) => event.data.status === 'STARTING' && event.data.previousStatus === 'STOPPED' && event.data.session !== 'parked').map((event) => event.data.reason);
			expect(resumeReasons.slice(-3)).toEqual(['Resuming after the service restarted', 'Resuming after the service restarted', 'Resuming after the service restarted']);
			const starts = (driver as TimedDriver).starts.map((start) => start.at);
			expect(starts).toHaveLength(3);
			expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(240);
			expect((starts[2] as number) - (starts[1] as number)).toBeGreaterThanOrEqual(240);
			expect((await getSession(on, 'parked', second)).status).toBe('STOPPED');
			const unscanned = await waitForStatus(on, 'unscanned', 'STOPPED', { service: second });
			expect(unscanned).toMatchObject({ desiredState: 'stopped', reason: 'The process running this session stopped before a device was linked. Start the session to get a new QR code.' });
			// And they work: messages arrive on the new instance.
			const phone = await phoneOf(on, 'one', second);
			const message = phone.receive({ type: 'chat', from: '15550001111@c.us', body: 'still there?' });
			await waitFor(async () => (await storedEvents(on, 'message.received', second)).some((event) => event.data.id === message.id._serialized), 'a message on the resumed session');
		} finally {
			await second.stop();
			await first.database.drop();
		}
	});

	describe('two replicas at once', () => {
		let a: WebInstance;
		let b: WebInstance;
		let world: WebWorld;
		const env = { WEB_LEASE_TTL_MS: '900' };
		beforeAll(async () => {
			({ a, b, world } = await startReplicaPair(dialect, 'Replicated Tenant', { env }, { env }));
		});
		afterAll(() => stopReplicaPair(a, b));
		const onB = () => ({ ...world, service: b });

		test('a session runs on the replica that started it; the other leaves it alone while the lease is renewed', async () => {
			await linkSession(world, 'shared');
			await new Promise((resolve) => setTimeout(resolve, 2000));
			const seenFromB = await getSession(onB(), 'shared', b);
			expect(seenFromB).toMatchObject({ status: 'WORKING', worker: { id: a.manager.workerId } });
			expect(b.manager.load).toBe(0);
			expect(b.driver.liveClients()).toEqual([]);
		});

		test("lifecycle requests made on the other replica reach the one running the session; its QR is served anywhere; live reads answer 409 naming it", async () => {
			const chats = await call(onB(), world.sender, 'GET', '/v1/web/sessions/shared/chats');
			expect(chats.statusCode).toBe(409);
			expect(chats.json().error.details.owner).toBe(a.manager.workerId);
			// Without A's address, a send on B is refused before anything is recorded: no failed message is left behind.
			const send = await call(onB(), world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'shared', to: PEER, type: 'text', text: { body: 'via B' } });
			expect(send.statusCode).toBe(409);
			expect(send.json().error).toMatchObject({ code: 'channel_not_ready', details: { session: 'shared', owner: a.manager.workerId } });
			expect(send.json().error.message).toContain('REPLICA_URL');
			expect(await outboundRows(world)).toEqual([]);

			await call(onB(), world.admin, 'POST', '/v1/web/sessions/shared/restart');
			await waitFor(async () => (await sessionStatusTrail(world, 'shared')).slice(-2).join() === 'WORKING>STARTING,STARTING>WORKING', 'the restart on A', 5000);
			expect(b.manager.load).toBe(0);

			await call(onB(), world.admin, 'POST', '/v1/web/sessions/shared/logout');
			const loggedOut = await waitForStatus(world, 'shared', 'STOPPED', { timeoutMs: 5000 });
			expect(loggedOut).toMatchObject({ me: null, worker: null, reason: expect.stringContaining('Logged out') });

			// Nobody runs it now: B starts it itself, and A serves its QR from the database.
			await call(onB(), world.admin, 'POST', '/v1/web/sessions/shared/start');
			const waiting = await waitForStatus(world, 'shared', 'SCAN_QR');
			expect(waiting.worker?.id).toBe(b.manager.workerId);
			const qr = await call(world, world.admin, 'GET', '/v1/web/sessions/shared/qr?format=raw');
			expect(qr.json().value).toBe((await phoneOf(onB(), 'shared', b)).qr);
			await (await phoneOf(onB(), 'shared', b)).scanQr();
			await waitForStatus(world, 'shared', 'WORKING');

			await call(world, world.admin, 'POST', '/v1/web/sessions/shared/stop');
			await waitForStatus(world, 'shared', 'STOPPED', { timeoutMs: 5000 });
			expect(b.driver.liveClients()).toEqual([]);
		});

		test('when the replica running a session loses the database, it closes its browser and the other takes the session over', async () => {
			await call(onB(), world.admin, 'POST', '/v1/web/sessions/shared/start');
			await waitForStatus(world, 'shared', 'WORKING');
			expect((await getSession(world, 'shared')).worker?.id).toBe(b.manager.workerId);
			const identity = (await getSession(world, 'shared')).me?.id;
			// B is cut off from the database (a crash looks the same from here): it can no longer renew.
			await b.ctx.storage.close();
			const trailBefore = (await sessionStatusTrail(world, 'shared')).length;
			await waitFor(async () => (await sessionStatusTrail(world, 'shared')).slice(trailBefore).join() === 'WORKING>STARTING,STARTING>WORKING', 'the takeover by A', 10_000);
			const takenOver = await getSession(world, 'shared');
			expect(takenOver.worker?.id).toBe(a.manager.workerId);
			expect(takenOver.me?.id).toBe(identity);
			const starting = (await storedEvents(world, 'session.status')).filter((event) => event.data.session === 'shared').at(-2);
			expect(starting?.data).toMatchObject({ previousStatus: 'WORKING', status: 'STARTING', reason: `Taken over from ${b.manager.workerId}, whose lease expired` });
			// B fenced itself: no browser of the session runs twice.
			await waitFor(() => b.driver.liveClients().length === 0, 'B to close its browser', 5000);
			expect(b.logs.text()).toContain('web session leases expired without the database');
		});
	});

	describe('two replicas that know where the other is (REPLICA_URL)', () => {
		let a: WebInstance;
		let b: WebInstance;
		let world: WebWorld;
		beforeAll(async () => {
			const [portA, portB] = [await freePort(), await freePort()];
			({ a, b, world } = await startReplicaPair(dialect, 'Forwarding Tenant', { listen: true, env: { PORT: String(portA), REPLICA_URL: `http://127.0.0.1:${portA}/` } }, { env: { PORT: String(portB), REPLICA_URL: `http://127.0.0.1:${portB}` } }));
			await linkSession(world, 'shared');
		});
		afterAll(() => stopReplicaPair(a, b));
		const onB = () => ({ ...world, service: b });

		test("a session's sends and live reads reaching the other replica are forwarded to the one running it, which records the send once", async () => {
			const headers = { ...world.sender, 'idempotency-key': 'forwarded-1' };
			const sent = await call(onB(), headers, 'POST', '/v1/messages', { channel: 'web', from: 'shared', to: PEER, type: 'text', text: { body: 'sent through B' } });
			expect(sent.statusCode).toBe(201);
			expect(sent.headers['x-wa-replica']).toBe(a.manager.workerId);
			expect(sent.json()).toMatchObject({ channel: 'web', from: 'shared', status: 'sent', replayed: false, providerMessageId: expect.stringContaining(PEER) });
			// Recorded once, on A (the fake phone may already have acknowledged it).
			expect(await outboundRows(world)).toEqual([{ provider_id: sent.json().providerMessageId, status: expect.stringMatching(/^(sent|delivered|read)$/) }]);
			expect(b.driver.liveClients()).toEqual([]);

			// The client's retry through B is answered by A from its record: nothing is sent again.
			const retried = await call(onB(), headers, 'POST', '/v1/messages', { channel: 'web', from: 'shared', to: PEER, type: 'text', text: { body: 'sent through B' } });
			expect(retried.statusCode).toBe(200);
			expect(retried.json()).toMatchObject({ id: sent.json().id, replayed: true });
			expect(await outboundRows(world)).toHaveLength(1);

			// A's refusals come back as they are.
			const invalid = await call(onB(), world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'shared', to: 'nobody', type: 'text', text: { body: 'x' } });
			expect(invalid.statusCode).toBe(400);
			expect(invalid.json().error.details.fields[0].field).toBe('body.to');
			expect(await outboundRows(world)).toHaveLength(1);

			const chatsOnB = await call(onB(), world.sender, 'GET', '/v1/web/sessions/shared/chats');
			expect(chatsOnB.statusCode).toBe(200);
			expect(chatsOnB.json()).toEqual((await call(world, world.sender, 'GET', '/v1/web/sessions/shared/chats')).json());

			const received = (await phoneOf(world, 'shared', a)).receive({ type: 'chat', from: PEER, body: 'read me' });
			const read = await call(onB(), world.sender, 'POST', '/v1/messages/read', { channel: 'web', from: 'shared', messageId: received.id._serialized });
			expect(read.statusCode).toBe(200);
			expect(read.json()).toEqual({ success: true });
		});

		test('a request forwarded once is not forwarded again: a replica that does not run the session answers 409', async () => {
			const bounced = await call(onB(), { ...world.sender, 'x-wa-forwarded': '1' }, 'POST', '/v1/messages', { channel: 'web', from: 'shared', to: PEER, type: 'text', text: { body: 'loop?' } });
			expect(bounced.statusCode).toBe(409);
			expect(bounced.json().error.details.owner).toBe(a.manager.workerId);
			expect(await outboundRows(world)).toHaveLength(1);
		});

		test('when the replica running the session does not answer, the other says so (503, retryable) and records nothing', async () => {
			// Statuses of earlier sends may still move (the phone acknowledges them): compare which messages exist.
			const ids = async () => (await outboundRows(world)).map((row) => row.provider_id);
			const before = await ids();
			const deadPort = await freePort();
			await a.ctx.storage.db.updateTable('web_sessions').set({ owner_url: `http://127.0.0.1:${deadPort}` }).where('tenant_id', '=', world.tenant.id).where('name', '=', 'shared').execute();
			try {
				const sent = await call(onB(), world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'shared', to: PEER, type: 'text', text: { body: 'anyone there?' } });
				expect(sent.statusCode).toBe(503);
				expect(sent.json().error).toMatchObject({ code: 'upstream_unavailable', details: { session: 'shared', owner: a.manager.workerId, retryable: true } });
				expect(sent.json().error.message).toContain(`127.0.0.1:${deadPort}`);
				expect(await ids()).toEqual(before);
			} finally {
				await a.ctx.storage.db.updateTable('web_sessions').set({ owner_url: a.config.web.replicaUrl ?? null }).where('tenant_id', '=', world.tenant.id).where('name', '=', 'shared').execute();
			}
		});
	});

	test('a process at its session cap refuses to start more (409 naming the limit)', async () => {
		const instance = await startWebInstance(dialect, { env: { WEB_MAX_SESSIONS: '1' } });
		try {
			const tenant = await createTenantFixture(instance, 'Capped');
			const world: WebWorld = { service: instance, tenant, admin: bearer(tenant.adminKey), sender: bearer(tenant.senderKey) };
			await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'first' });
			const refused = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'second' });
			expect(refused.statusCode).toBe(409);
			expect(refused.json().error.details).toEqual({ session: 'second', limit: 1 });
			expect((await getSession(world, 'second')).status).toBe('STOPPED');
		} finally {
			await instance.stop();
		}
	});
});
