import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { signEventBody } from '../../../nodes/shared/events/signature';
import { RECENT_EVENTS_KEPT } from '../../../nodes/shared/trigger/recentEvents';
import { binaryContent, serviceError, webhookRequest, type ActiveTrigger, type RecordedRequest } from '../../support/n8n';
import { useFakeService } from '../fakeServiceSetup';

const { service, n8n } = useFakeService();

/** A subscriptions API that keeps what it was given, like the service. */
function serveSubscriptions() {
	const stored = new Map<string, IDataObject>();
	let next = 0;
	service().on('POST', '/v1/subscriptions', (request: RecordedRequest) => {
		const id = `sub_${String(++next).padStart(26, '0')}`;
		const subscription = { id, active: true, channel: null, accounts: [], messageTypes: [], statuses: [], description: null, createdAt: 'x', updatedAt: 'x', ...(request.body as IDataObject) };
		stored.set(id, subscription);
		return { status: 201, json: { ...subscription, secret: `whsec_secret_${next}` } };
	});
	service().on('GET', '/v1/subscriptions/:id', (request) => (stored.has(request.params.id) ? { json: stored.get(request.params.id) } : serviceError(404, 'not_found', 'Subscription not found')));
	service().on('PATCH', '/v1/subscriptions/:id', (request) => {
		const updated = { ...stored.get(request.params.id), ...(request.body as IDataObject) };
		stored.set(request.params.id, updated);
		return { json: updated };
	});
	service().on('DELETE', '/v1/subscriptions/:id', (request) => (stored.delete(request.params.id) ? { status: 204 } : serviceError(404, 'not_found', 'Subscription not found')));
	return stored;
}

const trigger = (parameters: IDataObject, name = 'On WhatsApp') => ({ name, type: 'whatsAppBusinessTrigger', parameters: parameters as never });

const message = (data: IDataObject = {}, id = `evt_${Math.random().toString(36).slice(2)}`) => ({
	id,
	type: 'message.received',
	tenantId: 'ten_1',
	channel: 'cloud',
	occurredAt: '2026-01-01T00:00:00.000Z',
	data: { id: 'wamid.1', channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: '111' }, chatId: '1555', from: '1555', to: '111', timestamp: 't', type: 'text', text: { body: 'hi' }, ...data },
	raw: { entry: [] },
});

