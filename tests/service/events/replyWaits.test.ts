import { createHmac } from 'node:crypto';
import { replyWaitsComposer } from '../../../service/src/events/replyWaits/composer';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import type { StoredMessage } from '../../../service/src/messages/ledger';
import { systemScope } from '../../../service/src/auth/tenantScope';
import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, startTestService, type TenantFixture, type TestService } from '../../support/testService';
import { EVENT_COMPOSERS, Sink, waitFor } from './eventsTestKit';

const ACCOUNT = { channel: 'cloud' as const, id: '660001' };
/** A new contact per test, so waits left armed by one test never take another's messages. */
let USER = '16505550100';
let userCounter = 100;
const SECRET = 'reply-wait-secret-0123456789';

let counter = 0;
const wamid = () => `wamid.RW${Date.now().toString(36)}${(counter++).toString(36)}`;

describe.each(testDialects())('reply waits on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let sink: Sink;

	beforeAll(async () => {
		service = await startTestService(dialect, {
			composers: [...EVENT_COMPOSERS, replyWaitsComposer({ sweepIntervalMs: 100 })],
			env: { EVENT_POLL_INTERVAL_MS: '50', EVENT_RETRY_BASE_MS: '50', EVENT_RETRY_MAX_MS: '200', LOG_LEVEL: 'info' },
		});
		tenant = await createTenantFixture(service, 'Waiting Tenant');
		sink = await new Sink().start();
	});
	afterAll(async () => {
		await sink.stop();
		await service.stop();
	});
	beforeEach(() => {
		USER = `16505550${++userCounter}`;
		sink.received.length = 0;
		sink.status = 200;
	});

	const scope = () => systemScope(tenant.id, 'test');

	/** A question this tenant sent to USER, recorded as the send route records it. */
	async function ask(to: string = USER): Promise<StoredMessage> {
		const pending = await service.ctx.ledger.recordOutboundPending(scope(), { account: ACCOUNT, message: { to, type: 'text', text: { body: 'Approve?' } } });
		return service.ctx.ledger.markDispatched(scope(), pending.id, { providerMessageId: wamid(), recipient: to, status: 'accepted' });
	}

	function inbound(from: string, extra: Partial<NormalizedMessage> = {}): NormalizedMessage {
		return { id: wamid(), channel: 'cloud', direction: 'inbound', account: ACCOUNT, chatId: from, from, to: ACCOUNT.id, timestamp: new Date().toISOString(), type: 'text', text: { body: 'yes' }, ...extra };
	}

	async function receive(message: NormalizedMessage): Promise<void> {
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope: scope(), message }]);
	}

	function createWait(body: Record<string, unknown>, key = tenant.senderKey) {
		return service.app.inject({ method: 'POST', url: '/v1/reply-waits', headers: bearer(key), payload: { targetUrl: sink.url, secret: SECRET, ...body } });
	}

	test('the first answer in the conversation is delivered once, signed with the caller’s secret; later messages are not', async () => {
		const prompt = await ask();
		const created = await createWait({ messageId: prompt.id, messageTypes: ['text', 'interactive', 'button'] });
		expect(created.statusCode).toBe(201);
		expect(created.json()).toMatchObject({ messageId: prompt.id, channel: 'cloud', account: ACCOUNT.id, chatId: USER, state: 'armed', expiresAt: null });

		await receive(inbound(USER, { type: 'reaction', text: undefined, reaction: { messageId: prompt.providerId as string, emoji: '👍' } }));
		const answer = inbound(USER, { text: { body: 'Approve' } });
		await receive(answer);
		await receive(inbound(USER, { text: { body: 'and another thing' } }));
		await waitFor(() => sink.received.length >= 1, 5000, 'the answer');
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(sink.received).toHaveLength(1);
		const [delivery] = sink.received;
		expect(delivery.event).toMatchObject({ type: 'message.received', data: { id: answer.id, text: { body: 'Approve' } } });
		const timestamp = String(delivery.headers['x-timestamp']);
		expect(delivery.headers['x-signature-256']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${delivery.body}`).digest('hex')}`);
		const state = await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${created.json().id}`, headers: bearer(tenant.readerKey) });
		expect(state.json()).toMatchObject({ state: 'answered' });
	});

	test('messages from another contact, or of a type that is not an answer, leave the wait armed', async () => {
		const prompt = await ask();
		const created = (await createWait({ messageId: prompt.id, messageTypes: ['interactive'] })).json();
		await receive(inbound('16505550199'));
		await receive(inbound(USER));
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sink.received).toHaveLength(0);
		const button = inbound(USER, { type: 'interactive', text: undefined, interactive: { type: 'button_reply', id: 'x:approve', title: 'Approve' }, context: { messageId: prompt.providerId as string } });
		await receive(button);
		await waitFor(() => sink.received.length === 1, 5000, 'the tap');
		expect(sink.received[0]!.event.data).toMatchObject({ id: button.id });
		expect((await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${created.id}`, headers: bearer(tenant.readerKey) })).json().state).toBe('answered');
	});

	test('with two questions open in one chat, a tapped button answers its own question and plain text the newest', async () => {
		const first = await ask();
		const second = await ask();
		const firstSink = await new Sink().start();
		try {
			await createWait({ messageId: first.id, targetUrl: firstSink.url });
			await createWait({ messageId: second.id });
			const tap = inbound(USER, { type: 'button', text: undefined, button: { text: 'Yes', payload: 'p' }, context: { messageId: first.providerId as string } });
			await receive(tap);
			await waitFor(() => firstSink.received.length === 1, 5000, 'the first question’s answer');
			expect(sink.received).toHaveLength(0);
			const text = inbound(USER);
			await receive(text);
			await waitFor(() => sink.received.length === 1, 5000, 'the second question’s answer');
			expect(sink.received[0]!.event.data).toMatchObject({ id: text.id });
			expect(firstSink.received).toHaveLength(1);
		} finally {
			await firstSink.stop();
		}
	});

	test('an expired wait delivers reply.timeout once and takes no later answer', async () => {
		const prompt = await ask();
		const created = (await createWait({ messageId: prompt.id, expiresAt: new Date(Date.now() + 400).toISOString() })).json();
		await new Promise((resolve) => setTimeout(resolve, 450));
		await receive(inbound(USER));
		await waitFor(() => sink.received.length === 1, 5000, 'the timeout');
		expect(sink.received[0]!.event).toMatchObject({ type: 'reply.timeout', tenantId: tenant.id, data: { waitId: created.id, messageId: prompt.id, chatId: USER } });
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(sink.received).toHaveLength(1);
		expect((await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${created.id}`, headers: bearer(tenant.readerKey) })).json().state).toBe('expired');
	});

	test('a failed delivery is retried until the target answers 2xx, then the settled wait is cleaned up', async () => {
		const prompt = await ask();
		const created = (await createWait({ messageId: prompt.id })).json();
		sink.status = 503;
		await receive(inbound(USER));
		await new Promise((resolve) => setTimeout(resolve, 300));
		sink.status = 200;
		await waitFor(() => sink.received.length === 1, 5000, 'the retried delivery');
		await waitFor(async () => Number((await service.ctx.storage.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n) === 0, 5000, 'an empty outbox');
		const { ReplyWaitsRepository } = await import('../../../service/src/events/replyWaits/replyWaitsRepository');
		const repository = new ReplyWaitsRepository(service.ctx.storage.db, service.ctx.storage.dialect, service.ctx.secrets);
		expect(await repository.purgeSettled(new Date(Date.now() + 1000).toISOString())).toBeGreaterThanOrEqual(1);
		expect((await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${created.id}`, headers: bearer(tenant.readerKey) })).statusCode).toBe(404);
	});

	test('refuses questions it cannot wait on (unknown, received, another tenant’s), past expiries and read-only keys; other tenants see no wait', async () => {
		const prompt = await ask();
		expect((await createWait({ messageId: 'msg_00000000000000000000000000' })).statusCode).toBe(404);
		const received = inbound(USER);
		await receive(received);
		expect((await createWait({ messageId: received.id })).json()).toMatchObject({ error: { code: 'validation_failed', details: { fields: [{ field: 'body.messageId' }] } } });
		const other = await createTenantFixture(service, 'Other Tenant');
		expect((await createWait({ messageId: prompt.id }, other.senderKey)).statusCode).toBe(404);
		const mine = (await createWait({ messageId: prompt.id })).json();
		expect((await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${mine.id}`, headers: bearer(other.adminKey) })).statusCode).toBe(404);
		expect((await service.app.inject({ method: 'DELETE', url: `/v1/reply-waits/${mine.id}`, headers: bearer(other.adminKey) })).statusCode).toBe(404);
		expect((await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${mine.id}`, headers: bearer(tenant.readerKey) })).json().state).toBe('armed');
		expect((await createWait({ messageId: prompt.id, expiresAt: new Date(Date.now() - 1000).toISOString() })).json()).toMatchObject({ error: { details: { fields: [{ field: 'body.expiresAt' }] } } });
		expect((await createWait({ messageId: prompt.id }, tenant.readerKey)).statusCode).toBe(403);
		expect((await createWait({ messageId: prompt.id, secret: 'short' })).statusCode).toBe(400);
	});

	test('cancelling removes the wait and its subscription; nothing is delivered afterwards', async () => {
		const prompt = await ask();
		const created = (await createWait({ messageId: prompt.id })).json();
		expect((await service.app.inject({ method: 'DELETE', url: `/v1/reply-waits/${created.id}`, headers: bearer(tenant.senderKey) })).statusCode).toBe(204);
		await receive(inbound(USER));
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sink.received).toHaveLength(0);
		expect((await service.app.inject({ method: 'GET', url: `/v1/reply-waits/${created.id}`, headers: bearer(tenant.readerKey) })).statusCode).toBe(404);
	});

	test('ordinary subscriptions never receive reply.timeout, even subscribed to every event', async () => {
		const everything = await new Sink().start();
		try {
			const subscribed = await service.app.inject({ method: 'POST', url: '/v1/subscriptions', headers: bearer(tenant.senderKey), payload: { targetUrl: everything.url, events: ['*'] } });
			expect(subscribed.statusCode).toBe(201);
			const prompt = await ask();
			await createWait({ messageId: prompt.id, expiresAt: new Date(Date.now() + 200).toISOString() });
			await waitFor(() => sink.received.length === 1, 5000, 'the timeout');
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(everything.received.map((delivery) => delivery.event.type)).not.toContain('reply.timeout');
		} finally {
			await everything.stop();
		}
	});
});
