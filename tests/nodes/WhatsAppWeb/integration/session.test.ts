import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { testDialects } from '../../../support/databases';
import { binaryContent } from '../../../support/n8n';
import { startSandboxWorld, type SandboxWorld } from '../../../support/n8n/sandboxWorld';
import { sessionNamed, web } from '../fakeWeb';
import { eventually, sandboxPhone } from './webSandbox';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(testDialects())('WhatsApp Web node: sessions against the real service (fake driver) on %s', (dialect) => {
	let world: SandboxWorld;
	beforeAll(async () => {
		world = await startSandboxWorld(dialect, { web: true });
	});
	afterAll(async () => world?.close());

	const session = async (operation: string, name: string, parameters: IDataObject = {}) => {
		const run = await world.n8n.run([web({ resource: 'session', operation, session: sessionNamed(name), ...parameters })]);
		const error = run.nodeError('WhatsApp Web');
		return { run, error, json: error ? undefined : run.json('WhatsApp Web')[0] };
	};

	test('create, then the QR code as a real PNG once the session shows one, then linked by scanning it', async () => {
		const created = await world.n8n.run([web({ resource: 'session', operation: 'create', name: 'sales', options: { isDefault: true, deviceName: 'n8n sales' } })]);
		expect(created.json('WhatsApp Web')[0]).toMatchObject({ name: 'sales', isDefault: true, desiredState: 'running', settings: { deviceName: 'n8n sales' } });

		const qr = await session('getQr', 'sales', { format: 'png', binaryPropertyName: 'qr', waitSeconds: 15 });
		expect(qr.error).toBeUndefined();
		const [item] = qr.run.items('WhatsApp Web');
		expect(item.json).toMatchObject({ session: 'sales', status: 'SCAN_QR', format: 'png', rotation: 1 });
		const png = await binaryContent(item.binary?.qr as IBinaryData);
		expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(png.length).toBeGreaterThan(500);

		const dataUrl = await session('getQr', 'sales', { format: 'dataurl', waitSeconds: 0 });
		expect(dataUrl.json).toMatchObject({ format: 'dataurl', value: expect.stringMatching(/^data:image\/png;base64,/) });
		const raw = await session('getQr', 'sales', { format: 'raw', waitSeconds: 0 });
		expect(raw.json?.value).toBe((await sandboxPhone(world, 'sales').state()).qr);

		await sandboxPhone(world, 'sales').link();
		const working = await eventually(async () => {
			const { json } = await session('get', 'sales');
			return json?.status === 'WORKING' ? json : undefined;
		}, 'sales WORKING');
		expect(working.me).toMatchObject({ id: expect.stringMatching(/@c\.us$/) });

		const again = await session('getQr', 'sales', { waitSeconds: 5 });
		expect(again.error?.message).toMatch(/^Session "sales" is already linked to \d+@c\.us: there is nothing to scan$/);
	});

	test('a pairing code for a second session, typed on the phone, links it; start waits for WORKING', async () => {
		await world.n8n.run([web({ resource: 'session', operation: 'create', name: 'support', options: { start: false } })]);
		const stopped = await session('requestPairingCode', 'support', { phoneNumber: '+1 555 000 7777', waitSeconds: 0 });
		expect(stopped.error?.message).toBe('Session "support" is stopped: start it first');

		const started = await session('start', 'support', { waitUntil: 'ready', waitSeconds: 15 });
		expect(started.json).toMatchObject({ status: 'SCAN_QR' });
		const pairing = await session('requestPairingCode', 'support', { phoneNumber: '+1 555 000 7777', waitSeconds: 10 });
		expect(pairing.json).toMatchObject({ session: 'support', phoneNumber: '15550007777', code: expect.stringMatching(/^[A-Z0-9-]{8,9}$/) });
		expect((await sandboxPhone(world, 'support').state()).pairingCode).toBe(String(pairing.json?.code));
		await sandboxPhone(world, 'support').link();
		const working = await session('start', 'support', { waitUntil: 'working', waitSeconds: 15 });
		expect(working.json).toMatchObject({ status: 'WORKING', me: { id: expect.stringMatching(/@c\.us$/) } });
	});

	test('get many lists both, filtered by status; update changes the default flag and merges settings', async () => {
		const all = await world.n8n.run([web({ resource: 'session', operation: 'list' })]);
		expect(all.json('WhatsApp Web').map((entry) => entry.name).sort()).toEqual(['sales', 'support']);
		const failed = await world.n8n.run([web({ resource: 'session', operation: 'list', statuses: ['FAILED'] })]);
		expect(failed.json('WhatsApp Web')).toEqual([]);

		const updated = await session('update', 'support', { updateFields: { isDefault: true, browserName: 'Firefox' } });
		expect(updated.json).toMatchObject({ isDefault: true, settings: { browserName: 'Firefox' } });
		expect((await session('get', 'sales')).json?.isDefault).toBe(false);
	});

	test('stop keeps the login: start again comes back WORKING without a scan; restart too', async () => {
		expect((await session('stop', 'support')).json).toMatchObject({ desiredState: 'stopped' });
		await eventually(async () => ((await session('get', 'support')).json?.status === 'STOPPED' ? true : undefined), 'support STOPPED');
		expect((await session('start', 'support', { waitUntil: 'working', waitSeconds: 15 })).json).toMatchObject({ status: 'WORKING' });
		expect((await session('restart', 'support', { waitUntil: 'ready', waitSeconds: 15 })).json).toMatchObject({ status: 'WORKING' });
	});

	test('log out forgets the login (a new QR code is needed); delete removes the session', async () => {
		const loggedOut = await session('logout', 'support');
		expect(loggedOut.json).toMatchObject({ name: 'support' });
		await eventually(async () => {
			const { json } = await session('get', 'support');
			return json?.status === 'STOPPED' && json.me === null ? true : undefined;
		}, 'support logged out');
		expect((await session('start', 'support', { waitUntil: 'ready', waitSeconds: 15 })).json).toMatchObject({ status: 'SCAN_QR' });

		expect((await session('delete', 'support')).json).toEqual({ name: 'support', deleted: true });
		const gone = await session('get', 'support');
		expect(gone.error).toMatchObject({ httpCode: '404' });
	});
});
