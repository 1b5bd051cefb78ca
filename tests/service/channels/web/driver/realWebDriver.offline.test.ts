/**
 * The real driver against the real whatsapp-web.js and Debian's Chromium, on a machine that cannot
 * reach web.whatsapp.com. What we can prove here: starts fail fast with a reason, within a bound,
 * and no Chromium process survives any way a client ends.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Archiver } from 'archiver';
import { InMemorySessionArchiveStore } from '../../../../../service/src/channels/web/driver/inMemorySessionArchiveStore';
import { DEFAULT_WEB_VERSION, RealWebDriver, type RealWebDriverConfig } from '../../../../../service/src/channels/web/driver/real';
import type { WebClient } from '../../../../../service/src/channels/web/driver/webClient';
import { WebDriverError } from '../../../../../service/src/channels/web/driver/webDriverError';
import { isLiveProcess, liveProcessesMentioning } from './chromiumProcScan';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM) && process.platform === 'linux';
const describeChromium = haveChromium ? describe : describe.skip;

jest.setTimeout(90_000);

let base: string;
beforeAll(() => {
	base = mkdtempSync(path.join(tmpdir(), 'wa-real-driver-'));
});
afterAll(() => {
	rmSync(base, { recursive: true, force: true });
});

/** Warnings and errors the driver logged; a survivor after SIGKILL must never appear. */
const logged: { level: string; obj: object; msg?: string }[] = [];
const captureLogger = {
	debug: () => undefined,
	info: () => undefined,
	warn: (obj: object, msg?: string) => logged.push({ level: 'warn', obj, msg }),
	error: (obj: object, msg?: string) => logged.push({ level: 'error', obj, msg }),
};
/** Whatever a failed test left running is cleaned up here, so one failure cannot hang the suite. */
const drivers: RealWebDriver[] = [];
const watchers: (() => void)[] = [];
afterEach(async () => {
	watchers.splice(0).forEach((stop) => stop());
	await Promise.all(drivers.splice(0).map((driver) => driver.shutdown()));
	expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
	logged.length = 0;
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** A version cache holding the pinned build as a blank page: Chromium starts and waits there for WhatsApp Web. */
function pinnedBlankBuild(name: string): string {
	const cacheDir = path.join(base, name);
	mkdirSync(cacheDir, { recursive: true });
	writeFileSync(path.join(cacheDir, `${DEFAULT_WEB_VERSION}.html`), '<html><body></body></html>');
	return cacheDir;
}

function driverWith(overrides: Partial<RealWebDriverConfig> = {}): RealWebDriver {
	const driver = new RealWebDriver({
		store: new InMemorySessionArchiveStore(),
		logger: captureLogger,
		dataPath: path.join(base, 'data'),
		executablePath: CHROMIUM,
		webVersionCacheDir: path.join(base, 'empty-cache'),
		...overrides,
	});
	drivers.push(driver);
	return driver;
}

/**
 * Samples, while the client runs, the PIDs it reports and (independently) every process mentioning its
 * session dir, so each one can be checked afterwards.
 */
function watchPids(client: WebClient): { seen: Set<number>; stop: () => void } {
	const seen = new Set<number>();
	const dir = sessionDir(client.sessionKey);
	const timer = setInterval(() => {
		client.browserPids().forEach((pid) => seen.add(pid));
		liveProcessesMentioning(dir).forEach(({ pid }) => seen.add(pid));
	}, 20);
	const stop = (): void => clearInterval(timer);
	watchers.push(stop);
	return { seen, stop };
}

async function startExpectingFailure(client: WebClient): Promise<{ error: WebDriverError; ms: number }> {
	const startedAt = Date.now();
	try {
		await client.initialize();
	} catch (error) {
		expect(error).toBeInstanceOf(WebDriverError);
		return { error: error as WebDriverError, ms: Date.now() - startedAt };
	}
	throw new Error('initialize() unexpectedly succeeded');
}

/**
 * No process of the session may outlive its client. A browser the library was still launching when the start gave up
 * is closed as soon as it appears (onBrowser), which can be a moment after initialize() rejected: the check allows the
 * reaper's own bound (5 s) for that, then asserts. Once in CI one such process was still exiting at the first look.
 */
async function expectNothingLeft(sessionDir: string, pids: Iterable<number>): Promise<void> {
	const deadline = Date.now() + 5000;
	while (([...pids].some(isLiveProcess) || liveProcessesMentioning(sessionDir).length > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
	for (const pid of pids) expect({ pid, alive: isLiveProcess(pid) }).toEqual({ pid, alive: false });
	expect(liveProcessesMentioning(sessionDir)).toEqual([]);
}

// The installed archiver is 7.x (a factory function); @types/archiver describes 8.x (classes).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const archiver = require('archiver') as (format: 'zip') => Archiver;

/** A zip in RemoteAuth's layout (paths relative to the Chromium profile). */
function zipOf(files: Record<string, string>): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const archive = archiver('zip');
		const chunks: Buffer[] = [];
		archive.on('data', (chunk: Buffer) => chunks.push(chunk));
		archive.on('end', () => resolve(Buffer.concat(chunks)));
		archive.on('error', reject);
		for (const [name, content] of Object.entries(files)) archive.append(content, { name });
		void archive.finalize();
	});
}

function sessionDir(sessionKey: string): string {
	return path.join(base, 'data', sessionKey) + path.sep;
}

describeChromium('RealWebDriver offline (real whatsapp-web.js + Chromium)', () => {
	test('initialize fails with web_unreachable within the bound and leaves no Chromium', async () => {
		const driver = driverWith();
		const client = driver.createClient({ sessionKey: 'offline-default' });
		const watch = watchPids(client);
		const { error, ms } = await startExpectingFailure(client);
		watch.stop();
		console.info(`offline start failed with ${error.code} in ${ms} ms: ${error.message}; browser pids seen: ${[...watch.seen].join(',')}`);
		expect(error.code).toBe('web_unreachable');
		expect(ms).toBeLessThan(60_000);
		expect(watch.seen.size).toBeGreaterThan(0);
		expect(client.phase).toBe('closed');
		expect(client.browserPids()).toEqual([]);
		expect(driver.liveClients()).toEqual([]);
		await expectNothingLeft(sessionDir('offline-default'), watch.seen);
		// The session dir is only a cache of the store; it is removed on close.
		expect(existsSync(sessionDir('offline-default'))).toBe(false);
	});

	test('with the pinned build cached, fails with web_load_timeout after authTimeoutMs', async () => {
		const cacheDir = path.join(base, 'pinned-cache');
		mkdirSync(cacheDir, { recursive: true });
		// The real file is WhatsApp's index.html; its scripts come from WhatsApp's CDN, unreachable here.
		writeFileSync(path.join(cacheDir, `${DEFAULT_WEB_VERSION}.html`), '<html><head><title>WhatsApp</title></head><body></body></html>');
		const driver = driverWith({ webVersionCacheDir: cacheDir, authTimeoutMs: 3000 });
		const client = driver.createClient({ sessionKey: 'offline-cached' });
		const watch = watchPids(client);
		const { error, ms } = await startExpectingFailure(client);
		watch.stop();
		console.info(`cached-build start failed with ${error.code} in ${ms} ms`);
		expect(error.code).toBe('web_load_timeout');
		expect(ms).toBeGreaterThanOrEqual(3000);
		expect(ms).toBeLessThan(20_000);
		await expectNothingLeft(sessionDir('offline-cached'), watch.seen);
	});

	test('startTimeoutMs bounds a start that would otherwise keep waiting', async () => {
		const cacheDir = pinnedBlankBuild('pinned-cache-2');
		const driver = driverWith({ webVersionCacheDir: cacheDir, authTimeoutMs: 60_000, startTimeoutMs: 2500 });
		const client = driver.createClient({ sessionKey: 'offline-bounded' });
		const watch = watchPids(client);
		const { error, ms } = await startExpectingFailure(client);
		watch.stop();
		expect(error.code).toBe('start_timeout');
		expect(ms).toBeGreaterThanOrEqual(2500);
		expect(ms).toBeLessThan(15_000);
		await expectNothingLeft(sessionDir('offline-bounded'), watch.seen);
	});

	test.each([0, 150, 600, 1500])('destroy %i ms into startup leaves nothing behind', async (delayMs) => {
		const driver = driverWith();
		const sessionKey = `destroy-during-start-${delayMs}`;
		const client = driver.createClient({ sessionKey });
		const watch = watchPids(client);
		const starting = startExpectingFailure(client);
		await new Promise((resolve) => setTimeout(resolve, delayMs));
		await client.destroy();
		const { error } = await starting;
		watch.stop();
		// Either our destroy won, or the offline failure came first: never a hang, never a leftover.
		console.info(`destroy after ${delayMs} ms: initialize rejected with ${error.code}; pids seen ${watch.seen.size}`);
		expect(['destroyed', 'web_unreachable']).toContain(error.code);
		expect(client.phase).toBe('closed');
		await expectNothingLeft(sessionDir(sessionKey), watch.seen);
	});

	test.each([0, 1500])('destroy %i ms after Chromium is up, while the start waits for WhatsApp Web, leaves nothing', async (delayMs) => {
		const cacheDir = pinnedBlankBuild(`pinned-cache-destroy-${delayMs}`);
		const driver = driverWith({ webVersionCacheDir: cacheDir, authTimeoutMs: 60_000 });
		const sessionKey = `destroy-while-waiting-${delayMs}`;
		const client = driver.createClient({ sessionKey });
		const watch = watchPids(client);
		const starting = startExpectingFailure(client);
		await waitFor(() => client.browserPids().length > 0, 20_000);
		await new Promise((resolve) => setTimeout(resolve, delayMs));
		const destroyStartedAt = Date.now();
		await client.destroy();
		const destroyMs = Date.now() - destroyStartedAt;
		const { error } = await starting;
		watch.stop();
		console.info(`destroy while waiting took ${destroyMs} ms; pids seen ${watch.seen.size}`);
		expect(error.code).toBe('destroyed');
		expect(destroyMs).toBeLessThan(15_000);
		await expectNothingLeft(sessionDir(sessionKey), watch.seen);
	});

	test("the driver measures each live client's Chromium: its processes and their memory, nothing once it is gone", async () => {
		const cacheDir = pinnedBlankBuild('pinned-cache-measure');
		const driver = driverWith({ webVersionCacheDir: cacheDir, authTimeoutMs: 60_000 });
		const client = driver.createClient({ sessionKey: 'measured' });
		const watch = watchPids(client);
		const starting = startExpectingFailure(client);
		await waitFor(() => client.browserPids().length >= 2, 20_000);
		const usage = (await driver.measureBrowsers()).get('measured');
		console.info(`measured browser: ${JSON.stringify(usage)}; pids ${client.browserPids().length}`);
		// A browser and its helpers; a real Chromium with a page holds tens of megabytes at least.
		expect(usage?.processes).toBeGreaterThanOrEqual(2);
		expect(usage?.processes).toBeLessThanOrEqual(client.browserPids().length + 2);
		expect(usage?.memoryBytes).toBeGreaterThan(10 * 1024 * 1024);
		expect(usage?.memoryBytes).toBeLessThan(4 * 1024 * 1024 * 1024);
		await client.destroy();
		await starting;
		watch.stop();
		expect((await driver.measureBrowsers()).has('measured')).toBe(false);
		await expectNothingLeft(sessionDir('measured'), watch.seen);
	});

	test.each([
		['browser', 'browser_disconnected'],
		['renderer', 'page_crashed'],
	] as const)('killing the %s mid-start is reported as a crash and ends the client cleanly', async (victim, reason) => {
		const cacheDir = pinnedBlankBuild(`pinned-cache-crash-${victim}`);
		const driver = driverWith({ webVersionCacheDir: cacheDir, authTimeoutMs: 60_000 });
		const sessionKey = `crash-${victim}`;
		const client = driver.createClient({ sessionKey });
		const crashes: unknown[] = [];
		client.on('browser_crashed', (info) => crashes.push(info));
		const watch = watchPids(client);
		const starting = startExpectingFailure(client);
		await waitFor(() => client.browserPids().length > 0, 20_000);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const browserPid = Math.min(...client.browserPids());
		const targets =
			victim === 'browser'
				? [browserPid]
				: liveProcessesMentioning(sessionDir(sessionKey))
						.filter(({ cmdline }) => cmdline.includes('--type=renderer'))
						.map(({ pid }) => pid);
		expect(targets.length).toBeGreaterThan(0);
		targets.forEach((pid) => process.kill(pid, 'SIGKILL'));
		const { error, ms } = await starting;
		watch.stop();
		console.info(`${victim} killed: initialize rejected with ${error.code} after ${ms} ms; crash events ${JSON.stringify(crashes)}`);
		expect(crashes).toEqual([expect.objectContaining({ reason, pid: browserPid })]);
		expect(error.code).toBe('browser_crashed');
		expect(client.phase).toBe('closed');
		await expectNothingLeft(sessionDir(sessionKey), watch.seen);
	});

	test('a stored login is restored before Chromium starts and kept when the start fails; logout() deletes it', async () => {
		const store = new InMemorySessionArchiveStore();
		await store.save('restored', await zipOf({ 'Default/Local Storage/leveldb/000003.log': 'WAToken' }));
		const driver = driverWith({ store });
		const client = driver.createClient({ sessionKey: 'restored' });
		const watch = watchPids(client);
		const { error } = await startExpectingFailure(client);
		watch.stop();
		expect(error.code).toBe('web_unreachable');
		// A failed start is no reason to forget a login.
		expect(await store.exists('restored')).toBe(true);
		await expectNothingLeft(sessionDir('restored'), watch.seen);

		const again = driver.createClient({ sessionKey: 'restored' });
		await again.logout();
		expect(await store.exists('restored')).toBe(false);
	});

	test('a corrupt stored archive fails the start with auth_restore_failed, before any browser', async () => {
		const store = new InMemorySessionArchiveStore();
		await store.save('corrupt', Buffer.from('this is not a zip'));
		const driver = driverWith({ store });
		const client = driver.createClient({ sessionKey: 'corrupt' });
		const watch = watchPids(client);
		const { error } = await startExpectingFailure(client);
		watch.stop();
		expect(error.code).toBe('auth_restore_failed');
		expect(watch.seen.size).toBe(0);
		expect(await store.exists('corrupt')).toBe(true);
	});

	test('reapOrphans kills Chromium left under dataPath by a previous process, and nothing else', async () => {
		const driver = driverWith();
		const orphanDir = path.join(base, 'data', 'orphan-1', 'RemoteAuth-orphan-1');
		mkdirSync(orphanDir, { recursive: true });
		// The flags keep a browser on a closed network from failing on its own (background fetches, GPU).
		const orphanFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
		const orphan = spawn(CHROMIUM, [...orphanFlags, `--user-data-dir=${orphanDir}`, 'about:blank'], { detached: true, stdio: 'ignore' });
		let orphanEnd = 'still running';
		orphan.once('exit', (code, signal) => (orphanEnd = `exited with code ${code} signal ${signal}`));
		// Debian's /usr/bin/chromium is a shell script whose subshells share its command line: wait for
		// its exec into the browser itself, and for that browser's helpers.
		const browserUp = (): boolean => {
			const tree = liveProcessesMentioning(orphanDir);
			const leader = tree.find((entry) => entry.pid === orphan.pid);
			return leader !== undefined && !/^\S*sh /.test(leader.cmdline) && tree.length > 1;
		};
		await waitFor(browserUp, 20_000);
		const running = liveProcessesMentioning(orphanDir).map((entry) => `${entry.pid} ${entry.cmdline.slice(0, 60)}`);
		const endBeforeReap = orphanEnd;
		const killed = await driver.reapOrphans();
		// A failure prints the whole report: whether the browser had ended by itself, and what was running.
		expect({ killed, endBeforeReap, running }).toEqual({ killed: expect.arrayContaining([orphan.pid]), endBeforeReap: 'still running', running });
		await waitFor(() => liveProcessesMentioning(orphanDir).length === 0, 5000);
	});

	test('a missing Chromium binary is browser_launch_failed', async () => {
		const driver = driverWith({ executablePath: path.join(base, 'no-such-chromium') });
		const client = driver.createClient({ sessionKey: 'no-browser' });
		const { error } = await startExpectingFailure(client);
		expect(error.code).toBe('browser_launch_failed');
	});

	test("onMissingWebVersion 'fail' refuses to start without launching a browser", async () => {
		const driver = driverWith({ onMissingWebVersion: 'fail' });
		const client = driver.createClient({ sessionKey: 'strict-version' });
		const watch = watchPids(client);
		const { error, ms } = await startExpectingFailure(client);
		watch.stop();
		expect(error.code).toBe('web_version_unavailable');
		expect(ms).toBeLessThan(1000);
		expect(watch.seen.size).toBe(0);
	});

	test('shutdown destroys every live client, and one session key cannot have two clients', async () => {
		const driver = driverWith();
		const client = driver.createClient({ sessionKey: 'shutdown-1' });
		expect(() => driver.createClient({ sessionKey: 'shutdown-1' })).toThrow(WebDriverError);
		const starting = startExpectingFailure(client);
		await driver.shutdown();
		await starting;
		expect(driver.liveClients()).toEqual([]);
		expect(liveProcessesMentioning(sessionDir('shutdown-1'))).toEqual([]);
	});
});
