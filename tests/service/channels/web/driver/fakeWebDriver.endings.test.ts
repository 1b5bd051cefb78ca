import { FakeWebDriver, type FakeWebClient } from '../../../../../service/src/channels/web/driver/fake';
import { InMemorySessionArchiveStore } from '../../../../../service/src/channels/web/driver/inMemorySessionArchiveStore';
import type { WAState } from '../../../../../service/src/channels/web/driver/webEvents';
import { EventRecorder } from './eventRecorder';

const PEER = '12025550108@c.us';

let store: InMemorySessionArchiveStore;
let driver: FakeWebDriver;
let client: FakeWebClient;
let events: EventRecorder;

async function readySession(options: { takeoverOnConflict?: boolean } = {}): Promise<void> {
	client = driver.createClient({ sessionKey: 'ending', ...options });
	events = new EventRecorder(client);
	await client.initialize();
	await driver.phone('ending').scanQr();
	await events.waitFor('remote_session_saved');
	events.events.length = 0;
}

beforeEach(() => {
	store = new InMemorySessionArchiveStore();
	driver = new FakeWebDriver({ store, qrIntervalMs: 10 });
});
afterEach(async () => {
	await driver.shutdown();
});

/** A closed client emits nothing more and refuses work with `closed`. */
async function expectFinished(): Promise<void> {
	expect(client.phase).toBe('closed');
	expect(driver.liveClients()).toEqual([]);
	const seen = events.events.length;
	await new Promise((resolve) => setTimeout(resolve, 30));
	expect(events.events.length).toBe(seen);
	await expect(client.sendMessage(PEER, { kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'closed' });
	expect(await client.getState()).toBeNull();
	expect(() => driver.phone('ending')).toThrow();
}

describe('FakeWebDriver: how sessions end', () => {
	test("logout from the phone: disconnected('LOGOUT'), stored login deleted", async () => {
		await readySession();
		driver.phone('ending').logout();
		expect(events.names()).toEqual(['disconnected']);
		expect(events.args('disconnected')).toEqual([['LOGOUT']]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(await store.exists('ending')).toBe(false);
		await expectFinished();
	});

	test('auth_failure(message), stored login kept', async () => {
		await readySession();
		driver.phone('ending').failAuth('Unable to log in');
		expect(events.names()).toEqual(['auth_failure']);
		expect(events.args('auth_failure')).toEqual([['Unable to log in']]);
		expect(await store.exists('ending')).toBe(true);
		await expectFinished();
	});

	test("conflict: change_state('CONFLICT') then disconnected('CONFLICT'); stored login kept", async () => {
		await readySession();
		driver.phone('ending').conflict();
		expect(events.names()).toEqual(['change_state', 'disconnected']);
		expect(events.args('change_state')).toEqual([['CONFLICT']]);
		expect(events.args('disconnected')).toEqual([['CONFLICT']]);
		expect(await store.exists('ending')).toBe(true);
		await expectFinished();
	});

	test('conflict with takeoverOnConflict: CONFLICT then CONNECTED, session stays ready', async () => {
		await readySession({ takeoverOnConflict: true });
		driver.phone('ending').conflict();
		await events.waitFor('change_state', 2);
		expect(events.args('change_state')).toEqual([['CONFLICT'], ['CONNECTED']]);
		expect(client.phase).toBe('ready');
	});

	test.each([
		['TIMEOUT', false, false],
		['OPENING', false, false],
		['UNPAIRED', true, true],
		['TOS_BLOCK', true, false],
	] as [WAState, boolean, boolean][])('change_state(%s): disconnects=%s, forgets login=%s', async (state, disconnects, forgets) => {
		await readySession();
		driver.phone('ending').changeState(state);
		expect(events.names()).toEqual(disconnects ? ['change_state', 'disconnected'] : ['change_state']);
		await new Promise((resolve) => setImmediate(resolve));
		expect(await store.exists('ending')).toBe(!forgets);
		expect(client.phase).toBe(disconnects ? 'closed' : 'ready');
	});

	test('browser crash: browser_crashed with a reason, stored login kept', async () => {
		await readySession();
		driver.phone('ending').crashBrowser('page_crashed');
		expect(events.args('browser_crashed')).toEqual([[{ reason: 'page_crashed', pid: null, message: 'fake page_crashed' }]]);
		expect(await store.exists('ending')).toBe(true);
		await expectFinished();
	});

	test('client.logout() deletes the stored login; destroy() keeps it', async () => {
		await readySession();
		await client.destroy();
		expect(await store.exists('ending')).toBe(true);
		expect(events.names()).toEqual([]);

		const second = driver.createClient({ sessionKey: 'ending' });
		await second.initialize();
		await new Promise((resolve) => setImmediate(resolve));
		await second.logout();
		expect(await store.exists('ending')).toBe(false);
	});

	test('destroy right after login saves the login even before the first backup is due', async () => {
		const slowBackup = new FakeWebDriver({ store, firstBackupDelayMs: 60_000 });
		const early = slowBackup.createClient({ sessionKey: 'early' });
		await early.initialize();
		await slowBackup.phone('early').scanQr();
		expect(await store.exists('early')).toBe(false);
		await early.destroy();
		expect(await store.exists('early')).toBe(true);
	});

	test('no timers are left running: after close, and for idle logged-in sessions', async () => {
		jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
		try {
			const timed = new FakeWebDriver({ qrIntervalMs: 1000, firstBackupDelayMs: 1000 });
			const sessions = await Promise.all(
				Array.from({ length: 5 }, async (_, index) => {
					const session = timed.createClient({ sessionKey: `idle-${index}` });
					await session.initialize();
					return session;
				}),
			);
			// While showing a QR: one rotation timer each.
			expect(jest.getTimerCount()).toBe(5);
			for (const session of sessions) await timed.phone(session.sessionKey).scanQr();
			// Logged in: only the pending first backup each.
			expect(jest.getTimerCount()).toBe(5);
			await jest.advanceTimersByTimeAsync(1000);
			// Idle and backed up: nothing scheduled.
			expect(jest.getTimerCount()).toBe(0);
			await sessions[0]?.sendMessage(PEER, { kind: 'text', text: 'hi' });
			expect(jest.getTimerCount()).toBe(1);
			await timed.shutdown();
			expect(jest.getTimerCount()).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});
});
