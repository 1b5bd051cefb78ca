import { systemPlatformScope, systemScope, type TenantScope } from '../../../auth/tenantScope';
import type { Logger } from '../../../logging/logger';
import type { MessageLedger } from '../../../messages/ledger';
import { AppError, notFound, RunsOnAnotherReplica } from '../../../shared/errors';
import type { BrowserUsage, WebDriver } from '../driver';
import type { ArchivesRepository } from '../storage/archivesRepository';
import type { SessionLeases } from '../storage/sessionLeases';
import type { SessionStatusWriter } from '../storage/sessionStatusWriter';
import type { NewWebSession, WebSessionPatch, WebSessionsRepository } from '../storage/webSessionsRepository';
import type { PendingCommand } from '../storage/tables';
import type { WebSettings } from '../webSettings';
import { BrowserMemoryGuard, type MeasuredSession } from './browserMemoryGuard';
import { InboundRecorder } from './inboundRecorder';
import { KeyedMutex } from './keyedMutex';
import { notWorking, SessionRuntime } from './sessionRuntime';
import { StaggeredStarts } from './staggeredStarts';
import type { WebSession } from './webSession';

export interface SessionManagerDeps {
	repo: WebSessionsRepository;
	writer: SessionStatusWriter;
	leases: SessionLeases;
	archives: ArchivesRepository;
	driver: WebDriver;
	ledger: MessageLedger;
	settings: WebSettings;
	logger: Logger;
}

/** How long one measurement of the browsers serves (session views, /metrics, the memory limit). */
const BROWSER_MEASURE_TTL_MS = 2000;

/**
 * Every session this process runs, and the lifecycle API the routes call. A lifecycle request for a session:
 * - run here: acted on at once;
 * - run by another live replica: left in its row (pending_command) for that replica, which applies it when it
 *   next renews its lease (within a third of WEB_LEASE_TTL_MS);
 * - run by nobody: this process claims it (start) or changes the row itself (stop, logout).
 * In the background, a tick renews leases, applies requests, notices lost sessions, and takes over sessions
 * that should run but whose lease expired (resumed one by one, WEB_RESUME_STAGGER_MS apart).
 */
export class SessionManager {
	private readonly runtimes = new Map<string, SessionRuntime>();
	private readonly locks = new KeyedMutex();
	private readonly resumes: StaggeredStarts<SessionRuntime>;
	private readonly background = new Set<Promise<unknown>>();
	private readonly platform = systemPlatformScope('web-sessions');
	private tickTimer: ReturnType<typeof setInterval> | undefined;
	private ticking: Promise<void> | undefined;
	private stopping = false;
	private lastRenewedAt = Date.now();
	private readonly memoryGuard: BrowserMemoryGuard | undefined;
	private measured: { at: number; browsers: Promise<Map<string, BrowserUsage>> } | undefined;

	constructor(private readonly deps: SessionManagerDeps) {
		this.resumes = new StaggeredStarts(deps.settings.resumeStaggerMs);
		this.memoryGuard = deps.settings.browserMemoryLimitBytes > 0 ? new BrowserMemoryGuard(deps.settings.browserMemoryLimitBytes) : undefined;
	}

	get workerId(): string {
		return this.deps.leases.workerId;
	}

	/** Sessions run here, queued ones included (what WEB_MAX_SESSIONS counts). */
	get load(): number {
		return this.runtimes.size;
	}

	/**
	 * The sessions run here with their status and, while one is alive, what their browser costs. The browsers are
	 * measured at most once per BROWSER_MEASURE_TTL_MS (a /proc pass), however many requests and scrapes ask.
	 */
	async running(): Promise<MeasuredSession[]> {
		if (!this.measured || Date.now() - this.measured.at > BROWSER_MEASURE_TTL_MS) this.measured = { at: Date.now(), browsers: this.deps.driver.measureBrowsers() };
		const browsers = await this.measured.browsers;
		return [...this.runtimes.values()].map((runtime) => ({ id: runtime.id, status: runtime.status, browser: browsers.get(runtime.sessionKey), sending: runtime.recorder.sendsInFlight }));
	}

	// ---- what the routes call -------------------------------------------------------------------------

	async list(scope: TenantScope): Promise<WebSession[]> {
		return this.deps.repo.list(scope);
	}

	async get(scope: TenantScope, name: string): Promise<WebSession> {
		const session = await this.deps.repo.get(scope, name);
		if (!session) throw notFound('Web session', name);
		return session;
	}

	async create(scope: TenantScope, input: NewWebSession & { start: boolean }): Promise<{ session: WebSession; created: boolean }> {
		const { session, created } = await this.deps.repo.create(scope, input);
		return { session: input.start ? await this.start(scope, session.name) : session, created };
	}

