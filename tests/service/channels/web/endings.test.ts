import { FakeWebDriver, type FakeWebDriverOptions, type WebClientOptions } from '../../../../service/src/channels/web/driver';
import type { FakeWebClient } from '../../../../service/src/channels/web/driver/fake';
import { testDialects } from '../../../support/databases';
import { call, linkSession, phoneOf, sessionKey, sessionStatusTrail, startWebWorld, storedEvents, subscribeAll, waitFor, waitForStatus, type WebWorld } from './webHarness';

/** A fake whose next N starts of a session fail (the fake alone scripts one), recording when each start began. */
class FlakyDriver extends FakeWebDriver {
	readonly failing = new Map<string, number>();
	readonly startedAt = new Map<string, number[]>();

	override createClient(options: WebClientOptions): FakeWebClient {
		const left = this.failing.get(options.sessionKey) ?? 0;
		if (left > 0) {
			this.failing.set(options.sessionKey, left - 1);
			this.scriptNextStart(options.sessionKey, { kind: 'fail', code: 'web_unreachable', message: 'cannot reach web.whatsapp.com (net::ERR_NAME_NOT_RESOLVED)' });
		}
		this.startedAt.set(options.sessionKey, [...(this.startedAt.get(options.sessionKey) ?? []), Date.now()]);
		return super.createClient(options);
	}
}

const archiveCount = async (world: WebWorld) => (await world.service.ctx.storage.db.selectFrom('web_session_archives').select('session_id').execute()).length;

