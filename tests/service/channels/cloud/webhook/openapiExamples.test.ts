import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { testDialects } from '../../../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../../../support/testService';
import { messagesChange, postWebhook, registerApp, registerNumber, Sink, startEventsService, subscribe, waitFor, webhook, type Delivery } from '../../../events/eventsTestKit';

const SPEC = path.join(__dirname, '../../../../fixtures/meta-openapi/business-messaging-api_v23.0.yaml');

interface Example {
	name: string;
	body: { entry: Array<{ id: string; changes: Array<{ field: string; value: Record<string, unknown> }> }> };
}

/** Every inbound webhook example Meta ships in its OpenAPI spec (read from the file, not copied). */
function specExamples(): Example[] {
	const spec = parse(fs.readFileSync(SPEC, 'utf8'));
	const examples = spec.paths['/whatsapp/webhooks'].post.requestBody.content['application/json'].examples as Record<string, { value: Example['body'] }>;
	return Object.entries(examples).map(([name, example]) => ({ name, body: example.value }));
}

const EXAMPLES = specExamples();
// All of Meta's examples use this number and these WABAs.
const PHONE_NUMBER_ID = '106540352242922';

/** What each example must become, keyed by the example's message type or change field. */
function expectNormalized(example: Example, deliveries: Delivery[]): void {
	const change = example.body.entry[0]?.changes[0] as { field: string; value: Record<string, unknown> };
	const sent = (change.value.messages as Array<Record<string, unknown>> | undefined)?.[0];
	if (sent) {
		const delivery = deliveries.find((d) => d.event.type === 'message.received' && d.event.data.id === sent.id && (d.event.raw as { message: unknown }).message !== undefined && JSON.stringify((d.event.raw as { message: unknown }).message) === JSON.stringify(sent));
		expect(delivery).toBeDefined();
		const data = delivery?.event.data as Record<string, any>;
		expect(data).toMatchObject({ channel: 'cloud', direction: 'inbound', from: sent.from, chatId: sent.from, account: { id: PHONE_NUMBER_ID, address: '15550783881' } });
		expect(data.timestamp).toBe(new Date(Number(sent.timestamp) * 1000).toISOString());
		const type = sent.type as string;
		expect(data.type).toBe(type);
		const body = sent[type] as Record<string, any>;
		switch (type) {
			case 'text':
				expect(data.text).toEqual({ body: body.body });
				break;
			case 'image':
				expect(data.media).toEqual({ id: body.id, mimeType: body.mime_type, sha256: body.sha256, caption: body.caption });
				break;
			case 'location':
				expect(data.location).toEqual({ latitude: body.latitude, longitude: body.longitude, name: body.name, address: body.address, url: body.url });
				break;
			case 'contacts':
				expect(data.contacts).toEqual(sent.contacts);
				break;
			case 'reaction':
				expect(data.reaction).toEqual({ messageId: body.message_id, emoji: body.emoji });
				break;
			case 'button':
				expect(data.button).toEqual({ text: body.text, payload: body.payload });
				break;
			case 'interactive': {
				const reply = body[body.type];
				expect(data.interactive).toEqual({ type: body.type, id: reply.id, title: reply.title, ...(reply.description ? { description: reply.description } : {}) });
				break;
			}
			case 'order':
				expect(data.order).toEqual({ catalogId: body.catalog_id, text: body.text, items: body.product_items.map((i: any) => ({ productRetailerId: i.product_retailer_id, quantity: i.quantity, itemPrice: i.item_price, currency: i.currency })) });
				break;
			case 'system':
				expect(data.system).toEqual({ type: body.type, body: body.body, waId: body.wa_id, newWaId: body.wa_id });
				break;
			case 'unsupported':
				expect(data.errors).toEqual([{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', details: 'Message type is currently not supported.' }]);
				break;
			default:
				throw new Error(`the spec has an example of type ${type} this test does not know`);
		}
		const context = sent.context as Record<string, any> | undefined;
		if (context) expect(data.context).toMatchObject({ messageId: context.id, from: context.from });
		if (context?.referred_product) expect(data.context.referredProduct).toEqual({ catalogId: context.referred_product.catalog_id, productRetailerId: context.referred_product.product_retailer_id });
		if (sent.referral) expect(data.referral).toEqual(sent.referral);
		const profile = (change.value.contacts as Array<{ profile: { name: string } }> | undefined)?.[0];
		if (profile) expect(data.contact?.name).toBe(profile.profile.name);
		return;
	}
	const groups = change.value.groups as Array<Record<string, any>>;
	expect(groups?.length).toBeGreaterThan(0);
	for (const group of groups) {
		const delivery = deliveries.find((d) => d.event.type === 'group.update' && d.event.data.field === change.field && d.event.data.requestId === group.request_id && d.event.data.type === group.type);
		expect(delivery?.event.data).toMatchObject({ groupId: group.group_id, account: { id: PHONE_NUMBER_ID } });
		if (group.added_participants) expect((delivery?.event.data.addedParticipants as unknown[]).length).toBe(group.added_participants.length);
		if (group.removed_participants) expect((delivery?.event.data.removedParticipants as unknown[]).length).toBe(group.removed_participants.length);
	}
}

describe.each(testDialects())("Meta's OpenAPI webhook examples on %s", (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let sink: Sink;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		tenant = await createTenantFixture(service, 'Examples');
		await registerApp(service, tenant, '720001', 'examples-app-secret');
		await registerNumber(service, tenant, '720001', PHONE_NUMBER_ID, '419561257915477');
		sink = await new Sink().start();
		await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['*'] });
	});
	afterAll(async () => {
		await service.stop();
		await sink.stop();
	});

	test('the spec has the examples this test expects to cover', () => {
		expect(EXAMPLES.length).toBeGreaterThanOrEqual(15);
		const types = new Set(EXAMPLES.flatMap((e) => e.body.entry.flatMap((entry) => entry.changes.flatMap((c) => ((c.value.messages as Array<{ type: string }>) ?? []).map((m) => m.type)))));
		expect([...types].sort()).toEqual(['button', 'contacts', 'image', 'interactive', 'location', 'order', 'reaction', 'system', 'text', 'unsupported']);
	});

	test.each(EXAMPLES.map((example) => [example.name, example] as const))('%s is accepted, stored and delivered normalized', async (_name, example) => {
		const response = await postWebhook(service, '720001', example.body, 'examples-app-secret');
		expect(response.statusCode).toBe(200);
		const result = response.json();
		expect(result.unrouted).toBe(0);
		// Several examples reuse one wamid: the first use is stored, later ones are duplicates of it.
		expect(result.accepted + result.duplicates).toBeGreaterThan(0);
		if (result.accepted > 0) {
			await waitFor(() => sink.received.length > 0 && (() => { try { expectNormalized(example, sink.received); return true; } catch { return false; } })(), 5_000, example.name);
			expectNormalized(example, sink.received);
		}
	});

	test('examples whose wamid repeats an earlier one are duplicates, as dedupe by wamid demands', async () => {
		const ids = EXAMPLES.flatMap((e) => e.body.entry.flatMap((entry) => entry.changes.flatMap((c) => ((c.value.messages as Array<{ id: string }>) ?? []).map((m) => m.id))));
		const stored = await service.ctx.storage.db.selectFrom('messages').select('provider_id').where('tenant_id', '=', tenant.id).execute();
		expect(new Set(stored.map((r) => r.provider_id))).toEqual(new Set(ids));
	});

	test('statuses of every kind (sent with pricing, delivered, read, played, failed with errors) and BSUID fields are normalized', async () => {
		const base = { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID };
		const statuses = [
			{ id: 'wamid.S1', status: 'sent', timestamp: '1750030073', recipient_id: '16505551234', biz_opaque_callback_data: 'order-7', conversation: { id: 'c1', expiration_timestamp: '1750116480', origin: { type: 'marketing' } }, pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' } },
			{ id: 'wamid.S1', status: 'delivered', timestamp: '1750030074', recipient_id: '16505551234' },
			{ id: 'wamid.S1', status: 'read', timestamp: '1750030075', recipient_id: '16505551234' },
			{ id: 'wamid.S2', status: 'played', timestamp: '1750030076', recipient_id: '16505551234' },
			{ id: 'wamid.S3', status: 'failed', timestamp: '1750030077', recipient_id: '16505551234', errors: [{ code: 131049, title: 'Healthy ecosystem', message: 'Not delivered', error_data: { details: 'marketing limit' }, href: '/x' }] },
			{ id: 'wamid.S4', status: 'sent', timestamp: '1750030078', recipient_user_id: 'US.13491208655302741918', recipient_parent_user_id: 'US.ENT.1' },
		];
		const response = await postWebhook(service, '720001', webhook('419561257915477', { field: 'messages', value: { messaging_product: 'whatsapp', metadata: base, statuses } }), 'examples-app-secret');
		expect(response.json()).toEqual({ accepted: 6, duplicates: 0, unrouted: 0 });
		await waitFor(() => sink.ofType('message.status').length >= 6, 5_000, 'six statuses');
		const data = (id: string, status: string) => sink.ofType('message.status').find((d) => d.event.data.messageId === id && d.event.data.status === status)?.event.data;
		expect(data('wamid.S1', 'sent')).toMatchObject({ recipient: '16505551234', bizOpaqueCallbackData: 'order-7', conversation: { id: 'c1', expiresAt: '2025-06-16T23:28:00.000Z', originType: 'marketing' }, pricing: { billable: true, pricingModel: 'PMP', type: 'regular', category: 'marketing' }, timestamp: '2025-06-15T23:27:53.000Z' });
		expect(data('wamid.S1', 'read')).toMatchObject({ account: { id: PHONE_NUMBER_ID } });
		expect(data('wamid.S2', 'played')).toBeDefined();
		expect(data('wamid.S3', 'failed')?.errors).toEqual([{ code: 131049, title: 'Healthy ecosystem', message: 'Not delivered', details: 'marketing limit' }]);
		expect(data('wamid.S4', 'sent')?.recipient).toBe('US.13491208655302741918');
	});

	test('BSUID-only senders (user_id, username, from_user_id, no wa_id) are tolerated', async () => {
		const change = messagesChange(PHONE_NUMBER_ID, {
			contacts: [{ profile: { name: 'Private', username: 'priv' }, user_id: 'US.1349', parent_user_id: 'US.ENT.9' }],
			messages: [{ from_user_id: 'US.1349', id: 'wamid.BSUID1', timestamp: '1760000000', type: 'text', text: { body: 'hi' } }],
		});
		expect((await postWebhook(service, '720001', webhook('419561257915477', change), 'examples-app-secret')).json().accepted).toBe(1);
		await waitFor(() => sink.received.some((d) => d.event.data.id === 'wamid.BSUID1'), 5_000, 'bsuid message');
		expect(sink.received.find((d) => d.event.data.id === 'wamid.BSUID1')?.event.data).toMatchObject({ from: 'US.1349', contact: { name: 'Private', userId: 'US.1349', username: 'priv' } });
	});

	test('account updates, value-level errors and interactive flow replies become events', async () => {
		const account = { object: 'whatsapp_business_account', entry: [{ id: '419561257915477', time: 1760000000, changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT', phone_number: '15550783881' } }] }] };
		const errors = webhook('419561257915477', messagesChange(PHONE_NUMBER_ID, { errors: [{ code: 131000, title: 'Something went wrong', message: 'x', error_data: { details: 'y' } }] }));
		const flow = webhook('419561257915477', messagesChange(PHONE_NUMBER_ID, { contacts: [{ profile: { name: 'F' }, wa_id: '1' }], messages: [{ from: '1', id: 'wamid.NFM1', timestamp: '1760000001', type: 'interactive', context: { from: '15550783881', id: 'wamid.Q' }, interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t-1","answer":42}' } } }] }));
		for (const body of [account, errors, flow]) expect((await postWebhook(service, '720001', body, 'examples-app-secret')).json().accepted).toBe(1);
		await waitFor(() => sink.ofType('account.update').length === 1 && sink.ofType('webhook.error').length === 1 && sink.received.some((d) => d.event.data.id === 'wamid.NFM1'), 5_000, 'three events');
		expect(sink.ofType('account.update')[0]?.event.data).toMatchObject({ field: 'account_update', wabaId: '419561257915477', event: 'VERIFIED_ACCOUNT' });
		expect(sink.ofType('webhook.error')[0]?.event.data).toMatchObject({ errors: [{ code: 131000, details: 'y' }] });
		expect(sink.received.find((d) => d.event.data.id === 'wamid.NFM1')?.event.data.interactive).toEqual({ type: 'nfm_reply', name: 'flow', body: 'Sent', responseJson: { flow_token: 't-1', answer: 42 } });
	});

	test('history keeps the raw message beside the normalized form', async () => {
		const found = await service.app.inject({ method: 'GET', url: `/v1/messages/${encodeURIComponent('wamid.NFM1')}`, headers: bearer(tenant.readerKey) });
		expect(found.statusCode).toBe(200);
		expect(found.json()).toMatchObject({ providerId: 'wamid.NFM1', direction: 'inbound', type: 'interactive', status: 'received', body: { interactive: { type: 'nfm_reply' } }, raw: { message: { interactive: { nfm_reply: { response_json: '{"flow_token":"t-1","answer":42}' } } } } });
	});
});
