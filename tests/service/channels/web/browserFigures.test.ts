import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, sessionKey, startWebWorld, storedEvents, subscribeAll, waitFor, waitForStatus, type WebWorld } from './webHarness';

const metric = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

describe.each(testDialects())("what Web sessions' browsers cost, on %s", (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
	});
	afterAll(() => world.service.stop());

	test('a running session shows its browser’s processes and memory; a stopped one shows none', async () => {
		await linkSession(world, 'big');
		await linkSession(world, 'small');
		await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'idle', start: false });
		(await fakeClientOf(world, 'big')).browser = { processes: 9, memoryBytes: 700_000_000 };
		(await fakeClientOf(world, 'small')).browser = { processes: 6, memoryBytes: 300_000_000 };

		// A measurement serves for two seconds: the new figures show within that.
		await waitFor(async () => (await call(world, world.sender, 'GET', '/v1/web/sessions/big')).json().browser?.processes === 9, 'the measured figures');
		const one = await call(world, world.sender, 'GET', '/v1/web/sessions/big');
		expect(one.statusCode).toBe(200);
		expect(one.json().browser).toEqual({ processes: 9, memoryBytes: 700_000_000 });
		const listed = (await call(world, world.sender, 'GET', '/v1/web/sessions')).json().data as Array<{ name: string; browser: unknown }>;
		expect(Object.fromEntries(listed.map((session) => [session.name, session.browser]))).toEqual({ big: { processes: 9, memoryBytes: 700_000_000 }, small: { processes: 6, memoryBytes: 300_000_000 }, idle: null });

		// Stopping closes the browser: nothing left to measure.
		const stopped = await call(world, world.admin, 'POST', '/v1/web/sessions/small/stop');
		expect(stopped.json()).toMatchObject({ status: 'STOPPED', browser: null });
	});

	test('/metrics counts the sessions by status and sums their browsers, with the largest one, naming none', async () => {
		const text = (await world.service.app.inject({ method: 'GET', url: '/metrics' })).body;
		expect(metric(text, 'wa_web_sessions{status="WORKING"}')).toBe(1);
		expect(metric(text, 'wa_web_sessions{status="STOPPED"}')).toBe(0);
		expect(metric(text, 'wa_web_browser_processes')).toBe(9);
		expect(metric(text, 'wa_web_browser_memory_bytes')).toBe(700_000_000);
		expect(metric(text, 'wa_web_browser_memory_bytes_max')).toBe(700_000_000);
		expect(text).not.toMatch(/big|small|idle/);
	});
});

describe.each(testDialects())('WEB_BROWSER_MEMORY_LIMIT_MB on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		// A lease round every 300 ms; sessions over 100 MB are restarted.
		world = await startWebWorld(dialect, { env: { WEB_BROWSER_MEMORY_LIMIT_MB: '100', WEB_LEASE_TTL_MS: '900' } });
		await subscribeAll(world);
	});
	afterAll(() => world.service.stop());

	test('a WORKING session whose browser grew past the limit is restarted with its login kept, and says why; one under it is left alone', async () => {
		await linkSession(world, 'heavy');
		await linkSession(world, 'light');
		const heavy = await fakeClientOf(world, 'heavy');
		const light = await fakeClientOf(world, 'light');
		light.browser = { processes: 8, memoryBytes: 90 * 1024 * 1024 };
		heavy.browser = { processes: 8, memoryBytes: 250 * 1024 * 1024 };

		const key = await sessionKey(world, 'heavy');
		await waitFor(() => world.service.driver.client(key) !== undefined && world.service.driver.client(key) !== heavy, 'a new client for the heavy session');
		const back = await waitForStatus(world, 'heavy', 'WORKING');
		expect(back.me).not.toBeNull();
		const restarted = (await storedEvents(world, 'session.status')).filter((event) => event.data.session === 'heavy' && event.data.status === 'STARTING').map((event) => String(event.data.reason));
		expect(restarted.at(-1)).toMatch(/browser held 250 MB, over WEB_BROWSER_MEMORY_LIMIT_MB \(100 MB\); the login is kept/);
		expect(await fakeClientOf(world, 'light')).toBe(light);
	});

	test('a session over the limit with a send in flight finishes the send first, then is restarted', async () => {
		await linkSession(world, 'busy');
		const busy = await fakeClientOf(world, 'busy');
		// The send reaches the browser and stays there until released, like a slow upload.
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const reached = new Promise<void>((resolve) => {
			const send = busy.sendMessage.bind(busy);
			busy.sendMessage = async (...args: Parameters<typeof busy.sendMessage>) => {
				resolve();
				await released;
				return send(...args);
			};
		});
		const sent = call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'busy', to: '15550001111', type: 'text', text: { body: 'before the restart' } });
		await reached;
		busy.browser = { processes: 8, memoryBytes: 300 * 1024 * 1024 };
		await waitFor(async () => (await call(world, world.sender, 'GET', '/v1/web/sessions/busy')).json().browser?.memoryBytes === 300 * 1024 * 1024, 'the new figures');
		// Several lease rounds see it over the limit while the send lasts.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await fakeClientOf(world, 'busy')).toBe(busy);

		release();
		expect((await sent).statusCode).toBeLessThan(300);
		const key = await sessionKey(world, 'busy');
		await waitFor(() => world.service.driver.client(key) !== undefined && world.service.driver.client(key) !== busy, 'a new client once the send returned');
		expect((await waitForStatus(world, 'busy', 'WORKING')).me).not.toBeNull();
	});

	test('a session restarted for memory is not restarted for it again at once, even if it is still over', async () => {
		const again = await fakeClientOf(world, 'heavy');
		again.browser = { processes: 8, memoryBytes: 400 * 1024 * 1024 };
		await waitFor(async () => (await call(world, world.sender, 'GET', '/v1/web/sessions/heavy')).json().browser?.memoryBytes === 400 * 1024 * 1024, 'the new figures');
		// Several lease rounds see it over the limit.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await fakeClientOf(world, 'heavy')).toBe(again);
		expect((await call(world, world.sender, 'GET', '/v1/web/sessions/heavy')).json()).toMatchObject({ status: 'WORKING', browser: { memoryBytes: 400 * 1024 * 1024 } });
	});
});