describe.each(testDialects())('how web sessions end, and come back, on %s', (dialect) => {
	let world: WebWorld;
	let driver: FlakyDriver;
	beforeAll(async () => {
		world = await startWebWorld(dialect, {
			env: { WEB_RESTART_BASE_MS: '100', WEB_RESTART_MAX_MS: '5000', WEB_RESTART_MAX_ATTEMPTS: '4' },
			fake: { startTimeoutMs: 200 },
			makeDriver: (options: FakeWebDriverOptions) => (driver = new FlakyDriver(options)),
		});
		await subscribeAll(world);
	});
	afterAll(() => world.service.stop());

	test('WhatsApp Web re-syncing (authenticated and ready again) and tolerated states change nothing', async () => {
		await linkSession(world, 'steady');
		const client = driver.client(await sessionKey(world, 'steady')) as FakeWebClient;
		const before = await sessionStatusTrail(world, 'steady');
		client.fire('authenticated', undefined);
		client.fire('ready');
		client.fire('authenticated', undefined);
		client.phone.changeState('TIMEOUT');
		client.phone.changeState('CONNECTED');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(await sessionStatusTrail(world, 'steady')).toEqual(before);
		expect((await waitForStatus(world, 'steady', 'WORKING')).reason).toBeNull();
	});

	test('a crashed browser is restarted after a backoff and the session resumes from its stored login', async () => {
		const phone = await phoneOf(world, 'steady');
		phone.crashBrowser();
		const failed = await waitForStatus(world, 'steady', 'FAILED');
		expect(failed.reason).toMatch(/^Browser crashed: Chromium exited \(fake browser_disconnected\)\. Restarting in \d+ s \(attempt 2 of 4\)\.$/);
		expect(failed.desiredState).toBe('running');
		await waitForStatus(world, 'steady', 'WORKING');
		expect((await sessionStatusTrail(world, 'steady')).slice(-3)).toEqual(['WORKING>FAILED', 'FAILED>STARTING', 'STARTING>WORKING']);
	});

	test('a disconnect worth retrying (UNLAUNCHED) reconnects by itself', async () => {
		(await phoneOf(world, 'steady')).changeState('UNLAUNCHED');
		expect((await waitForStatus(world, 'steady', 'FAILED')).reason).toContain('WhatsApp Web disconnected (UNLAUNCHED)');
		await waitForStatus(world, 'steady', 'WORKING');
	});

	test('failed starts back off exponentially, then the session is left FAILED with the reason', async () => {
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'unlucky', start: false });
		const key = await sessionKey(world, 'unlucky');
		driver.failing.set(key, 100);
		await call(world, world.admin, 'POST', '/v1/web/sessions/unlucky/start');
		const failed = await waitFor(async () => (await call(world, world.admin, 'GET', '/v1/web/sessions/unlucky')).json().desiredState === 'stopped', 'giving up', 15_000).then(() => waitForStatus(world, 'unlucky', 'FAILED'));
		expect(failed.reason).toBe('WhatsApp Web is unreachable: cannot reach web.whatsapp.com (net::ERR_NAME_NOT_RESOLVED). Gave up after 4 failed starts in a row; start the session to try again.');
		const starts = driver.startedAt.get(key) as number[];
		expect(starts).toHaveLength(4);
		const gaps = starts.slice(1).map((at, index) => at - (starts[index] as number));
		// 100, 200, 400 ms nominal, each ±20%. Only lower bounds: a busy machine makes timers late, never early, and a
		// third gap of at least 315 ms cannot come from a constant 100 ms delay.
		expect(gaps[0]).toBeGreaterThanOrEqual(75);
		expect(gaps[1]).toBeGreaterThanOrEqual(155);
		expect(gaps[2]).toBeGreaterThanOrEqual(315);
		await new Promise((resolve) => setTimeout(resolve, 600));
		expect(driver.startedAt.get(key)).toHaveLength(4);
		expect(driver.client(key)).toBeUndefined();
		const reasons = (await storedEvents(world, 'session.status')).filter((event) => event.data.session === 'unlucky' && event.data.status === 'FAILED').map((event) => event.data.reason as string);
		expect(reasons.map((reason) => reason.replace(/Restarting in \d+ s/, 'Restarting in N s'))).toEqual([
			'WhatsApp Web is unreachable: cannot reach web.whatsapp.com (net::ERR_NAME_NOT_RESOLVED). Restarting in N s (attempt 2 of 4).',
			'WhatsApp Web is unreachable: cannot reach web.whatsapp.com (net::ERR_NAME_NOT_RESOLVED). Restarting in N s (attempt 3 of 4).',
			'WhatsApp Web is unreachable: cannot reach web.whatsapp.com (net::ERR_NAME_NOT_RESOLVED). Restarting in N s (attempt 4 of 4).',
			failed.reason,
		]);
		// A person starting it again gets a fresh set of attempts.
		driver.failing.set(key, 0);
		await call(world, world.admin, 'POST', '/v1/web/sessions/unlucky/start');
		await waitForStatus(world, 'unlucky', 'SCAN_QR');
		await call(world, world.admin, 'POST', '/v1/web/sessions/unlucky/stop');
	});

	test('a start that hangs is cut off by the start bound and retried', async () => {
		const key = await sessionKey(world, 'steady');
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/stop');
		driver.scriptNextStart(key, { kind: 'hang' });
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/start');
		expect((await waitForStatus(world, 'steady', 'FAILED')).reason).toMatch(/^WhatsApp Web did not start within 200 ms\. Restarting in/);
		await waitForStatus(world, 'steady', 'WORKING');
	});

	test('logging out from the phone fails the session, forgets the login and does not restart it', async () => {
		const archivesBefore = await archiveCount(world);
		(await phoneOf(world, 'steady')).logout();
		const failed = await waitForStatus(world, 'steady', 'FAILED');
		expect(failed).toMatchObject({ desiredState: 'stopped', worker: null, reason: 'Logged out from the phone (LOGOUT): the linked device was removed. Start the session and scan a new QR code to link it again.' });
		await waitFor(async () => (await archiveCount(world)) === archivesBefore - 1, 'the login to be forgotten');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect((await waitForStatus(world, 'steady', 'FAILED')).status).toBe('FAILED');
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/start');
		await waitForStatus(world, 'steady', 'SCAN_QR');
		await (await phoneOf(world, 'steady')).scanQr();
		await waitForStatus(world, 'steady', 'WORKING');
	});

	test('WhatsApp rejecting the login (auth_failure) fails the session and drops the dead login', async () => {
		const key = await sessionKey(world, 'steady');
		(await phoneOf(world, 'steady')).failAuth('Unable to log in. Are the session details valid?');
		const failed = await waitForStatus(world, 'steady', 'FAILED');
		expect(failed.reason).toBe('WhatsApp rejected the stored login (Unable to log in. Are the session details valid?). Start the session to scan a new QR code.');
		await waitFor(async () => !(await driver.store.exists(key)), 'the dead login to be deleted');
	});

	test('a stored login that no longer works (RemoteAuth shows a QR instead of auth_failure) fails the session and is dropped', async () => {
		const key = await sessionKey(world, 'steady');
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/start');
		await waitForStatus(world, 'steady', 'SCAN_QR');
		await (await phoneOf(world, 'steady')).scanQr();
		await waitForStatus(world, 'steady', 'WORKING');
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/stop');
		// The phone unlinked the device meanwhile: what is stored no longer logs in.
		await driver.store.save(key, Buffer.from('not a login any more'));
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/start');
		const failed = await waitForStatus(world, 'steady', 'FAILED');
		expect(failed.reason).toContain('The stored login is no longer valid');
		expect(failed.qr).toBeNull();
		await waitFor(async () => !(await driver.store.exists(key)), 'the dead login to be deleted');
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/start');
		await waitForStatus(world, 'steady', 'SCAN_QR');
		await call(world, world.admin, 'POST', '/v1/web/sessions/steady/stop');
	});

	test('a scripted auth failure during a restore start ends FAILED, not in a retry loop', async () => {
		await linkSession(world, 'restoring');
		const key = await sessionKey(world, 'restoring');
		await call(world, world.admin, 'POST', '/v1/web/sessions/restoring/stop');
		driver.scriptNextStart(key, { kind: 'auth_failure' });
		await call(world, world.admin, 'POST', '/v1/web/sessions/restoring/start');
		const failed = await waitForStatus(world, 'restoring', 'FAILED');
		expect(failed.desiredState).toBe('stopped');
		expect(failed.reason).toContain('WhatsApp rejected the stored login');
	});

	test('another WhatsApp Web opening the account fails the session (CONFLICT) unless it is set to take it back', async () => {
		await linkSession(world, 'contested');
		(await phoneOf(world, 'contested')).conflict();
		expect((await waitForStatus(world, 'contested', 'FAILED')).reason).toContain('(CONFLICT)');

		await call(world, world.admin, 'PATCH', '/v1/web/sessions/contested', { settings: { takeoverOnConflict: true } });
		await call(world, world.admin, 'POST', '/v1/web/sessions/contested/start');
		await waitForStatus(world, 'contested', 'WORKING');
		(await phoneOf(world, 'contested')).conflict();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect((await waitForStatus(world, 'contested', 'WORKING')).reason).toBeNull();
	});
});
