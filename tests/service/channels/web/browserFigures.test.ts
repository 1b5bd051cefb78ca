import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, startWebWorld, type WebWorld } from './webHarness';

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
