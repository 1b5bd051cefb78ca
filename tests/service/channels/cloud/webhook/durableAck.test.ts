import fs from 'node:fs';
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import * as moduleThread from '../../../../../service/src/shared/moduleThread';
import type { TestService } from '../../../../support/testService';
import { inboundText, newWamid, postWebhook, subscribedTenantService, waitFor, type Sink } from '../../../events/eventsTestKit';

const APP = '700300';
const SECRET = 'durable-ack-secret';

/**
 * SQLite commits are fsynced off the main thread (WalFlusher): the webhook's 200 and its delivery must still wait for
 * it. The intake runs in this thread here (INGEST_THREAD=false), where the spy sees its fsyncs; the next describe
 * holds them on the intake's own thread.
 */
describe('a webhook on SQLite is acknowledged and delivered only once its commit is on disk', () => {
	let service: TestService;
	let sink: Sink;
	const held: Array<() => void> = [];
	let holding = false;
	let spy: jest.SpyInstance;
	beforeAll(async () => {
		const real = fs.fdatasync;
		spy = jest.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
			if (holding && fs.readlinkSync(`/proc/self/fd/${fd}`).endsWith('-wal')) held.push(() => real(fd, callback));
			else real(fd, callback);
		}) as typeof fs.fdatasync);
		({ service, sink } = await subscribedTenantService('sqlite', { env: { INGEST_THREAD: 'false' }, tenantName: 'Durable', app: APP, secret: SECRET, number: '9300001', waba: '8300001', events: ['*'] }));
	});
	afterAll(async () => {
		holding = false;
		held.splice(0).forEach((release) => release());
		spy.mockRestore();
		await service.stop();
		await sink.stop();
	});

	test('no 200 and no delivery while the WAL fsync is pending; both once it completes', async () => {
		holding = true;
		const wamid = newWamid();
		let answered = false;
		const response = postWebhook(service, APP, inboundText('9300001', '8300001', '15553000001', wamid, 'durable'), SECRET).then((r) => ((answered = true), r));
		await waitFor(() => held.length > 0, 5000, 'the WAL fsync');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(answered).toBe(false);
		expect(sink.received.some((d) => d.event.data.id === wamid)).toBe(false);
		holding = false;
		held.splice(0).forEach((release) => release());
		expect((await response).statusCode).toBe(200);
		await waitFor(() => sink.received.some((d) => d.event.data.id === wamid), 10_000, 'the delivery');
	});
});

/**
 * The same with the intake on its own thread (the default): the thread's fsyncs of the WAL are held by a module
 * preloaded into it (tests/support/walSyncHold.cjs), from its start until the test releases them.
 */
describe('a webhook on SQLite committed by the intake thread is acknowledged and delivered only once its commit is on disk', () => {
	let service: TestService;
	let sink: Sink;
	let spy: jest.SpyInstance;
	const channel = new BroadcastChannel('wal-sync-hold');
	let held = 0;
	channel.onmessage = (message) => {
		if ((message as { data: unknown }).data === 'held') held++;
	};
	beforeAll(async () => {
		const start = moduleThread.startModuleThread;
		const holder = path.resolve(__dirname, '../../../../support/walSyncHold.cjs');
		spy = jest.spyOn(moduleThread, 'startModuleThread').mockImplementation((file, data, options) => (file.includes('intakeThread') ? start(file, data, { ...options, execArgv: [...process.execArgv, '--require', holder] }) : start(file, data, options)));
		({ service, sink } = await subscribedTenantService('sqlite', { tenantName: 'Durable thread', app: APP, secret: SECRET, number: '9300002', waba: '8300002', events: ['*'] }));
	});
	afterAll(async () => {
		channel.postMessage('release');
		channel.close();
		spy.mockRestore();
		await service.stop();
		await sink.stop();
	});

	test('no 200 and no delivery while the thread’s WAL fsync is pending; both once it completes', async () => {
		const wamid = newWamid();
		let answered = false;
		// The thread started with the service, the holder preloaded into it.
		const response = postWebhook(service, APP, inboundText('9300002', '8300002', '15553000002', wamid, 'durable on the thread'), SECRET).then((r) => ((answered = true), r));
		await waitFor(() => held > 0, 10_000, "the intake thread's WAL fsync");
		expect(spy).toHaveBeenCalledWith(expect.stringContaining('intakeThread'), expect.anything());
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(answered).toBe(false);
		expect(sink.received.some((d) => d.event.data.id === wamid)).toBe(false);
		channel.postMessage('release');
		expect((await response).statusCode).toBe(200);
		await waitFor(() => sink.received.some((d) => d.event.data.id === wamid), 10_000, 'the delivery');
	});
});