async function deliver(active: ActiveTrigger, envelope: IDataObject, options: { secret?: string; timestamp?: number } = {}) {
	const body = JSON.stringify(envelope);
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	const secret = options.secret ?? (active.staticData()[`node:${active.node.name}`] as IDataObject).secret;
	const response = await fetch(active.webhookUrl, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-event-id': String(envelope.id), 'x-timestamp': timestamp, 'x-signature-256': signEventBody(String(secret), timestamp, body) } });
	return { status: response.status, body: (await response.json()) as IDataObject, delivery: active.deliveries[active.deliveries.length - 1] };
}

describe('WhatsApp Business Trigger: subscription lifecycle', () => {
	test('activation subscribes its webhook URL with the chosen filters and keeps id and secret in static data', async () => {
		const stored = serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received', 'message.status', 'template.status'], phoneNumbers: ['111'], messageTypes: ['text', 'image'], statuses: ['failed'] }));
		const [created] = service().calls('POST', '/v1/subscriptions');
		expect(created.body).toEqual({ targetUrl: active.webhookUrl, description: expect.stringContaining('n8n production'), events: ['message.received', 'message.status', 'template.status'], channel: 'cloud', accounts: ['111'], messageTypes: ['text', 'image'], statuses: ['failed'] });
		expect(active.webhookUrl).toMatch(/\/webhook\/hook-\d+\/webhook$/);
		const state = active.staticData()['node:On WhatsApp'] as IDataObject;
		expect(state).toMatchObject({ subscriptionId: [...stored.keys()][0], secret: 'whsec_secret_1', targetUrl: active.webhookUrl });
	});

	test('type and status filters are only sent when their events are chosen', async () => {
		serveSubscriptions();
		await n8n().activateTrigger(trigger({ events: ['template.status'], messageTypes: ['text'], statuses: ['read'] }));
		expect(service().calls('POST', '/v1/subscriptions')[0].body).toMatchObject({ events: ['template.status'], messageTypes: [], statuses: [] });
	});

	test('test and production listen at once, each with its own subscription and URL', async () => {
		serveSubscriptions();
		const production = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const test = await n8n().activateTrigger(trigger({ events: ['message.received'] }), { test: true });
		const targets = service().calls('POST', '/v1/subscriptions').map((request) => (request.body as IDataObject).targetUrl);
		expect(targets).toEqual([production.webhookUrl, test.webhookUrl]);
		expect(test.webhookUrl).toContain('/webhook-test/');
		expect((service().calls('POST', '/v1/subscriptions')[1].body as IDataObject).description).toContain('n8n test');
	});

	test('checkExists repairs drift: a changed URL or filter or a paused subscription is patched back; an intact one is left alone', async () => {
		const stored = serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'], phoneNumbers: ['111'] }));
		const id = [...stored.keys()][0];
		expect(await active.checkExists()).toBe(true);
		expect(service().calls('PATCH', `/v1/subscriptions/${id}`)).toHaveLength(0);
		stored.set(id, { ...stored.get(id), targetUrl: 'https://elsewhere.example/hook', accounts: ['111', '222'], statuses: ['read'], active: false });
		expect(await active.checkExists()).toBe(true);
		expect(service().calls('PATCH', `/v1/subscriptions/${id}`)[0].body).toEqual({ targetUrl: active.webhookUrl, active: true, accounts: ['111'], statuses: [] });
	});

	test('a subscription deleted behind n8n’s back is forgotten and recreated', async () => {
		const stored = serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		stored.clear();
		expect(await active.checkExists()).toBe(false);
		expect(active.staticData()['node:On WhatsApp']).not.toHaveProperty('subscriptionId');
	});

	test('deactivation deletes the subscription; one already gone is fine', async () => {
		const stored = serveSubscriptions();
		const first = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		await first.deactivate();
		expect(stored.size).toBe(0);
		const second = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		stored.clear();
		await expect(second.deactivate()).resolves.toBeUndefined();
		expect(second.staticData()['node:On WhatsApp']).toEqual({ recentEventIds: [] });
	});

	test('a service refusing the subscription fails the activation with its reason', async () => {
		service().on('POST', '/v1/subscriptions', serviceError(400, 'validation_failed', 'body.targetUrl must be an absolute http or https URL', { fields: [{ field: 'body.targetUrl', message: 'must be an absolute http or https URL' }] }));
		await expect(n8n().activateTrigger(trigger({ events: ['message.received'] }))).rejects.toMatchObject({ message: 'body.targetUrl must be an absolute http or https URL', description: expect.stringContaining('Fields: body.targetUrl') });
	});
});

describe('WhatsApp Business Trigger: deliveries', () => {
	test('a signed event starts one execution with the message, the event id, type and time', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const envelope = message({}, 'evt_a');
		const answer = await deliver(active, envelope);
		expect(answer.status).toBe(200);
		const run = answer.delivery.run;
		expect(run?.status).toBe('success');
		expect(run?.items('On WhatsApp')).toEqual([{ json: { event: 'message.received', eventId: 'evt_a', occurredAt: '2026-01-01T00:00:00.000Z', ...envelope.data }, pairedItem: { item: 0 } }]);
	});

	test('template and account events keep the event type in `event`, and Meta’s own event as `status` or `accountEvent`', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['template.status', 'account.update'] }));
		const template = { ...message({}, 'evt_tpl'), type: 'template.status', data: { field: 'message_template_status_update', wabaId: '900', templateId: '55', name: 'spring_sale', language: 'en_US', event: 'REJECTED', reason: 'INCORRECT_CATEGORY', category: 'UTILITY' } };
		expect((await deliver(active, template)).delivery.run?.json('On WhatsApp')[0]).toEqual({ event: 'template.status', eventId: 'evt_tpl', occurredAt: '2026-01-01T00:00:00.000Z', field: 'message_template_status_update', wabaId: '900', templateId: '55', name: 'spring_sale', language: 'en_US', status: 'REJECTED', reason: 'INCORRECT_CATEGORY', category: 'UTILITY' });
		const account = { ...message({}, 'evt_acc'), type: 'account.update', data: { field: 'account_update', wabaId: '900', event: 'VERIFIED_ACCOUNT', value: { event: 'VERIFIED_ACCOUNT' } } };
		expect((await deliver(active, account)).delivery.run?.json('On WhatsApp')[0]).toMatchObject({ event: 'account.update', accountEvent: 'VERIFIED_ACCOUNT', value: { event: 'VERIFIED_ACCOUNT' } });
	});

	test('wrong secret, stale timestamp or missing signature answer 401 and start nothing', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		expect(await deliver(active, message(), { secret: 'whsec_wrong' })).toMatchObject({ status: 401, body: { error: 'signature mismatch' } });
		expect(await deliver(active, message(), { timestamp: Math.floor(Date.now() / 1000) - 3600 })).toMatchObject({ status: 401, body: { error: 'X-Timestamp is too far from now' } });
		const unsigned = await fetch(active.webhookUrl, { method: 'POST', body: JSON.stringify(message()), headers: { 'content-type': 'application/json' } });
		expect(unsigned.status).toBe(401);
		expect(active.deliveries.filter((delivery) => delivery.run)).toHaveLength(0);
	});

	test('without n8n’s raw body the parsed body is serialised again and still verifies', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const envelope = message({ text: { body: 'emoji 🎉 and "quotes"' } });
		const body = JSON.stringify(envelope);
		const timestamp = String(Math.floor(Date.now() / 1000));
		const secret = String((active.staticData()['node:On WhatsApp'] as IDataObject).secret);
		const request = webhookRequest({ url: active.webhookUrl, body, headers: { 'x-timestamp': timestamp, 'x-signature-256': signEventBody(secret, timestamp, body) } });
		delete (request as { rawBody?: Buffer }).rawBody;
		const delivery = await n8n().deliverToTrigger(active, request);
		expect(delivery.run?.json('On WhatsApp')[0]).toMatchObject({ text: { body: 'emoji 🎉 and "quotes"' } });
	});

	test('a redelivered event id starts nothing the second time (answered 200 so the service stops retrying)', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const envelope = message({}, 'evt_twice');
		await deliver(active, envelope);
		expect(await deliver(active, envelope)).toMatchObject({ status: 200, body: { duplicate: true } });
		expect(active.deliveries.filter((delivery) => delivery.run)).toHaveLength(1);
	});

	test('remembered event ids are bounded, newest kept', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'] }));
		const state = active.staticData()['node:On WhatsApp'] as { recentEventIds: string[] };
		state.recentEventIds = Array.from({ length: RECENT_EVENTS_KEPT }, (_, index) => `evt_old_${index}`);
		await deliver(active, message({}, 'evt_new'));
		expect(state.recentEventIds).toHaveLength(RECENT_EVENTS_KEPT);
		expect(state.recentEventIds.at(-1)).toBe('evt_new');
		expect(state.recentEventIds).not.toContain('evt_old_0');
	});

	test('events the parameters exclude (type, number, message type, status) start nothing, whatever the service sent', async () => {
		serveSubscriptions();
		const active = await n8n().activateTrigger(trigger({ events: ['message.received', 'message.status'], phoneNumbers: ['111'], messageTypes: ['text'], statuses: ['failed'] }));
		const excluded = [
			{ ...message(), type: 'template.status' },
			message({ account: { channel: 'cloud', id: '222' } }),
			message({ type: 'image', media: { id: 'm' } }),
			{ ...message(), type: 'message.status', data: { messageId: 'wamid.1', channel: 'cloud', account: { channel: 'cloud', id: '111' }, recipient: '1555', status: 'read', timestamp: 't' } },
			{ ...message(), channel: 'web' },
		];
		for (const envelope of excluded) expect(await deliver(active, envelope)).toMatchObject({ status: 200, body: { filtered: true } });
		const failed = { ...message(), type: 'message.status', data: { messageId: 'wamid.1', channel: 'cloud', account: { channel: 'cloud', id: '111' }, recipient: '1555', status: 'failed', timestamp: 't', errors: [{ code: 131026 }] } };
		expect((await deliver(active, failed)).delivery.run?.json('On WhatsApp')[0]).toMatchObject({ event: 'message.status', status: 'failed', errors: [{ code: 131026 }] });
	});

	test('received media is downloaded into binary data when asked; a failed download still emits the message', async () => {
		serveSubscriptions();
		service().on('GET', '/v1/media/:id/content', (request) => (request.params.id === 'm-ok' ? { body: Buffer.from('JPEGDATA'), headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="m-ok.jpeg"' } } : serviceError(404, 'not_found', 'Media expired', { providerCode: 100 })));
		const active = await n8n().activateTrigger(trigger({ events: ['message.received'], options: { downloadMedia: true, binaryPropertyName: 'photo', includeRaw: true } }));
		const ok = await deliver(active, message({ type: 'image', text: undefined, media: { id: 'm-ok', mimeType: 'image/jpeg' } }));
		const [item] = ok.delivery.run?.items('On WhatsApp') ?? [];
		expect(service().calls('GET', '/v1/media/m-ok/content')[0].query).toEqual({ from: '111' });
		expect(item.binary?.photo).toMatchObject({ mimeType: 'image/jpeg', fileName: 'm-ok.jpeg' });
		expect((await binaryContent(item.binary?.photo as IBinaryData)).toString()).toBe('JPEGDATA');
		expect(item.json.raw).toEqual({ entry: [] });
		const gone = await deliver(active, message({ type: 'image', media: { id: 'm-gone' } }));
		expect(gone.delivery.run?.json('On WhatsApp')[0]).toMatchObject({ media: { id: 'm-gone' }, mediaDownloadError: 'Media expired' });
	});
});
