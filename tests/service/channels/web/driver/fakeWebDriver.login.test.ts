import { FakeWebDriver } from '../../../../../service/src/channels/web/driver/fake';
import { InMemorySessionArchiveStore } from '../../../../../service/src/channels/web/driver/inMemorySessionArchiveStore';
import { WebDriverError } from '../../../../../service/src/channels/web/driver/webDriverError';
import { QR_RETRIES_EXHAUSTED } from '../../../../../service/src/channels/web/driver/webEvents';
import { EventRecorder } from './eventRecorder';

/** ref,staticKeyB64,identityKeyB64,advSecretKey,platform */
const QR_FORMAT = /^2@[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+,WEB$/;

const drivers: FakeWebDriver[] = [];
function makeDriver(options: ConstructorParameters<typeof FakeWebDriver>[0] = {}): FakeWebDriver {
	const driver = new FakeWebDriver({ qrIntervalMs: 10, ...options });
	drivers.push(driver);
	return driver;
}
afterEach(async () => {
	await Promise.all(drivers.splice(0).map((driver) => driver.shutdown()));
});

describe('FakeWebDriver login', () => {
	test('QR login: qr rotates until scanned, then authenticated -> ready -> remote_session_saved', async () => {
		const driver = makeDriver();
		const client = driver.createClient({ sessionKey: 'tenant-1:main' });
		const events = new EventRecorder(client);
		expect(client.phase).toBe('created');
		expect(await client.getState()).toBeNull();

		await client.initialize();
		// The first QR is out by the time initialize() resolves, like the library's inject().
		expect(events.names()).toEqual(['qr']);
		expect(client.phase).toBe('started');
		expect(await client.getState()).toBe('UNPAIRED');

		await events.waitFor('qr', 3);
		const qrs = events.args('qr').map(([qr]) => qr);
		qrs.forEach((qr) => expect(qr).toMatch(QR_FORMAT));
		expect(new Set(qrs).size).toBe(qrs.length);
		expect(driver.phone('tenant-1:main').qr).toBe(qrs[qrs.length - 1]);

		await driver.phone('tenant-1:main').scanQr();
		await events.waitFor('remote_session_saved');
		const afterQr = events.names().filter((name) => name !== 'qr');
		expect(afterQr).toEqual(['authenticated', 'ready', 'remote_session_saved']);
		expect(events.args('authenticated')).toEqual([[undefined]]);
		expect(events.args('ready')).toEqual([[]]);
		expect(client.phase).toBe('ready');
		expect(await client.getState()).toBe('CONNECTED');
		expect(await client.getOwnProfile()).toEqual({
			id: expect.stringMatching(/^1555\d{9}@c\.us$/),
			user: expect.stringMatching(/^1555\d{9}$/),
			pushname: 'Fake tenant-1:main',
			platform: 'android',
		});
		expect(await driver.store.exists('tenant-1:main')).toBe(true);

		// No QR after login: rotation stopped.
		const qrCount = events.count('qr');
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(events.count('qr')).toBe(qrCount);
		expect(client.browserPids()).toEqual([]);
	});

	test('qrMaxRetries: library order is max+1 qr events, then disconnected, then the client is closed', async () => {
		const driver = makeDriver();
		const client = driver.createClient({ sessionKey: 'capped', qrMaxRetries: 2 });
		const events = new EventRecorder(client);
		await client.initialize();
		await events.waitFor('disconnected');
		expect(events.names()).toEqual(['qr', 'qr', 'qr', 'disconnected']);
		expect(events.args('disconnected')).toEqual([[QR_RETRIES_EXHAUSTED]]);
		expect(client.phase).toBe('closed');
		expect(driver.liveClients()).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(events.count('qr')).toBe(3);
	});

	test('scanning an expired QR is refused', async () => {
		const driver = makeDriver({ qrIntervalMs: 5 });
		const client = driver.createClient({ sessionKey: 'expired' });
		const events = new EventRecorder(client);
		await client.initialize();
		const first = driver.phone('expired').qr;
		await events.waitFor('qr', 2);
		await expect(driver.phone('expired').scanQr(first)).rejects.toThrow(/expired/);
		await driver.phone('expired').scanQr(driver.phone('expired').qr);
		expect(client.phase).toBe('ready');
	});

	test('pairing code login (client option): code events, rotation, then authenticated -> ready', async () => {
		const driver = makeDriver({ pairingCodeIntervalMs: 10 });
		const client = driver.createClient({ sessionKey: 'paired', pairing: { phoneNumber: '+1 (202) 555-0108' } });
		const events = new EventRecorder(client);
		await client.initialize();
		await events.waitFor('code', 2);
		expect(events.count('qr')).toBe(0);
		events.args('code').forEach(([code]) => expect(code).toMatch(/^[A-Z0-9]{8}$/));
		const phone = driver.phone('paired');
		await expect(phone.enterPairingCode('WRONG123')).rejects.toThrow(/wrong pairing code/);
		const current = phone.pairingCode as string;
		await phone.enterPairingCode(`${current.slice(0, 4)}-${current.slice(4)}`);
		expect(events.names().filter((name) => name !== 'code')).toEqual(['authenticated', 'ready']);
	});

	test('requestPairingCode switches a QR session to a code (returned and emitted) and stops the QR', async () => {
		const driver = makeDriver();
		const client = driver.createClient({ sessionKey: 'switch' });
		const events = new EventRecorder(client);
		await client.initialize();
		await expect(client.requestPairingCode('12')).rejects.toMatchObject({ code: 'invalid_argument' });
		const code = await client.requestPairingCode('12025550108');
		expect(events.args('code')).toEqual([[code]]);
		const qrCount = events.count('qr');
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(events.count('qr')).toBe(qrCount);
		expect(driver.phone('switch').qr).toBeUndefined();
		await driver.phone('switch').enterPairingCode(code);
		expect(client.phase).toBe('ready');
		await expect(client.requestPairingCode('12025550108')).rejects.toMatchObject({ code: 'not_ready' });
	});

	test('resume: a new client for a stored session logs in without a QR and keeps its number', async () => {
		const store = new InMemorySessionArchiveStore();
		const first = makeDriver({ store });
		const client = first.createClient({ sessionKey: 'resume' });
		const firstEvents = new EventRecorder(client);
		await client.initialize();
		await first.phone('resume').scanQr();
		await firstEvents.waitFor('remote_session_saved');
		const profile = await client.getOwnProfile();
		await client.destroy();
		expect(await store.exists('resume')).toBe(true);

		// A service restart: a new driver over the same store.
		const second = makeDriver({ store });
		const again = second.createClient({ sessionKey: 'resume' });
		const events = new EventRecorder(again);
		await again.initialize();
		expect(events.names()).toEqual([]);
		await events.waitFor('ready');
		expect(events.names()).toEqual(['authenticated', 'ready']);
		expect(await again.getOwnProfile()).toEqual(profile);
		await new Promise((resolve) => setTimeout(resolve, 20));
		// Already in the store: no second first-backup.
		expect(events.count('remote_session_saved')).toBe(0);
	});

	test('an unreadable stored archive means a fresh QR login (RemoteAuth shows no auth_failure)', async () => {
		const store = new InMemorySessionArchiveStore();
		await store.save('garbage', Buffer.from('PK\u0003\u0004 not ours'));
		const driver = makeDriver({ store });
		const client = driver.createClient({ sessionKey: 'garbage' });
		const events = new EventRecorder(client);
		await client.initialize();
		expect(events.names()).toEqual(['qr']);
	});

	test('loading_screen can be switched on and comes before authenticated', async () => {
		const driver = makeDriver({ emitLoadingScreen: true });
		const client = driver.createClient({ sessionKey: 'loading' });
		const events = new EventRecorder(client);
		await client.initialize();
		await driver.phone('loading').scanQr();
		expect(events.names().filter((name) => name !== 'qr')).toEqual(['loading_screen', 'authenticated', 'ready']);
		expect(events.args('loading_screen')).toEqual([[100, 'WhatsApp']]);
	});

	test('startDelayMs delays the first QR; destroy during start rejects initialize with destroyed', async () => {
		const driver = makeDriver({ startDelayMs: 1000 });
		const client = driver.createClient({ sessionKey: 'slow' });
		const events = new EventRecorder(client);
		expect(await client.getState()).toBeNull();
		const starting = client.initialize();
		expect(client.phase).toBe('starting');
		await client.destroy();
		await expect(starting).rejects.toMatchObject({ code: 'destroyed' });
		expect(events.names()).toEqual([]);
		await expect(client.initialize()).rejects.toMatchObject({ code: 'closed' });
	});

	test.each([
		[{ kind: 'fail', code: 'web_unreachable' } as const, 'web_unreachable', []],
		[{ kind: 'auth_failure', message: 'bad session' } as const, 'auth_restore_failed', ['auth_failure']],
	])('scripted start %j rejects with %s', async (script, code, names) => {
		const driver = makeDriver();
		driver.scriptNextStart('scripted', script);
		const client = driver.createClient({ sessionKey: 'scripted' });
		const events = new EventRecorder(client);
		const error = await client.initialize().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(WebDriverError);
		expect(error).toMatchObject({ code });
		expect(events.names()).toEqual(names);
		expect(client.phase).toBe('closed');
		// The script is used once: the next client starts normally.
		const next = driver.createClient({ sessionKey: 'scripted' });
		await next.initialize();
		expect(next.phase).toBe('started');
	});

	test('a scripted hang fails with start_timeout after the configured bound', async () => {
		const driver = makeDriver({ startTimeoutMs: 50 });
		driver.scriptNextStart('hang', { kind: 'hang' });
		const client = driver.createClient({ sessionKey: 'hang' });
		const startedAt = Date.now();
		await expect(client.initialize()).rejects.toMatchObject({ code: 'start_timeout' });
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(45);
	});

	test('one live client per session key; initialize runs once', async () => {
		const driver = makeDriver();
		const client = driver.createClient({ sessionKey: 'single' });
		expect(() => driver.createClient({ sessionKey: 'single' })).toThrow(WebDriverError);
		await client.initialize();
		await expect(client.initialize()).rejects.toMatchObject({ code: 'invalid_argument' });
		await client.destroy();
		expect(() => driver.createClient({ sessionKey: 'single' })).not.toThrow();
	});
});