	async update(scope: TenantScope, name: string, patch: WebSessionPatch): Promise<WebSession> {
		const session = await this.deps.repo.update(scope, name, patch);
		if (!session) throw notFound('Web session', name);
		return session;
	}

	start(scope: TenantScope, name: string): Promise<WebSession> {
		return this.locked(scope, name, async (session) => {
			const local = this.runtimes.get(session.id);
			if (local) {
				local.configure(session);
				await local.start();
				return;
			}
			if (this.ownedElsewhere(session)) return this.request(scope, session, 'start');
			this.requireRoom(session.name);
			if (!(await this.deps.leases.claim(this.platform, session.id))) return this.request(scope, session, 'start');
			await this.adopt(session).start();
		});
	}

	stop(scope: TenantScope, name: string): Promise<WebSession> {
		return this.locked(scope, name, async (session) => {
			const local = this.runtimes.get(session.id);
			if (local) return local.stop();
			if (this.ownedElsewhere(session)) return this.request(scope, session, 'stop');
			await this.deps.writer.transition(scope, session.id, { status: 'STOPPED', reason: null, desired: 'stopped', qr: null, pairingCode: null }, { unownedOr: this.workerId });
		});
	}

	restart(scope: TenantScope, name: string): Promise<WebSession> {
		return this.locked(scope, name, async (session) => {
			const local = this.runtimes.get(session.id);
			if (local) {
				local.configure(session);
				return local.restart();
			}
			if (this.ownedElsewhere(session)) return this.request(scope, session, 'restart');
			this.requireRoom(session.name);
			if (!(await this.deps.leases.claim(this.platform, session.id))) return this.request(scope, session, 'restart');
			await this.adopt(session).start('Restarting');
		});
	}

	logout(scope: TenantScope, name: string): Promise<WebSession> {
		return this.locked(scope, name, async (session) => {
			const local = this.runtimes.get(session.id);
			if (local) return local.logout();
			if (this.ownedElsewhere(session)) return this.request(scope, session, 'logout');
			// Nothing runs it, so there is no browser to unlink from; forgetting the login is what is left to do.
			await this.deps.archives.delete(scope, session.id);
			await this.deps.writer.transition(scope, session.id, { status: 'STOPPED', reason: 'Logged out: the stored login was deleted. Start the session to link a device again.', desired: 'stopped', qr: null, pairingCode: null, me: null }, { unownedOr: this.workerId });
		});
	}

	/** Unlinks (when running here), stops and deletes the session with its login. A replica running it unlinks on its next tick. */
	async delete(scope: TenantScope, name: string): Promise<void> {
		const session = await this.get(scope, name);
		await this.locks.run(session.id, async () => {
			const local = this.runtimes.get(session.id);
			if (local) await local.abandon({ unlink: true });
			if (session.status !== 'STOPPED') {
				await this.deps.writer.transition(scope, session.id, { status: 'STOPPED', reason: 'Session deleted', desired: 'stopped', qr: null, pairingCode: null }, { unownedOr: this.workerId });
			}
			await this.deps.repo.delete(scope, session.id);
		});
	}

	async requestPairingCode(scope: TenantScope, name: string, phoneNumber: string): Promise<string> {
		return (await this.runtimeFor(scope, name, 'SCAN_QR')).requestPairingCode(phoneNumber);
	}

	/** The runtime of a session run here; 409 when it runs elsewhere or does not run. */
	async runtimeFor(scope: TenantScope, name: string, needed: 'WORKING' | 'SCAN_QR' = 'WORKING'): Promise<SessionRuntime> {
		const session = await this.get(scope, name);
		const local = this.runtimes.get(session.id);
		if (local) return local;
		this.requireNotElsewhere(session);
		throw notWorking(name, session.status, session.reason, needed);
	}

	/**
	 * Refuses a session another live replica runs, naming where it runs (the HTTP layer forwards the request there).
	 * Sends call it before recording anything, so a forwarded send is recorded once, by the replica that makes it.
	 */
	requireNotElsewhere(session: WebSession): void {
		if (!this.ownedElsewhere(session)) return;
		const owner = session.owner as NonNullable<WebSession['owner']>;
		const how = owner.url ? 'a request is forwarded there once, and this one was already forwarded (the session moved meanwhile: retry) or carries a file' : 'set REPLICA_URL on every replica to have such requests forwarded, or route them to it';
		throw new RunsOnAnotherReplica(`Web session ${session.name} runs on another replica (${owner.id}); ${how}`, { session: session.name, status: session.status, owner: owner.id }, owner.url);
	}

	// ---- background ----------------------------------------------------------------------------------

