import { testDialects } from '../../../support/databases';
import { call, getSession, linkSession, phoneOf, sessionStatusTrail, startWebWorld, storedEvents, subscribeAll, waitForStatus, type WebWorld } from './webHarness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(testDialects())('web session lifecycle on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await subscribeAll(world);
	});
	afterAll(() => world.service.stop());

	test('a new session starts, offers its QR as PNG, data URL and raw text, and is WORKING once scanned', async () => {
		const created = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'main', isDefault: true });
		expect(created.statusCode).toBe(201);
		expect(created.json()).toMatchObject({ name: 'main', isDefault: true, desiredState: 'running', loginMethod: 'qr' });
		const waiting = await waitForStatus(world, 'main', 'SCAN_QR');
		expect(waiting.qr).toEqual({ rotation: 1, maxRotations: 8 });
		const phone = await phoneOf(world, 'main');

		const png = await call(world, world.admin, 'GET', '/v1/web/sessions/main/qr');
		expect(png.statusCode).toBe(200);
		expect(png.headers['content-type']).toBe('image/png');
		expect(png.headers['cache-control']).toBe('no-store');
		expect(png.rawPayload.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		const raw = await call(world, world.admin, 'GET', '/v1/web/sessions/main/qr?format=raw');
		expect(raw.json()).toEqual({ format: 'raw', value: phone.qr, rotation: 1, maxRotations: 8 });
		const dataUrl = await call(world, world.admin, 'GET', '/v1/web/sessions/main/qr?format=dataurl');
		expect(dataUrl.json().value).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
		expect((await call(world, world.admin, 'GET', '/v1/web/sessions/main/qr?format=svg')).statusCode).toBe(400);

		await phone.scanQr();
		const working = await waitForStatus(world, 'main', 'WORKING');
		expect(working.me?.id).toMatch(/^1555\d{9}@c\.us$/);
		expect(working.qr).toBeNull();
		expect(working.reason).toBeNull();
		expect((await call(world, world.admin, 'GET', '/v1/web/sessions/main/qr')).statusCode).toBe(409);
		expect(await sessionStatusTrail(world, 'main')).toEqual(['STOPPED>STARTING', 'STARTING>SCAN_QR', 'SCAN_QR>STARTING', 'STARTING>WORKING']);
		const last = (await storedEvents(world, 'session.status')).at(-1);
		expect(last).toMatchObject({ channel: 'web', data: { session: 'main', status: 'WORKING', previousStatus: 'STARTING', reason: null, loginMethod: 'qr', me: working.me } });
	});

	test('start, stop, restart and logout are idempotent and each change is one event with the previous status', async () => {
		const trail = () => sessionStatusTrail(world, 'main');
		const before = (await trail()).length;
		expect((await call(world, world.admin, 'POST', '/v1/web/sessions/main/start')).json().status).toBe('WORKING');
		expect((await trail()).length).toBe(before);

		const stopped = await call(world, world.admin, 'POST', '/v1/web/sessions/main/stop');
		expect(stopped.json()).toMatchObject({ status: 'STOPPED', desiredState: 'stopped', worker: null });
		expect((await call(world, world.admin, 'POST', '/v1/web/sessions/main/stop')).json().status).toBe('STOPPED');
		expect((await trail()).slice(before)).toEqual(['WORKING>STOPPED']);

		// The login was kept: starting again needs no QR.
		await call(world, world.admin, 'POST', '/v1/web/sessions/main/start');
		const resumed = await waitForStatus(world, 'main', 'WORKING');
		expect(resumed.me).toEqual((await getSession(world, 'main')).me);
		expect((await trail()).slice(before)).toEqual(['WORKING>STOPPED', 'STOPPED>STARTING', 'STARTING>WORKING']);

		await call(world, world.admin, 'POST', '/v1/web/sessions/main/restart');
		await waitForStatus(world, 'main', 'WORKING');
		expect((await trail()).slice(-2)).toEqual(['WORKING>STARTING', 'STARTING>WORKING']);

		const loggedOut = await call(world, world.admin, 'POST', '/v1/web/sessions/main/logout');
		expect(loggedOut.json()).toMatchObject({ status: 'STOPPED', me: null, reason: expect.stringContaining('Logged out') });
		expect(await world.service.ctx.storage.db.selectFrom('web_session_archives').selectAll().execute()).toEqual([]);
		expect((await call(world, world.admin, 'POST', '/v1/web/sessions/main/logout')).statusCode).toBe(200);
		expect((await trail()).slice(-1)).toEqual(['WORKING>STOPPED']);

		// Without a login, the next start asks for a QR code again.
		await call(world, world.admin, 'POST', '/v1/web/sessions/main/start');
		await waitForStatus(world, 'main', 'SCAN_QR');
		await call(world, world.admin, 'POST', '/v1/web/sessions/main/stop');
	});

	test('creating an existing name answers it unchanged; patch changes options; delete unlinks and forgets', async () => {
		const again = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'main', isDefault: false, start: false });
		expect(again.statusCode).toBe(200);
		expect(again.json()).toMatchObject({ name: 'main', isDefault: true });

		const patched = await call(world, world.admin, 'PATCH', '/v1/web/sessions/main', { settings: { deviceName: 'Front desk', ignoreGroups: true } });
		expect(patched.json().settings).toEqual({ deviceName: 'Front desk', ignoreGroups: true });
		const second = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'second', start: false, isDefault: true });
		expect(second.json()).toMatchObject({ status: 'STOPPED', isDefault: true, desiredState: 'stopped' });
		expect((await getSession(world, 'main')).isDefault).toBe(false);

		const linked = await linkSession(world, 'doomed');
		const key = linked.me?.id;
		expect(key).toBeDefined();
		expect((await call(world, world.admin, 'DELETE', '/v1/web/sessions/doomed')).statusCode).toBe(204);
		expect((await call(world, world.admin, 'GET', '/v1/web/sessions/doomed')).statusCode).toBe(404);
		expect((await call(world, world.admin, 'DELETE', '/v1/web/sessions/doomed')).statusCode).toBe(404);
		expect(world.service.driver.liveClients().map((client) => client.sessionKey).filter((sessionKey) => sessionKey.includes('doomed'))).toEqual([]);
		expect((await sessionStatusTrail(world, 'doomed')).at(-1)).toBe('WORKING>STOPPED');
		const list = (await call(world, world.admin, 'GET', '/v1/web/sessions')).json().data.map((session: { name: string }) => session.name);
		expect(list).toEqual(['main', 'second']);
	});

	test('bad input answers 400 naming the field; unknown sessions 404', async () => {
		const badName = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'has space' });
		expect(badName.statusCode).toBe(400);
		expect(badName.json().error.details.fields[0].field).toBe('body.name');
		const badSetting = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'x', settings: { proxyServer: 'ftp://nope' } });
		expect(badSetting.json().error.details.fields[0].field).toBe('body.settings.proxyServer');
		const unknownField = await call(world, world.admin, 'PATCH', '/v1/web/sessions/main', { colour: 'blue' });
		expect(unknownField.json().error.details.fields[0].field).toBe('body.colour');
		for (const [method, url] of [
			['GET', '/v1/web/sessions/ghost'],
			['POST', '/v1/web/sessions/ghost/start'],
			['POST', '/v1/web/sessions/ghost/stop'],
			['GET', '/v1/web/sessions/ghost/qr'],
			['GET', '/v1/web/sessions/ghost/chats'],
		] as const) {
			expect((await call(world, world.admin, method, url)).statusCode).toBe(404);
		}
		const readerStart = await call(world, { authorization: `Bearer ${world.tenant.readerKey}` }, 'POST', '/v1/web/sessions/main/start');
		expect(readerStart.statusCode).toBe(403);
	});
});
