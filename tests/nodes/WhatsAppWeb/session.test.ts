import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { binaryContent, serviceError } from '../../support/n8n';
import { useFakeService } from '../fakeServiceSetup';
import { sessionNamed, web, webSession } from './fakeWeb';

const { service, n8n } = useFakeService();

const session = (operation: string, parameters: IDataObject = {}) => web({ resource: 'session', operation, session: sessionNamed('sales'), ...parameters });

/** Answers GET /v1/web/sessions/sales with these sessions in turn (the last one repeats). */
function sessionSequence(...states: IDataObject[]): void {
	let calls = 0;
	service().on('GET', '/v1/web/sessions/:name', () => ({ json: webSession(states[Math.min(calls++, states.length - 1)]) }));
}

describe('WhatsApp Web › Session', () => {
	test('create posts the name, start flag, pairing number, default flag and settings', async () => {
		service().on('POST', '/v1/web/sessions', (request) => ({ status: 201, json: webSession({ ...(request.body as IDataObject), status: 'STARTING' }) }));
		const run = await n8n().run([
			web({ resource: 'session', operation: 'create', name: 'sales', options: { start: false, isDefault: true, pairingPhoneNumber: '+1 202 555 0108', deviceName: 'n8n sales', ignoreGroups: true, proxyServer: '' } }),
		]);
		expect(service().calls('POST', '/v1/web/sessions')[0].body).toEqual({ name: 'sales', start: false, isDefault: true, pairingPhoneNumber: '+1 202 555 0108', settings: { deviceName: 'n8n sales', ignoreGroups: true } });
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ name: 'sales', status: 'STARTING' });
	});

	test('create refuses a name the service would refuse, naming the field', async () => {
		const run = await n8n().run([web({ resource: 'session', operation: 'create', name: 'sales phone' })]);
		expect(run.nodeError('WhatsApp Web')?.message).toBe('Name: "sales phone" is not a valid session name');
		expect(service().requests).toHaveLength(0);
	});

	test('get, list (with a status filter) and delete', async () => {
		service().on('GET', '/v1/web/sessions', { json: { data: [webSession(), webSession({ name: 'support', status: 'FAILED', reason: 'LOGOUT' })] } });
		sessionSequence({});
		service().on('DELETE', '/v1/web/sessions/:name', { status: 204 });
		expect((await n8n().run([session('get')])).json('WhatsApp Web')).toEqual([webSession()]);
		expect((await n8n().run([web({ resource: 'session', operation: 'list', statuses: ['FAILED', 'STOPPED'] })])).json('WhatsApp Web').map((entry) => entry.name)).toEqual(['support']);
		expect((await n8n().run([session('delete')])).json('WhatsApp Web')).toEqual([{ name: 'sales', deleted: true }]);
		expect(service().calls('DELETE', '/v1/web/sessions/sales')).toHaveLength(1);
	});

	test('create sends the call settings: reject calls, and the trimmed message for declined callers', async () => {
		service().on('POST', '/v1/web/sessions', (request) => ({ status: 201, json: webSession({ ...(request.body as IDataObject), status: 'STARTING' }) }));
		await n8n().run([web({ resource: 'session', operation: 'create', name: 'shop', options: { rejectCalls: true, rejectCallMessage: '  Please write to us instead.  ' } })]);
		expect(service().calls('POST', '/v1/web/sessions')[0].body).toEqual({ name: 'shop', start: true, settings: { rejectCalls: true, rejectCallMessage: 'Please write to us instead.' } });
	});

	test('update merges given settings into the current ones (the service replaces them whole)', async () => {
		sessionSequence({ settings: { deviceName: 'old', takeoverOnConflict: true } });
		service().on('PATCH', '/v1/web/sessions/:name', (request) => ({ json: webSession(request.body as IDataObject) }));
		await n8n().run([session('update', { updateFields: { isDefault: true, deviceName: 'new', pairingPhoneNumber: '' } })]);
		expect(service().calls('PATCH', '/v1/web/sessions/sales')[0].body).toEqual({ isDefault: true, pairingPhoneNumber: null, settings: { deviceName: 'new', takeoverOnConflict: true } });
	});

	test.each(['start', 'stop', 'restart', 'logout'])('%s posts the action and answers the session', async (action) => {
		service().on('POST', `/v1/web/sessions/:name/${action}`, { json: webSession({ status: action === 'start' || action === 'restart' ? 'STARTING' : 'STOPPED' }) });
		const run = await n8n().run([session(action)]);
		expect(service().requests.map((request) => `${request.method} ${request.path}`)).toEqual([`POST /v1/web/sessions/sales/${action}`]);
		expect(run.json('WhatsApp Web')[0].name).toBe('sales');
	});

	test('start can wait until the session shows a QR code', async () => {
		service().on('POST', '/v1/web/sessions/:name/start', { json: webSession({ status: 'STARTING', me: null }) });
		sessionSequence({ status: 'STARTING', me: null }, { status: 'SCAN_QR', me: null, qr: { rotation: 1, maxRotations: 5 } });
		const run = await n8n().run([session('start', { waitUntil: 'ready', waitSeconds: 10 })]);
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ status: 'SCAN_QR', qr: { rotation: 1 } });
		expect(service().calls('GET', '/v1/web/sessions/sales')).toHaveLength(2);
	});

	test('a start of a FAILED session waits past the old failure, and stops at a new one', async () => {
		const failedBefore = { status: 'FAILED', reason: 'CONFLICT', statusChangedAt: '2026-11-27T09:00:00.000Z' };
		service().on('POST', '/v1/web/sessions/:name/start', { json: webSession(failedBefore) });
		sessionSequence(failedBefore, { status: 'STARTING', statusChangedAt: '2026-11-27T10:00:01.000Z' }, { status: 'WORKING', statusChangedAt: '2026-11-27T10:00:02.000Z' });
		const run = await n8n().run([session('start', { waitUntil: 'working', waitSeconds: 10 })]);
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ status: 'WORKING' });

		service().reset();
		service().on('POST', '/v1/web/sessions/:name/start', { json: webSession(failedBefore) });
		sessionSequence({ status: 'FAILED', reason: 'TOS_BLOCK', statusChangedAt: '2026-11-27T10:00:03.000Z' });
		const failed = await n8n().run([session('start', { waitUntil: 'working', waitSeconds: 10 })]);
		expect(failed.nodeError('WhatsApp Web')?.message).toBe('Session "sales" failed: TOS_BLOCK');
	});

	test('waiting for WORKING gives up after the set time, saying where the session stands', async () => {
		service().on('POST', '/v1/web/sessions/:name/start', { json: webSession({ status: 'STARTING' }) });
		sessionSequence({ status: 'SCAN_QR', qr: { rotation: 2, maxRotations: 5 } });
		const run = await n8n().run([session('start', { waitUntil: 'working', waitSeconds: 0 })]);
		expect(run.nodeError('WhatsApp Web')?.message).toBe('Session "sales" did not reach WORKING within 0 s; it is SCAN_QR');
	});

	test('the QR code comes out as a PNG binary once the session offers one', async () => {
		sessionSequence({ status: 'STARTING', me: null }, { status: 'SCAN_QR', me: null, qr: { rotation: 1, maxRotations: 5 } });
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		service().on('GET', '/v1/web/sessions/:name/qr', { body: png, headers: { 'content-type': 'image/png' } });
		const run = await n8n().run([session('getQr', { format: 'png', binaryPropertyName: 'qr', waitSeconds: 5 })]);
		expect(service().calls('GET', '/v1/web/sessions/sales/qr')[0].query).toEqual({ format: 'png' });
		const [item] = run.items('WhatsApp Web');
		expect(item.json).toEqual({ session: 'sales', status: 'SCAN_QR', format: 'png', rotation: 1, maxRotations: 5 });
		expect(item.binary?.qr).toMatchObject({ mimeType: 'image/png', fileName: 'sales-qr.png', fileExtension: 'png' });
		expect(await binaryContent(item.binary?.qr as IBinaryData)).toEqual(png);
	});

	test('the QR code as a data URL or raw text lands in the JSON', async () => {
		sessionSequence({ status: 'SCAN_QR', me: null, qr: { rotation: 3, maxRotations: 5 } });
		service().on('GET', '/v1/web/sessions/:name/qr', (request) => ({ json: { format: request.query.format, value: request.query.format === 'raw' ? '2@abc,def' : 'data:image/png;base64,iVBO', rotation: 3, maxRotations: 5 } }));
		const raw = await n8n().run([session('getQr', { format: 'raw', waitSeconds: 0 })]);
		expect(raw.json('WhatsApp Web')).toEqual([{ session: 'sales', status: 'SCAN_QR', format: 'raw', value: '2@abc,def', rotation: 3, maxRotations: 5 }]);
		expect(raw.items('WhatsApp Web')[0].binary).toBeUndefined();
	});

	test('no QR code for a linked session or a stopped one: the error says why instead of waiting', async () => {
		sessionSequence({ status: 'WORKING' });
		expect((await n8n().run([session('getQr', { waitSeconds: 30 })])).nodeError('WhatsApp Web')?.message).toBe('Session "sales" is already linked to 15550001111@c.us: there is nothing to scan');
		service().reset();
		sessionSequence({ status: 'STOPPED', desiredState: 'stopped', me: null });
		expect((await n8n().run([session('getQr', { waitSeconds: 30 })])).nodeError('WhatsApp Web')?.message).toBe('Session "sales" is stopped: start it first');
		service().reset();
		sessionSequence({ status: 'FAILED', reason: 'Max qrcode retries reached', me: null });
		expect((await n8n().run([session('getQr', { waitSeconds: 30 })])).nodeError('WhatsApp Web')?.message).toBe('Session "sales" failed: Max qrcode retries reached');
		expect(service().calls('GET', '/v1/web/sessions/sales/qr')).toHaveLength(0);
	});

	test('pairing code: the number is checked, then the code is requested once the session is on its login screen', async () => {
		sessionSequence({ status: 'SCAN_QR', me: null, qr: { rotation: 1, maxRotations: 5 } });
		service().on('POST', '/v1/web/sessions/:name/pairing-code', (request) => ({ json: { code: 'ABCD-1234', phoneNumber: String((request.body as IDataObject).phoneNumber).replace(/\D/g, '') } }));
		const run = await n8n().run([session('requestPairingCode', { phoneNumber: '+1 202 555 0108', waitSeconds: 0 })]);
		expect(service().calls('POST', '/v1/web/sessions/sales/pairing-code')[0].body).toEqual({ phoneNumber: '+1 202 555 0108' });
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', code: 'ABCD-1234', phoneNumber: '12025550108' }]);

		service().reset();
		const refused = await n8n().run([session('requestPairingCode', { phoneNumber: 'my phone', waitSeconds: 0 })]);
		expect(refused.nodeError('WhatsApp Web')?.message).toBe('Phone Number: "my phone" is not a phone number in international format');
		expect(service().requests).toHaveLength(0);
	});

	test("a missing session is the service's 404, passed on", async () => {
		service().on('GET', '/v1/web/sessions/:name', serviceError(404, 'not_found', 'Web session nope not found'));
		const run = await n8n().run([web({ resource: 'session', operation: 'get', session: sessionNamed('nope') })]);
		expect(run.nodeError('WhatsApp Web')).toMatchObject({ message: 'Web session nope not found', httpCode: '404' });
	});

	test('the session picker lists sessions with their status, searchable by name', async () => {
		service().on('GET', '/v1/web/sessions', { json: { data: [webSession({ isDefault: true }), webSession({ name: 'support', status: 'SCAN_QR', me: null })] } });
		const { WhatsAppWeb } = await import('../../../nodes/WhatsAppWeb/WhatsAppWeb.node');
		const context = n8n().loadOptionsContext(web({ resource: 'session', operation: 'get' }));
		const all = await new WhatsAppWeb().methods.listSearch.searchSessions.call(context);
		expect(all.results).toEqual([
			{ name: 'sales · WORKING · Sales · default', value: 'sales' },
			{ name: 'support · SCAN_QR', value: 'support' },
		]);
		const found = await new WhatsAppWeb().methods.listSearch.searchSessions.call(context, 'SUP');
		expect(found.results.map((result) => result.value)).toEqual(['support']);
	});

	test('update profile sends the name, About and a picture from a binary file; a GIF or no field fails naming the field', async () => {
		service().on('PATCH', '/v1/web/sessions/:name/me', (request) => ({ json: { id: '15550001111@c.us', pushName: (request.body as IDataObject).displayName ?? 'Sales', platform: 'android' } }));
		const run = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'logo.png', mimeType: 'image/png', text: 'PNGDATA' } },
			web({ resource: 'session', operation: 'updateProfile', session: sessionNamed('sales'), profileFields: { displayName: ' Acme ', about: 'Open 9-5', picture: 'binary', binaryPropertyName: 'data' } }),
		]);
		expect(service().calls('PATCH', /\/me$/)[0]).toMatchObject({ path: '/v1/web/sessions/sales/me', body: { displayName: 'Acme', about: 'Open 9-5', picture: { base64: Buffer.from('PNGDATA').toString('base64'), mimeType: 'image/png' } } });
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ session: 'sales', pushName: 'Acme' });

		const gif = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'logo.gif', mimeType: 'image/gif', text: 'GIF' } },
			web({ resource: 'session', operation: 'updateProfile', session: sessionNamed('sales'), profileFields: { picture: 'binary' } }),
		]);
		expect(gif.nodeError('WhatsApp Web')?.message).toBe('Profile Picture: a JPEG or PNG, not image/gif');
		const nothing = await n8n().run([web({ resource: 'session', operation: 'updateProfile', session: sessionNamed('sales'), profileFields: {} })]);
		expect(nothing.nodeError('WhatsApp Web')?.message).toBe('Update Fields: add at least one field to change');
		expect(service().calls('PATCH', /\/me$/)).toHaveLength(1);
	});
});