	/** Resumes what should run (staggered) and keeps leases alive from now on. */
	async begin(): Promise<void> {
		this.lastRenewedAt = Date.now();
		await this.tick();
		this.tickTimer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.deps.settings.leaseTtlMs / 3)));
		this.tickTimer.unref();
	}

	/** Closes every browser (logins are backed up), marks the sessions STOPPED and frees their leases for whoever starts next. */
	async end(): Promise<void> {
		this.stopping = true;
		clearInterval(this.tickTimer);
		this.resumes.close();
		await this.ticking;
		await Promise.all([...this.runtimes.values()].map((runtime) => this.locks.run(runtime.id, () => runtime.shutdown())));
		while (this.background.size > 0) await Promise.allSettled([...this.background]);
	}

	/** One round: renew, apply requests, drop what we lost, take over what nobody runs. Rounds never overlap. */
	tick(): Promise<void> {
		if (this.ticking || this.stopping) return this.ticking ?? Promise.resolve();
		this.ticking = this.round()
			.catch((error: unknown) => this.deps.logger.error({ err: error }, 'web session lease round failed'))
			.finally(() => {
				this.ticking = undefined;
			});
		return this.ticking;
	}

	private async round(): Promise<void> {
		// Only runtimes that existed before the renewal can be missing from it; later ones claimed after it read.
		const before = [...this.runtimes.values()];
		let owned: Awaited<ReturnType<SessionLeases['renew']>>;
		try {
			owned = await this.deps.leases.renew(this.platform);
			this.lastRenewedAt = Date.now();
		} catch (error) {
			return this.fenceIfExpired(error);
		}
		const ownedIds = new Set(owned.map((row) => row.id));
		for (const runtime of before) {
			if (!ownedIds.has(runtime.id)) await this.locks.run(runtime.id, () => this.lost(runtime));
		}
		for (const row of owned) {
			if (this.stopping) return;
			await this.locks.run(row.id, async () => {
				const runtime = this.runtimes.get(row.id);
				// Ours without a runtime: a previous life of this worker id held it (WEB_WORKER_ID set). Resume it.
				if (!runtime) return this.takeOver({ ...row, previousOwner: this.workerId });
				if (row.pendingCommand) await this.apply(runtime, row.pendingCommand);
			});
		}
		await this.restartOverMemory();
		const room = this.deps.settings.maxSessionsPerProcess - this.runtimes.size;
		for (const candidate of await this.deps.leases.orphans(this.platform, room)) {
			if (this.stopping || this.runtimes.size >= this.deps.settings.maxSessionsPerProcess) return;
			await this.locks.run(candidate.id, async () => {
				if (!this.runtimes.has(candidate.id) && (await this.deps.leases.claim(this.platform, candidate.id))) await this.takeOver(candidate);
			});
		}
	}

	/** WEB_BROWSER_MEMORY_LIMIT_MB: a WORKING session whose browser grew past it starts again, its login kept. */
	private async restartOverMemory(): Promise<void> {
		const guard = this.memoryGuard;
		if (!guard) return;
		for (const { id, memoryBytes, waitedForSends } of guard.overLimit(await this.running())) {
			const runtime = this.runtimes.get(id);
			if (!runtime || this.stopping) continue;
			this.deps.logger.warn({ session: runtime.name, tenantId: runtime.scope.tenantId, memoryBytes, limitBytes: this.deps.settings.browserMemoryLimitBytes }, 'web session browser over its memory limit: restarting it (login kept)');
			await this.locks.run(id, async () => {
				// A send begun since the pick (the lock may have waited for another command) is let finish too.
				if (runtime.recorder.sendsInFlight > 0 && !waitedForSends) return guard.postpone(id);
				await runtime.restart(guard.reason(memoryBytes));
			});
			// The restarted browser is a new one: the next look measures it, not the one that went.
			this.measured = undefined;
		}
	}

	/**
	 * Without the database for longer than a lease, other replicas may already have taken our sessions over:
	 * close every browser here (touching no row) rather than run an account twice, which WhatsApp answers with
	 * CONFLICT on both sides. Sessions come back through the normal takeover once the database does.
	 */
	private async fenceIfExpired(error: unknown): Promise<void> {
		this.deps.logger.error({ err: error }, 'could not renew web session leases');
		if (Date.now() - this.lastRenewedAt < this.deps.settings.leaseTtlMs || this.runtimes.size === 0) return;
		this.deps.logger.error({ sessions: this.runtimes.size }, 'web session leases expired without the database: closing every browser of this process');
		for (const runtime of [...this.runtimes.values()]) await this.locks.run(runtime.id, () => runtime.abandon({ unlink: false }));
	}

	private async apply(runtime: SessionRuntime, command: PendingCommand): Promise<void> {
		await this.deps.leases.clearCommand(this.platform, runtime.id, command);
		const fresh = await this.deps.repo.getById(runtime.scope, runtime.id);
		if (fresh) runtime.configure(fresh);
		if (command === 'start') await runtime.start();
		else if (command === 'stop') await runtime.stop();
		else if (command === 'restart') await runtime.restart();
		else await runtime.logout();
	}

	/** A session whose lease we now hold but that nothing runs here: resume it from its stored login, or close it. */
	private async takeOver(row: { id: string; tenantId: string; previousOwner: string | null }): Promise<void> {
		const scope = systemScope(row.tenantId, 'web-session-takeover');
		const session = await this.deps.repo.getById(scope, row.id);
		if (!session || session.desired !== 'running') {
			if (session) await this.deps.leases.release(this.platform, row.id);
			return;
		}
		if (!(await this.deps.archives.exists(scope, row.id))) {
			// It was waiting for a QR scan when its process went away; that QR is gone with the browser.
			await this.deps.writer.transition(scope, row.id, { status: 'STOPPED', reason: 'The process running this session stopped before a device was linked. Start the session to get a new QR code.', desired: 'stopped', qr: null, pairingCode: null }, { owner: this.workerId });
			await this.deps.leases.release(this.platform, row.id);
			return;
		}
		const reason = row.previousOwner && row.previousOwner !== this.workerId ? `Taken over from ${row.previousOwner}, whose lease expired` : 'Resuming after the service restarted';
		const runtime = this.adopt(session);
		await runtime.prepare(reason);
		this.resumes.enqueue(runtime, () => runtime.start(reason));
	}

	private async lost(runtime: SessionRuntime): Promise<void> {
		if (this.runtimes.get(runtime.id) !== runtime) return;
		const row = await this.deps.repo.getById(runtime.scope, runtime.id);
		if (row?.owner?.id === this.workerId) return;
		this.deps.logger.warn({ session: runtime.name, tenantId: runtime.tenantId, deleted: !row, owner: row?.owner?.id }, 'lost a web session: closing its browser here');
		// Deleted elsewhere: unlink the device as a local delete would have.
		await runtime.abandon({ unlink: !row });
	}

	private adopt(session: WebSession): SessionRuntime {
		const scope = systemScope(session.tenantId, 'web-session');
		let runtime: SessionRuntime | undefined;
		const recorder = new InboundRecorder({
			ledger: this.deps.ledger,
			logger: this.deps.logger,
			scope,
			sessionName: session.name,
			ignoreGroups: () => (runtime as SessionRuntime).settings.ignoreGroups === true,
			account: () => (runtime as SessionRuntime).account,
		});
		runtime = new SessionRuntime(session, recorder, {
			driver: this.deps.driver,
			settings: this.deps.settings,
			logger: this.deps.logger,
			writer: this.deps.writer,
			archives: this.deps.archives,
			workerId: this.workerId,
			onFinished: (finished) => this.onFinished(finished),
			onLeaseLost: (lostRuntime) => this.track(this.locks.run(lostRuntime.id, () => this.lost(lostRuntime))),
		});
		this.runtimes.set(session.id, runtime);
		return runtime;
	}

	private onFinished(runtime: SessionRuntime): void {
		if (this.runtimes.get(runtime.id) === runtime) this.runtimes.delete(runtime.id);
		this.resumes.remove(runtime);
	}

	private async request(scope: TenantScope, session: WebSession, command: PendingCommand): Promise<void> {
		await this.deps.repo.requestCommand(scope, session.id, command, command === 'start' || command === 'restart' ? 'running' : 'stopped');
	}

	private ownedElsewhere(session: WebSession): boolean {
		return session.owner !== null && session.owner.id !== this.workerId && session.owner.leaseExpiresAt > new Date().toISOString();
	}

	private requireRoom(name: string): void {
		if (this.runtimes.size >= this.deps.settings.maxSessionsPerProcess) {
			throw new AppError(409, 'conflict', `This service process already runs its maximum of ${this.deps.settings.maxSessionsPerProcess} Web sessions (WEB_MAX_SESSIONS); session ${name} was not started`, { session: name, limit: this.deps.settings.maxSessionsPerProcess });
		}
	}

	/**
	 * Runs a lifecycle action under the session's lock, then answers the session as stored. A runtime on its way
	 * out is waited for first, so the action sees the session as it ends up (not running here).
	 */
	private async locked(scope: TenantScope, name: string, action: (session: WebSession) => Promise<void>): Promise<WebSession> {
		const first = await this.get(scope, name);
		await this.locks.run(first.id, async () => {
			const closing = this.runtimes.get(first.id);
			if (closing?.closing) await closing.whenClosed();
			const current = await this.deps.repo.getById(scope, first.id);
			if (!current) throw notFound('Web session', name);
			await action(current);
		});
		return this.get(scope, name);
	}

	private track(work: Promise<unknown>): void {
		const tracked = work.catch((error: unknown) => this.deps.logger.error({ err: error }, 'web session background work failed'));
		this.background.add(tracked);
		void tracked.finally(() => this.background.delete(tracked));
	}
}
