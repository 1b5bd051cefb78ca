import { CAREFUL_BATCHES_AFTER_A_RETRY } from '../../../../../service/src/channels/cloud/webhook/intake';
import { InboundWriter } from '../../../../../service/src/messages/inboundWriter';
import { testDialects } from '../../../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../../../support/testService';
import { countRows, inboundText, messagesChange, newWamid, postWebhook, registerApp, registerNumber, Sink, startEventsService, statusWebhook, subscribe, textMessage, waitFor, webhook } from '../../../events/eventsTestKit';

const APP = '700100';
const SECRET_A = 'shared-app-secret-aaaa';

describe.each(testDialects())('Meta webhook intake on %s', (dialect) => {
	let service: TestService;
	let a: TenantFixture;
	let b: TenantFixture;
	let sinkA: Sink;
	let sinkB: Sink;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		a = await createTenantFixture(service, 'Tenant A');
		b = await createTenantFixture(service, 'Tenant B');
		// One Meta app shared by two tenants, each with its own number.
		await registerApp(service, a, APP, SECRET_A);
		await registerApp(service, b, APP, SECRET_A);
		await registerNumber(service, a, APP, '9000001', '8000001');
		await registerNumber(service, b, APP, '9000002', '8000002');
		sinkA = await new Sink().start();
		sinkB = await new Sink().start();
		await subscribe(service, a.senderKey, { targetUrl: sinkA.url, events: ['*'] });
		await subscribe(service, b.senderKey, { targetUrl: sinkB.url, events: ['*'] });
	});
	afterAll(async () => {
		await service.stop();
		await sinkA.stop();
		await sinkB.stop();
	});

	test('the handshake echoes hub.challenge only for the right verify token', async () => {
		const ok = await service.app.inject({ method: 'GET', url: `/webhooks/meta/${APP}?hub.mode=subscribe&hub.verify_token=verify-${APP}-token&hub.challenge=1158201444` });
		expect(ok.statusCode).toBe(200);
		expect(ok.body).toBe('1158201444');
		expect(ok.headers['content-type']).toMatch(/^text\/plain/);
		const wrong = await service.app.inject({ method: 'GET', url: `/webhooks/meta/${APP}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1` });
		expect(wrong.statusCode).toBe(403);
		const mode = await service.app.inject({ method: 'GET', url: `/webhooks/meta/${APP}?hub.mode=unsubscribe&hub.verify_token=verify-${APP}-token&hub.challenge=1` });
		expect(mode.statusCode).toBe(403);
		expect((await service.app.inject({ method: 'GET', url: '/webhooks/meta/123456?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' })).statusCode).toBe(404);
	});

	test('each change goes to the tenant owning its number, even when both share one Meta app', async () => {
		const toA = newWamid();
		const toB = newWamid();
		const body = webhook('8000001', messagesChange('9000001', { contacts: [{ profile: { name: 'Ann' }, wa_id: '15551230001' }], messages: [textMessage('15551230001', toA, 'hello A')] }), messagesChange('9000002', { contacts: [{ profile: { name: 'Bob' }, wa_id: '15551230002' }], messages: [textMessage('15551230002', toB, 'hello B')] }));
		const response = await postWebhook(service, APP, body, SECRET_A);
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ accepted: 2, duplicates: 0, unrouted: 0 });
		await waitFor(() => sinkA.received.some((d) => d.event.data.id === toA) && sinkB.received.some((d) => d.event.data.id === toB), 10_000, 'both deliveries');
		expect(sinkA.received.some((d) => d.event.data.id === toB)).toBe(false);
		expect(sinkB.received.some((d) => d.event.data.id === toA)).toBe(false);
		const fromA = sinkA.received.find((d) => d.event.data.id === toA);
		expect(fromA?.event).toMatchObject({ type: 'message.received', tenantId: a.id, channel: 'cloud', data: { type: 'text', text: { body: 'hello A' }, from: '15551230001', chatId: '15551230001', account: { id: '9000001' }, contact: { name: 'Ann' } } });
		expect((fromA?.event.raw as { message: { id: string } }).message.id).toBe(toA);
		// Tenant A sees its message in history; tenant B cannot read it.
		expect((await service.app.inject({ method: 'GET', url: `/v1/messages/${encodeURIComponent(toA)}`, headers: bearer(a.readerKey) })).statusCode).toBe(200);
		expect((await service.app.inject({ method: 'GET', url: `/v1/messages/${encodeURIComponent(toA)}`, headers: bearer(b.readerKey) })).statusCode).toBe(404);
	});

	test('a retried webhook answers 200 and emits nothing new; a status is stored once per (id, status)', async () => {
		const id = newWamid();
		const body = inboundText('9000001', '8000001', '15551230003', id, 'once');
		expect((await postWebhook(service, APP, body, SECRET_A)).json()).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
		const again = await postWebhook(service, APP, body, SECRET_A);
		expect(again.statusCode).toBe(200);
		expect(again.json()).toEqual({ accepted: 0, duplicates: 1, unrouted: 0 });
		const status = statusWebhook('9000001', '8000001', 'wamid.OUTBOUND-1', 'delivered', '15551230003');
		expect((await postWebhook(service, APP, status, SECRET_A)).json()).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
		expect((await postWebhook(service, APP, status, SECRET_A)).json()).toEqual({ accepted: 0, duplicates: 1, unrouted: 0 });
		await waitFor(() => sinkA.received.some((d) => d.event.type === 'message.status' && d.event.data.messageId === 'wamid.OUTBOUND-1'), 10_000, 'status delivery');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(sinkA.received.filter((d) => d.event.data.id === id)).toHaveLength(1);
		expect(sinkA.received.filter((d) => d.event.data.messageId === 'wamid.OUTBOUND-1')).toHaveLength(1);
	});

	test('a retried message in one batch with new ones: the new ones are stored and emitted once, the retried one not again', async () => {
		// On MySQL the batch is first written without waiting for the messages' insert (see InboundMessages), then
		// rolled back and run again once the insert reports the stored one: nothing of the first run may stay.
		const from = '15551230009';
		const old = newWamid();
		expect((await postWebhook(service, APP, inboundText('9000001', '8000001', from, old, 'first'), SECRET_A)).json()).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
		const fresh = [newWamid(), newWamid()];
		const body = webhook('8000001', messagesChange('9000001', { contacts: [{ profile: { name: 'Cy' }, wa_id: from }], messages: [textMessage(from, fresh[0] as string, 'one'), textMessage(from, old, 'first'), textMessage(from, fresh[1] as string, 'two')] }));
		const response = await postWebhook(service, APP, body, SECRET_A);
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ accepted: 2, duplicates: 1, unrouted: 0 });
		const db = service.ctx.storage.db;
		const stored = async (wamid: string) => ({
			messages: (await db.selectFrom('messages').select('id').where('provider_id', '=', wamid).execute()).length,
			events: (await db.selectFrom('events').select('id').where('body', 'like', `%${wamid}%`).execute()).length,
		});
		for (const wamid of [old, ...fresh]) expect(await stored(wamid)).toEqual({ messages: 1, events: 1 });
		await waitFor(() => fresh.every((wamid) => sinkA.received.some((d) => d.event.data.id === wamid)), 10_000, 'the new messages delivered');
		await new Promise((resolve) => setTimeout(resolve, 200));
		for (const wamid of [old, ...fresh]) expect(sinkA.received.filter((d) => d.event.data.id === wamid)).toHaveLength(1);
	});

	// The spy watches this thread: the intake runs here for this test (INGEST_THREAD=false).
	test('retried webhooks in a row: after the first, batches go the careful way at once, for a while (MySQL)', async () => {
		const here = await startEventsService(dialect, { INGEST_THREAD: 'false' });
		const tenant = await createTenantFixture(here, 'In this thread');
		await registerApp(here, tenant, APP, SECRET_A);
		await registerNumber(here, tenant, APP, '9000001', '8000001');
		const from = '15551230010';
		const post = async (id: string) => (await postWebhook(here, APP, inboundText('9000001', '8000001', from, id, 'again'), SECRET_A)).json();
		// Fresh messages first, enough to end any careful stretch an earlier test began.
		const stored = Array.from({ length: CAREFUL_BATCHES_AFTER_A_RETRY + 2 }, () => newWamid());
		for (const id of stored) expect(await post(id)).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
		const write = jest.spyOn(InboundWriter.prototype, 'write');
		try {
			for (const id of stored.slice(0, 2)) expect(await post(id)).toEqual({ accepted: 0, duplicates: 1, unrouted: 0 });
			// Ahead, rolled back on the duplicate and run again; the next retry goes the careful way at once.
			expect(write.mock.calls.map((call) => call[2]?.ahead === true)).toEqual(dialect === 'mysql' ? [true, false, false] : [false, false]);
			write.mockClear();
			for (let n = 0; n < CAREFUL_BATCHES_AFTER_A_RETRY; n++) expect(await post(newWamid())).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
			const aheads = write.mock.calls.map((call) => call[2]?.ahead === true);
			// The stretch counts batches from the duplicate: the retry took one, so the last of these goes ahead again.
			expect(aheads.filter(Boolean)).toEqual(dialect === 'mysql' ? [true] : []);
			expect(aheads[aheads.length - 1]).toBe(dialect === 'mysql');
		} finally {
			write.mockRestore();
			await here.stop();
		}
	});

	test('unknown numbers are kept as unrouted (still 200) and can be replayed once the number is registered', async () => {
		const platform = bearer(await service.platformKey());
		const id = newWamid();
		const response = await postWebhook(service, APP, inboundText('9000009', '8000001', '15551230009', id, 'who owns me?'), SECRET_A);
		expect(response.statusCode).toBe(200);
		expect(response.json()).toEqual({ accepted: 0, duplicates: 0, unrouted: 1 });
		const listed = (await service.app.inject({ method: 'GET', url: '/v1/platform/unrouted-webhooks?pending=true&phoneNumberId=9000009', headers: platform })).json().data;
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({ appId: APP, phoneNumberId: '9000009', field: 'messages', replayedAt: null });
		expect(listed[0].reason).toMatch(/no tenant registered phone number 9000009/);
		expect((await service.app.inject({ method: 'GET', url: '/v1/platform/unrouted-webhooks', headers: bearer(a.adminKey) })).statusCode).toBe(403);

		const early = await service.app.inject({ method: 'POST', url: `/v1/platform/unrouted-webhooks/${listed[0].id}/replay`, headers: platform });
		expect(early.statusCode).toBe(409);
		await registerNumber(service, a, APP, '9000009', '8000001');
		const replay = await service.app.inject({ method: 'POST', url: `/v1/platform/unrouted-webhooks/${listed[0].id}/replay`, headers: platform });
		expect(replay.statusCode).toBe(200);
		expect(replay.json()).toEqual({ accepted: 1, duplicates: 0, tenants: [a.id] });
		await waitFor(() => sinkA.received.some((d) => d.event.data.id === id), 10_000, 'replayed delivery');
		const after = (await service.app.inject({ method: 'GET', url: '/v1/platform/unrouted-webhooks?phoneNumberId=9000009', headers: platform })).json().data;
		expect(after[0].replayedAt).not.toBeNull();
	});

	test('a batch of several entries and changes is walked completely', async () => {
		const ids = Array.from({ length: 6 }, () => newWamid());
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				{ id: '8000001', changes: [messagesChange('9000001', { contacts: [{ profile: { name: 'C' }, wa_id: '15551239001' }], messages: [textMessage('15551239001', ids[0] as string, 'one'), textMessage('15551239001', ids[1] as string, 'two')] }), messagesChange('9000001', { statuses: [{ id: 'wamid.BATCH-S', status: 'sent', timestamp: '1750000000', recipient_id: '15551239001' }] })] },
				{ id: '8000002', changes: [messagesChange('9000002', { contacts: [{ profile: { name: 'D' }, wa_id: '15551239002' }], messages: [textMessage('15551239002', ids[2] as string, 'three'), textMessage('15551239002', ids[3] as string, 'four')] })] },
				{ id: '8000001', changes: [messagesChange('9000001', { contacts: [{ profile: { name: 'E' }, wa_id: '15551239003' }], messages: [textMessage('15551239003', ids[4] as string, 'five'), textMessage('15551239003', ids[5] as string, 'six')] })] },
			],
		};
		const response = await postWebhook(service, APP, body, SECRET_A);
		expect(response.json()).toEqual({ accepted: 7, duplicates: 0, unrouted: 0 });
		await waitFor(() => ids.every((id) => [...sinkA.received, ...sinkB.received].some((d) => d.event.data.id === id)), 10_000, 'all six messages');
		// Within a conversation, events arrive in the order Meta listed them.
		const order = sinkA.received.filter((d) => d.event.data.from === '15551239001').map((d) => d.event.data.id);
		expect(order).toEqual([ids[0], ids[1]]);
	});

	test('template status updates are routed by WABA and deduplicated', async () => {
		const template = { object: 'whatsapp_business_account', entry: [{ id: '8000002', time: 1751247548, changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 1689556908129835, message_template_name: 'abandoned_cart', message_template_language: 'en', reason: 'NONE', message_template_category: 'MARKETING' } }] }] };
		expect((await postWebhook(service, APP, template, SECRET_A)).json()).toEqual({ accepted: 1, duplicates: 0, unrouted: 0 });
		expect((await postWebhook(service, APP, template, SECRET_A)).json()).toEqual({ accepted: 0, duplicates: 1, unrouted: 0 });
		await waitFor(() => sinkB.ofType('template.status').length === 1, 10_000, 'template event');
		expect(sinkB.ofType('template.status')[0]?.event.data).toMatchObject({ wabaId: '8000002', templateId: '1689556908129835', name: 'abandoned_cart', event: 'APPROVED', category: 'MARKETING' });
		expect(sinkA.ofType('template.status')).toHaveLength(0);
	});

	test('a body that is not JSON answers 400 and stores nothing; an unknown app 404', async () => {
		const before = await countRows(service, 'messages');
		expect((await postWebhook(service, APP, '{"object": "whatsapp_business_account", "entry": [', SECRET_A)).statusCode).toBe(400);
		expect((await postWebhook(service, APP, '{"object":"x"}', SECRET_A)).statusCode).toBe(400);
		expect((await postWebhook(service, '424242', inboundText('9000001', '8000001', '1', newWamid(), 'x'), SECRET_A)).statusCode).toBe(404);
		expect(await countRows(service, 'messages')).toBe(before);
	});

	test('bodies over 3 MB answer 413', async () => {
		const huge = JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(3 * 1024 * 1024) });
		const response = await postWebhook(service, APP, huge, SECRET_A);
		expect(response.statusCode).toBe(413);
	});
});
