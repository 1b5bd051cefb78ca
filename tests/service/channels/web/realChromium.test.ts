/**
 * The Web channel over the REAL whatsapp-web.js and Debian's Chromium, on a machine that cannot reach
 * web.whatsapp.com: a session start must end FAILED with a clear reason within a bound, and no Chromium
 * process may survive a failed start, a stop during start or a delete (checked by PID in /proc, independently
 * of the driver's own reaper).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { webComposer } from '../../../../service/src/channels/web/webComposer';
import { eventsComposer } from '../../../../service/src/events/composer';
import { bearer, createTenantFixture, startTestService, type TestService } from '../../../support/testService';
import { isLiveProcess, liveProcessesMentioning } from './driver/chromiumProcScan';

const CHROMIUM = '/usr/bin/chromium';
const describeChromium = existsSync(CHROMIUM) && process.platform === 'linux' ? describe : describe.skip;
/** What "within a bound" means here: the driver's start bound plus the time to close the browser. */
const FAIL_BOUND_MS = 45_000;

jest.setTimeout(120_000);

describeChromium('web sessions over the real driver and Chromium (offline)', () => {
	let service: TestService;
	let admin: Record<string, string>;
	let sessionsDir: string;
	let orphanPid: number | undefined;
	const seen = new Set<number>();
	let watcher: ReturnType<typeof setInterval>;

	beforeAll(async () => {
		// What a crashed predecessor would leave: a Chromium under the sessions directory.
		const env = { WEB_DRIVER: 'real', WEB_CHROMIUM_PATH: CHROMIUM, WEB_RESTART_MAX_ATTEMPTS: '1', WEB_START_TIMEOUT_MS: '30000', LOG_LEVEL: 'info' };
		service = await startTestService('sqlite', { composers: [eventsComposer, webComposer()], env, listen: false });
		sessionsDir = service.config.web.dataPath;
		admin = bearer((await createTenantFixture(service, 'Real Chromium')).adminKey);
		watcher = setInterval(() => liveProcessesMentioning(sessionsDir).forEach(({ pid }) => seen.add(pid)), 25);
	});
	afterAll(async () => {
		clearInterval(watcher);
		await service.stop();
		if (orphanPid && isLiveProcess(orphanPid)) process.kill(orphanPid, 'SIGKILL');
	});

	const status = async (name: string) => (await service.app.inject({ method: 'GET', url: `/v1/web/sessions/${name}`, headers: admin })).json();
	async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await read();
			if (done(value)) return value;
			if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	const nothingLeft = () => {
		expect(liveProcessesMentioning(sessionsDir)).toEqual([]);
		expect([...seen].filter(isLiveProcess)).toEqual([]);
	};

	test('a start ends FAILED with the reason (WhatsApp Web unreachable) within the bound, and leaves no Chromium', async () => {
		const startedAt = Date.now();
		const created = await service.app.inject({ method: 'POST', url: '/v1/web/sessions', headers: admin, payload: { name: 'offline' } });
		expect(created.statusCode).toBe(201);
		const failed = await until(() => status('offline'), (session) => session.status === 'FAILED', FAIL_BOUND_MS);
		const elapsed = Date.now() - startedAt;
		console.info(`real driver: FAILED after ${elapsed} ms: ${failed.reason}; Chromium PIDs seen: ${[...seen].join(',')}`);
		expect(failed.reason).toMatch(/^WhatsApp Web is unreachable: cannot reach web\.whatsapp\.com \(net::ERR_[A-Z_]+\)\. Gave up after 1 failed start in a row; start the session to try again\.$/);
		expect(failed).toMatchObject({ desiredState: 'stopped', worker: null });
		expect(seen.size).toBeGreaterThan(0);
		await until(async () => liveProcessesMentioning(sessionsDir).length, (count) => count === 0, 10_000);
		nothingLeft();
		expect(service.logs.text()).toContain('pinned WhatsApp Web build unavailable; using the live build');
	});

	test('stopping a session while Chromium is starting closes every process of it', async () => {
		const before = new Set(seen);
		await service.app.inject({ method: 'POST', url: '/v1/web/sessions/offline/start', headers: admin });
		await until(async () => [...seen].filter((pid) => !before.has(pid)).length, (count) => count > 0, 20_000);
		const stopped = await service.app.inject({ method: 'POST', url: '/v1/web/sessions/offline/stop', headers: admin });
		expect(stopped.json()).toMatchObject({ status: 'STOPPED', worker: null });
		nothingLeft();
	});

	test('deleting a starting session leaves no Chromium either', async () => {
		const before = new Set(seen);
		await service.app.inject({ method: 'POST', url: '/v1/web/sessions', headers: admin, payload: { name: 'doomed' } });
		await until(async () => [...seen].filter((pid) => !before.has(pid)).length, (count) => count > 0, 20_000);
		expect((await service.app.inject({ method: 'DELETE', url: '/v1/web/sessions/doomed', headers: admin })).statusCode).toBe(204);
		nothingLeft();
	});

	test('at start the service reaps Chromium that a crashed predecessor left under its sessions directory', async () => {
		const orphanDir = path.join(sessionsDir, 'left-behind', 'RemoteAuth-left-behind');
		mkdirSync(orphanDir, { recursive: true });
		const orphan = spawn(CHROMIUM, ['--headless=new', '--no-sandbox', `--user-data-dir=${orphanDir}`, 'about:blank'], { detached: true, stdio: 'ignore' });
		orphanPid = orphan.pid;
		await until(async () => liveProcessesMentioning(orphanDir).length, (count) => count > 0, 20_000);
		// A second process of the same deployment starting up (same data directory).
		const successor = await startTestService('sqlite', { composers: [webComposer()], env: { WEB_DRIVER: 'real', DATA_DIR: service.config.dataDir, LOG_LEVEL: 'info' } });
		try {
			await until(async () => liveProcessesMentioning(orphanDir).length, (count) => count === 0, 10_000);
			expect(isLiveProcess(orphan.pid as number)).toBe(false);
			expect(successor.logs.text()).toContain('killed Chromium processes a previous run left behind');
		} finally {
			await successor.stop().catch(() => undefined);
		}
	});
});
