import { blocklistComposer } from '../../../../service/src/contacts/blocklistRoutes';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { FakeWebDriver, type FakePhone, type FakeWebClient, type FakeWebDriverOptions } from '../../../../service/src/channels/web/driver';
import { sessionKeyOf } from '../../../../service/src/channels/web/sessions/sessionKey';
import type { SessionManager } from '../../../../service/src/channels/web/sessions/sessionManager';
import { webComposer } from '../../../../service/src/channels/web/webComposer';
import { eventsComposer } from '../../../../service/src/events/composer';
import { historyComposer } from '../../../../service/src/messages/composer';
import { sendComposer } from '../../../../service/src/messages/sendRoutes';
import type { TestDatabase, TestDialect } from '../../../support/databases';
import { bearer, createTenantFixture, startTestService, type TenantFixture, type TestService } from '../../../support/testService';

/** Timings short enough for tests; QR codes rotate slowly unless a test asks otherwise. */
export const FAST_WEB_ENV: Record<string, string> = {
	LOG_LEVEL: 'info',
	EVENT_POLL_INTERVAL_MS: '50',
	EVENT_RETRY_BASE_MS: '50',
	EVENT_RETRY_MAX_MS: '200',
	WEB_RESTART_BASE_MS: '40',
	WEB_RESTART_MAX_MS: '200',
	WEB_RESUME_STAGGER_MS: '0',
};

export interface WebInstance extends TestService {
	readonly driver: FakeWebDriver;
	readonly manager: SessionManager;
}

export interface WebInstanceOptions {
	env?: Record<string, string>;
	fake?: FakeWebDriverOptions;
	/** Run on this database (a second instance of the same deployment); it is then left for its owner to drop. */
	database?: TestDatabase;
	/** Reuse the encryption key of another instance (same deployment). */
	encryptionKey?: string;
	/** A FakeWebDriver subclass that scripts more than one start. */
	makeDriver?: (options: FakeWebDriverOptions) => FakeWebDriver;
	/** Listen on PORT (another replica forwards to it over HTTP). */
	listen?: boolean;
}

/** A service with the Web channel over a fake driver whose phones the test plays. */
export async function startWebInstance(dialect: TestDialect, options: WebInstanceOptions = {}): Promise<WebInstance> {
	let exposed: { manager: SessionManager; driver: FakeWebDriver } | undefined;
	const web = webComposer({
		driver: (store) => (options.makeDriver ?? ((settings) => new FakeWebDriver(settings)))({ store, ackDelayMs: 30, ...options.fake }),
		expose: ({ manager, driver }) => {
			exposed = { manager, driver: driver as FakeWebDriver };
		},
	});
	const env = { ...FAST_WEB_ENV, ...(options.encryptionKey ? { ENCRYPTION_KEY: options.encryptionKey } : {}), ...options.env };
	const service = await startTestService(dialect, { composers: [eventsComposer, historyComposer, web, sendComposer, blocklistComposer], env, listen: options.listen ?? false, ...(options.database ? { database: options.database } : {}) });
	return Object.assign(service, exposed as { manager: SessionManager; driver: FakeWebDriver });
}

export interface WebWorld {
	service: WebInstance;
	tenant: TenantFixture;
	admin: Record<string, string>;
	sender: Record<string, string>;
}

export async function startWebWorld(dialect: TestDialect, options: WebInstanceOptions = {}): Promise<WebWorld> {
	const service = await startWebInstance(dialect, options);
	const tenant = await createTenantFixture(service, 'Web Tenant');
	return { service, tenant, admin: bearer(tenant.adminKey), sender: bearer(tenant.senderKey) };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function call(world: { service: TestService }, headers: Record<string, string>, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
	return world.service.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

export interface SessionView {
	name: string;
	status: string;
	reason: string | null;
	desiredState: string;
	loginMethod: string;
	me: { id: string; pushName: string | null } | null;
	qr: { rotation: number; maxRotations: number } | null;
	worker: { id: string } | null;
	isDefault: boolean;
}

export async function getSession(world: WebWorld, name: string, service: TestService = world.service): Promise<SessionView> {
	const response = await service.app.inject({ method: 'GET', url: `/v1/web/sessions/${name}`, headers: world.admin });
	if (response.statusCode !== 200) throw new Error(`GET session ${name}: ${response.statusCode} ${response.body}`);
	return response.json();
}

/**
 * Waits are generous: in CI the MariaDB server is shared by parallel suites creating, migrating and dropping their
 * databases, and a status write has twice waited over 10 s there behind that DDL. A passing wait returns at once.
 */
const WAIT_MS = 25_000;

export async function waitForStatus(world: WebWorld, name: string, status: string, options: { timeoutMs?: number; service?: TestService } = {}): Promise<SessionView> {
	const deadline = Date.now() + (options.timeoutMs ?? WAIT_MS);
	let last: SessionView | undefined;
	while (Date.now() < deadline) {
		last = await getSession(world, name, options.service);
		if (last.status === status) return last;
		await new Promise((resolve) => setTimeout(resolve, 15));
	}
	const service = options.service ?? world.service;
	throw new Error(`session ${name} never reached ${status}; last: ${JSON.stringify(last)}\n${await stallDiagnosis(service)}`);
}

/**
 * What a stalled status change leaves to see: the service's warnings and errors, and on MySQL the transactions
 * open in its database and what each is waiting for (a status write that stalled 10-25 s in CI left no trace).
 */
async function stallDiagnosis(service: TestService): Promise<string> {
	const logs = service.logs
		.entries()
		.filter((entry) => Number(entry.level) >= 40)
		.slice(-15)
		.map((entry) => JSON.stringify(entry).slice(0, 400));
	let database = '';
	if (service.dialect === 'mysql') {
		const { rows } = await sql<Record<string, unknown>>`select trx_id, trx_state, trx_started, trx_wait_started, trx_rows_locked, trx_mysql_thread_id, left(trx_query, 200) as query from information_schema.innodb_trx`.execute(service.ctx.storage.db).catch((error: unknown) => ({ rows: [{ error: String(error) }] }));
		database = `open InnoDB transactions: ${JSON.stringify(rows)}`;
	}
	return [`service warnings and errors: ${logs.length === 0 ? 'none' : `\n${logs.join('\n')}`}`, database].filter(Boolean).join('\n');
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await predicate())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 15));
	}
}

export async function sessionKey(world: WebWorld, name: string, service: TestService = world.service): Promise<string> {
	const row = await service.ctx.storage.db.selectFrom('web_sessions').select('id').where('tenant_id', '=', world.tenant.id).where('name', '=', name).executeTakeFirstOrThrow();
	return sessionKeyOf(world.tenant.id, row.id);
}

export async function phoneOf(world: WebWorld, name: string, service: WebInstance = world.service): Promise<FakePhone> {
	const key = await sessionKey(world, name, service);
	await waitFor(() => service.driver.client(key)?.phase === 'started' || service.driver.client(key)?.phase === 'ready', `a started client for ${name}`);
	return service.driver.phone(key);
}

/** The fake driver's live client of a session (its test helpers: groups.seed, channels.seed, calls.ring…). */
export async function fakeClientOf(world: WebWorld, name: string, service: WebInstance = world.service): Promise<FakeWebClient> {
	const client = service.driver.client(await sessionKey(world, name, service));
	if (!client) throw new Error(`session ${name} has no live client`);
	return client;
}

/** Creates (and starts) a session and links it by scanning its QR code: it ends WORKING. */
export async function linkSession(world: WebWorld, name: string, body: Record<string, unknown> = {}): Promise<SessionView> {
	const created = await call(world, world.admin, 'POST', '/v1/web/sessions', { name, ...body });
	if (created.statusCode !== 201) throw new Error(`create ${name}: ${created.statusCode} ${created.body}`);
	await waitForStatus(world, name, 'SCAN_QR');
	await (await phoneOf(world, name)).scanQr();
	return waitForStatus(world, name, 'WORKING');
}

/** Subscribes to every event of the tenant, so events are stored (the outbox keeps only events someone listens to). */
export async function subscribeAll(world: WebWorld, targetUrl = 'http://127.0.0.1:9/unused'): Promise<void> {
	const response = await call(world, world.admin, 'POST', '/v1/subscriptions', { targetUrl, events: ['*'] });
	if (response.statusCode !== 201) throw new Error(`subscribe: ${response.body}`);
}

export interface StoredEvent {
	id: string;
	type: string;
	channel: string;
	data: Record<string, unknown>;
}

/** Events of the tenant in write order, from the events table (what subscribers are sent). */
export async function storedEvents(world: WebWorld, type?: string, service: TestService = world.service): Promise<StoredEvent[]> {
	let query = service.ctx.storage.db.selectFrom('events').select(['id', 'body']).where('tenant_id', '=', world.tenant.id).orderBy('id');
	if (type) query = query.where('type', '=', type);
	return (await query.execute()).map((row) => JSON.parse(row.body) as StoredEvent);
}

export async function sessionStatusTrail(world: WebWorld, name: string, service: TestService = world.service): Promise<string[]> {
	return (await storedEvents(world, 'session.status', service)).filter((event) => event.data.session === name).map((event) => `${event.data.previousStatus}>${event.data.status}`);
}
