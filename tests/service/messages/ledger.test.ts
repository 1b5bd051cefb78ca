import { systemScope, type TenantScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedStatus } from '../../../service/src/channels/messages';
import { SqlMessageLedger } from '../../../service/src/messages/sqlMessageLedger';
import { AppError } from '../../../service/src/shared/errors';
import { testDialects } from '../../support/databases';
import { createTenantFixture, type TestService } from '../../support/testService';
import type { HistoryAmendment, InboundItem } from '../../../service/src/messages/ledger';
import { InboundWriter } from '../../../service/src/messages/inboundWriter';
import { OutboundWriter, type OutboundOp } from '../../../service/src/messages/outboundWriter';
import type { Executor } from '../../../service/src/storage/database';
import { EventOutbox } from '../../../service/src/events/outbox';
import { Sink, startEventsService, subscribe, waitFor } from '../events/eventsTestKit';

const account = { channel: 'cloud' as const, id: '106540352242922' };
const statusOf = (messageId: string, value: NormalizedStatus['status'], recipient = '16505551234'): NormalizedStatus => ({ messageId, channel: 'cloud', account, recipient, status: value, timestamp: new Date().toISOString() });

describe.each(testDialects())('message ledger on %s', (dialect) => {
	let service: TestService;
	let scope: TenantScope;
	let sink: Sink;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		const tenant = await createTenantFixture(service, 'Ledger');
		scope = systemScope(tenant.id, 'test');
		sink = await new Sink().start();
		await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: ['*'] });
	});
	afterAll(async () => {
		await service.stop();
		await sink.stop();
	});

	test('an outbound message is recorded before dispatch, then takes its status from status webhooks and never goes back', async () => {
		const ledger = service.ctx.ledger;
		const pending = await ledger.recordOutboundPending(scope, { account, message: { to: '+1 650-555-1234', type: 'text', text: { body: 'hello' } } });
		expect(pending).toMatchObject({ direction: 'outbound', status: 'pending', providerId: null, chatId: '16505551234', type: 'text', body: { text: { body: 'hello' } } });
		const sent = await ledger.markDispatched(scope, pending.id, { providerMessageId: 'wamid.OUT-1', recipient: '16505551234', status: 'accepted', raw: { messages: [{ id: 'wamid.OUT-1' }] } });
		expect(sent).toMatchObject({ id: pending.id, providerId: 'wamid.OUT-1', status: 'accepted', conversationId: pending.conversationId });
		await waitFor(() => sink.ofType('message.sent').length === 1, 5_000, 'message.sent');
		expect(sink.ofType('message.sent')[0]?.event.data).toMatchObject({ id: 'wamid.OUT-1', recordId: pending.id, to: '16505551234', type: 'text' });

		const stored = async () => (await service.ctx.storage.db.selectFrom('messages').select(['status', 'status_at']).where('id', '=', pending.id).executeTakeFirstOrThrow()).status;
		expect(await ledger.recordInbound([{ kind: 'status', scope, status: statusOf('wamid.OUT-1', 'sent') }])).toEqual({ accepted: 1, duplicates: 0 });
		expect(await stored()).toBe('sent');
		expect(await ledger.recordInbound([{ kind: 'status', scope, status: statusOf('wamid.OUT-1', 'read') }])).toEqual({ accepted: 1, duplicates: 0 });
		expect(await stored()).toBe('read');
		// A late "delivered" after "read": stored as history, changes nothing, emits nothing.
		expect(await ledger.recordInbound([{ kind: 'status', scope, status: statusOf('wamid.OUT-1', 'delivered') }])).toEqual({ accepted: 0, duplicates: 1 });
		expect(await stored()).toBe('read');
		expect(await ledger.recordInbound([{ kind: 'status', scope, status: statusOf('wamid.OUT-1', 'read') }])).toEqual({ accepted: 0, duplicates: 1 });
		await waitFor(() => sink.ofType('message.status').filter((d) => d.event.data.messageId === 'wamid.OUT-1').length === 2, 5_000, 'two statuses');
		await new Promise((resolve) => setTimeout(resolve, 150));
		const statuses = sink.ofType('message.status').filter((d) => d.event.data.messageId === 'wamid.OUT-1');
		expect(statuses.map((d) => d.event.data.status)).toEqual(['sent', 'read']);
		expect(statuses[1]?.event.data).toMatchObject({ recordId: pending.id, conversationId: pending.conversationId });
	});

	test('in one batch, statuses apply in arrival order: delivered then read both count, read then delivered only read', async () => {
		const ledger = service.ctx.ledger;
		const first = await ledger.recordOutboundPending(scope, { account, message: { to: '16505550001', type: 'text', text: { body: 'a' } } });
		const second = await ledger.recordOutboundPending(scope, { account, message: { to: '16505550002', type: 'text', text: { body: 'b' } } });
		await ledger.markDispatched(scope, first.id, { providerMessageId: 'wamid.B-1', recipient: '16505550001', status: 'accepted' });
		await ledger.markDispatched(scope, second.id, { providerMessageId: 'wamid.B-2', recipient: '16505550002', status: 'accepted' });
		const outcome = await ledger.recordInbound([
			{ kind: 'status', scope, status: statusOf('wamid.B-1', 'delivered', '16505550001') },
			{ kind: 'status', scope, status: statusOf('wamid.B-1', 'read', '16505550001') },
			{ kind: 'status', scope, status: statusOf('wamid.B-2', 'read', '16505550002') },
			{ kind: 'status', scope, status: statusOf('wamid.B-2', 'delivered', '16505550002') },
		]);
		expect(outcome).toEqual({ accepted: 3, duplicates: 1 });
		const rows = await service.ctx.storage.db.selectFrom('messages').select(['provider_id', 'status']).where('provider_id', 'in', ['wamid.B-1', 'wamid.B-2']).orderBy('provider_id').execute();
		expect(rows).toEqual([{ provider_id: 'wamid.B-1', status: 'read' }, { provider_id: 'wamid.B-2', status: 'read' }]);
	});

	test('a status that overtakes the dispatch call still counts once the dispatch is recorded', async () => {
		const ledger = service.ctx.ledger;
		const pending = await ledger.recordOutboundPending(scope, { account, message: { to: '16505550003', type: 'text', text: { body: 'race' } } });
		await ledger.recordInbound([{ kind: 'status', scope, status: statusOf('wamid.RACE', 'delivered', '16505550003') }]);
		const sent = await ledger.markDispatched(scope, pending.id, { providerMessageId: 'wamid.RACE', recipient: '16505550003', status: 'accepted' });
		expect(sent.status).toBe('delivered');
	});

	test('a refused send is stored as failed with the error and emits a failed status', async () => {
		const ledger = service.ctx.ledger;
		const pending = await ledger.recordOutboundPending(scope, { account, message: { to: '16505550004', type: 'text', text: { body: 'no' } } });
		const failed = await ledger.markFailed(scope, pending.id, { code: 131047, title: 'Re-engagement message', message: 'More than 24 hours have passed' });
		expect(failed).toMatchObject({ status: 'failed', error: { code: 131047, title: 'Re-engagement message' } });
		await waitFor(() => sink.ofType('message.status').some((d) => d.event.data.recordId === pending.id), 5_000, 'failed status');
		expect(sink.ofType('message.status').find((d) => d.event.data.recordId === pending.id)?.event.data).toMatchObject({ status: 'failed', errors: [{ code: 131047 }] });
	});

	test('an Idempotency-Key is used once per tenant', async () => {
		const ledger = service.ctx.ledger;
		const first = await ledger.recordOutboundPending(scope, { account, message: { to: '16505550005', type: 'text', text: { body: 'once' } }, idempotencyKey: 'key-1' });
		const again = await ledger.recordOutboundPending(scope, { account, message: { to: '16505550005', type: 'text', text: { body: 'once' } }, idempotencyKey: 'key-1' }).catch((error: unknown) => error);
		expect(again).toBeInstanceOf(AppError);
		expect((again as AppError).status).toBe(409);
		expect((again as AppError).details.messageId).toBe(first.id);
		expect((await ledger.findByIdempotencyKey(scope, 'key-1'))?.id).toBe(first.id);
		expect(await ledger.findByIdempotencyKey(systemScope('ten_other', 'test'), 'key-1')).toBeUndefined();
	});

	test('an item that does not fit its columns is refused alone; the same new conversation works in the next batch', async () => {
		const base = { channel: 'web' as const, direction: 'inbound' as const, account: { channel: 'web' as const, id: 'session-rollback' }, chatId: 'new-peer@c.us', from: 'new-peer@c.us', to: 'me', timestamp: new Date().toISOString(), text: { body: 'x' } };
		// A type longer than its column is refused rather than truncated (MySQL's INSERT IGNORE would truncate it).
		await expect(service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: { ...base, id: 'wamid.ROLLBACK-1', type: 'x'.repeat(40) as 'text' } }])).rejects.toThrow(/message.type/);
		const conversations = () => service.ctx.storage.db.selectFrom('conversations').select('id').where('tenant_id', '=', scope.tenantId).where('peer', '=', 'new-peer@c.us').execute();
		expect(await conversations()).toHaveLength(0);
		expect(await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: { ...base, id: 'wamid.ROLLBACK-2', type: 'text' } }])).toEqual({ accepted: 1, duplicates: 0 });
		expect(await conversations()).toHaveLength(1);
	});

	test('concurrent callers reporting the same inbound message store it once', async () => {
		const message = { id: 'wamid.CONCURRENT', channel: 'web' as const, direction: 'inbound' as const, account: { channel: 'web' as const, id: 'session-a' }, chatId: '1@c.us', from: '1@c.us', to: 'me', timestamp: new Date().toISOString(), type: 'text' as const, text: { body: 'x' } };
		const outcomes = await Promise.all(Array.from({ length: 10 }, () => service.ctx.ledger.recordInbound([{ kind: 'message', scope, message }])));
		expect(outcomes.reduce((sum, o) => sum + o.accepted, 0)).toBe(1);
		expect(outcomes.reduce((sum, o) => sum + o.duplicates, 0)).toBe(9);
	});

	test.each(['recording a send', 'a dispatch naming the recipient differently'])('an inbound message and %s create the same new conversation at the same moment: both are stored in one conversation row', async (path) => {
		const ledger = service.ctx.ledger as SqlMessageLedger;
		const run = `${Date.now().toString(36)}${path.length}`;
		const peer = `1777${Date.now() % 1e7}${path.length}`;
		const alias = path === 'recording a send' ? undefined : await ledger.recordOutboundPending(scope, { account, message: { to: `alias-${run}`, type: 'text', text: { body: 'to an alias' } } });
		let send: Promise<unknown> | undefined;
		// The inbound message's transaction has created the conversation but not committed when the send writes its own:
		// on MySQL the send's insert waits on the row and then meets the committed duplicate.
		const { handoffs } = await service.ctx.storage.db.transaction().execute(async (tx) => {
			const written = await ledger.writer.write(tx, [{ kind: 'message', scope, message: { id: `wamid.RACE-${run}`, channel: 'cloud', direction: 'inbound', account, chatId: peer, from: peer, to: account.id, timestamp: new Date().toISOString(), type: 'text', text: { body: 'hi' } } }]);
			send = alias
				? ledger.markDispatched(scope, alias.id, { providerMessageId: `wamid.RACE-OUT-${run}`, recipient: peer, status: 'accepted' })
				: ledger.recordOutboundPending(scope, { account, message: { to: peer, type: 'text', text: { body: 'hello' } } });
			send.catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 300));
			return written;
		});
		service.ctx.outbox.committed(await handoffs.ready());
		const sent = (await send) as { conversationId: string };
		const rows = await service.ctx.storage.db.selectFrom('conversations').select('id').where('tenant_id', '=', scope.tenantId).where('peer', '=', peer).execute();
		expect(rows).toEqual([{ id: sent.conversationId }]);
		const messages = await service.ctx.storage.db.selectFrom('messages').select('direction').where('conversation_id', '=', sent.conversationId).orderBy('direction').execute();
		expect(messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
	});
	test('two transactions amending one stored message both land: votes on a busy poll are not lost', async () => {
		const poll = 'true_120363040000000009@g.us_3EB0POLLRACE';
		const at = new Date().toISOString();
		const web = { channel: 'web' as const, id: 'inbox' };
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: { id: poll, channel: 'web', direction: 'outbound', account: web, chatId: '120363040000000009@g.us', from: 'me', to: '120363040000000009@g.us', timestamp: at, type: 'poll', poll: { name: 'Day?', options: ['Mon', 'Tue'], allowMultipleAnswers: false } } }]);
		const vote = (voter: string): InboundItem => ({ kind: 'event', scope, type: 'poll.vote', channel: 'web', data: { voter }, dedupeKey: `race-${voter}`, amends: { providerId: poll, change: 'voted', voter, options: ['Mon'], at } });
		const writer = new InboundWriter(dialect, new EventOutbox(dialect));
		const db = service.ctx.storage.db;
		// The first transaction amends and holds on before committing; the second amends meanwhile.
		let firstWrote!: () => void;
		const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
		const first = db.transaction().execute(async (tx) => {
			await writer.write(tx, [vote('15550000001@c.us')]);
			firstWrote();
			await new Promise((resolve) => setTimeout(resolve, 200));
		});
		await wrote;
		const second = db.transaction().execute(async (tx) => {
			await writer.write(tx, [vote('15550000002@c.us')]);
		});
		await Promise.all([first, second]);
		const row = await db.selectFrom('messages').select('body_json').where('provider_id', '=', poll).executeTakeFirstOrThrow();
		expect(Object.keys((JSON.parse(row.body_json) as { pollVotes: Record<string, unknown> }).pollVotes).sort()).toEqual(['15550000001@c.us', '15550000002@c.us']);
	});
});

/**
 * A send's record and its first statuses are written by different transactions (the Web channel's acks often come
 * before the send call returns). Whichever commits second must see the other: on MySQL the two run at once, and
 * neither may overwrite the status the other found.
 */
describe.each(testDialects())('a dispatch and a status for it, in concurrent transactions, on %s', (dialect) => {
	let service: TestService;
	let scope: TenantScope;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		scope = systemScope((await createTenantFixture(service, 'Race')).id, 'test');
	});
	afterAll(() => service.stop());

	const dispatch = (messageId: string, providerMessageId: string): OutboundOp => ({ kind: 'dispatched', scope, messageId, dispatch: { providerMessageId, recipient: '16505550009', status: 'sent' } });
	const read = (providerMessageId: string): InboundItem => ({ kind: 'status', scope, status: statusOf(providerMessageId, 'read', '16505550009') });

	/** Runs `first` in a transaction that stays open 300 ms after writing, and `second` once `first` wrote. */
	async function overlap(first: (tx: Executor) => Promise<unknown>, second: (tx: Executor) => Promise<unknown>): Promise<void> {
		const db = service.ctx.storage.db;
		let wrote!: () => void;
		const written = new Promise<void>((resolve) => (wrote = resolve));
		const held = db.transaction().execute(async (tx) => {
			await first(tx);
			wrote();
			await new Promise((resolve) => setTimeout(resolve, 300));
		});
		await written;
		await Promise.all([held, db.transaction().execute(second)]);
	}

	const storedStatus = async (id: string) => (await service.ctx.storage.db.selectFrom('messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
	const outbound = () => new OutboundWriter(dialect, new EventOutbox(dialect));
	const inbound = () => new InboundWriter(dialect, new EventOutbox(dialect));

	test('the dispatch commits last: it starts from the read status committed meanwhile', async () => {
		const pending = await service.ctx.ledger.recordOutboundPending(scope, { account, message: { to: '16505550009', type: 'text', text: { body: 'one' } } });
		await overlap((tx) => inbound().write(tx, [read('wamid.RACE-IN-FIRST')]), (tx) => outbound().write(tx, [dispatch(pending.id, 'wamid.RACE-IN-FIRST')]));
		expect(await storedStatus(pending.id)).toBe('read');
	});

	test('the status commits last: it moves the message the dispatch recorded meanwhile', async () => {
		const pending = await service.ctx.ledger.recordOutboundPending(scope, { account, message: { to: '16505550009', type: 'text', text: { body: 'two' } } });
		await overlap((tx) => outbound().write(tx, [dispatch(pending.id, 'wamid.RACE-OUT-FIRST')]), (tx) => inbound().write(tx, [read('wamid.RACE-OUT-FIRST')]));
		expect(await storedStatus(pending.id)).toBe('read');
	});
});

/**
 * A Web session records each event as it happens, without waiting for the one before (inboundRecorder), and on
 * MySQL several batches commit at once. An edit or revoke submitted after its message must still find it stored.
 */
describe.each(testDialects())('amendments submitted right after their message, with parallel batches, on %s', (dialect) => {
	let service: TestService;
	let scope: TenantScope;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		scope = systemScope((await createTenantFixture(service, 'Amend')).id, 'test');
	});
	afterAll(() => service.stop());

	const web = { channel: 'web' as const, id: 'inbox' };
	const at = new Date().toISOString();

	/**
	 * Records each item as soon as it is made, without waiting for the ones before, and yields between messages as a
	 * session's event stream does. With one item per batch every further item queued opens another lane (up to four
	 * on MySQL).
	 */
	const recordAsAStream = async (count: number, itemsOf: (n: number, chatId: string) => InboundItem[], chatPrefix: string) => {
		const ledger = new SqlMessageLedger(service.ctx.storage.db, dialect, new EventOutbox(dialect), service.ctx.metrics, 1);
		const submitted: Array<Promise<unknown>> = [];
		for (let n = 0; n < count; n++) {
			for (const item of itemsOf(n, `${chatPrefix}${String(n).padStart(4, '0')}@c.us`)) submitted.push(ledger.recordInbound([item]));
			await new Promise((resolve) => setImmediate(resolve));
		}
		await Promise.all(submitted);
	};

	test('every edit and revoke lands on its message', async () => {
		const ids = Array.from({ length: 40 }, (_, n) => `false_1555000${String(n).padStart(4, '0')}@c.us_3EB0AMEND${n}`);
		await recordAsAStream(
			ids.length,
			(n, chatId) => {
				const id = ids[n] as string;
				const amends: HistoryAmendment = n % 2 === 0 ? { providerId: id, change: 'edited', body: 'second', previousBody: 'first', at } : { providerId: id, change: 'revoked', at };
				return [
					{ kind: 'message', scope, message: { id, channel: 'web', direction: 'inbound', account: web, chatId, from: chatId, to: 'me', timestamp: at, type: 'text', text: { body: 'first' } } },
					{ kind: 'event', scope, type: n % 2 === 0 ? 'message.edited' : 'message.revoked', channel: 'web', data: { id }, dedupeKey: `amend-${id}`, amends },
				];
			},
			'1555000',
		);
		const rows = await service.ctx.storage.db.selectFrom('messages').select(['provider_id', 'body_json']).where('provider_id', 'in', ids).execute();
		const amended = rows.filter((row) => {
			const body = JSON.parse(row.body_json) as { text?: { body: string }; revoked?: unknown };
			return body.revoked !== undefined || body.text?.body === 'second';
		});
		expect(rows).toHaveLength(ids.length);
		expect(amended.map((row) => row.provider_id).sort()).toEqual([...ids].sort());
	});
	test("every status recorded right after its message (a message sent from the phone, then its acks) moves that message's status", async () => {
		const ids = Array.from({ length: 40 }, (_, n) => `true_1555100${String(n).padStart(4, '0')}@c.us_3EB0ACK${n}`);
		await recordAsAStream(
			ids.length,
			(n, chatId) => [
				{ kind: 'message', scope, message: { id: ids[n] as string, channel: 'web', direction: 'outbound', account: web, chatId, from: 'me', to: chatId, timestamp: at, type: 'text', text: { body: 'from the phone' } } },
				{ kind: 'status', scope, status: { messageId: ids[n] as string, channel: 'web', account: web, recipient: chatId, status: 'read', timestamp: at } },
			],
			'1555100',
		);
		const rows = await service.ctx.storage.db.selectFrom('messages').select(['provider_id', 'status']).where('provider_id', 'in', ids).execute();
		expect(rows).toHaveLength(ids.length);
		expect(rows.filter((row) => row.status !== 'read').map((row) => row.provider_id)).toEqual([]);
	});
	test('a status recorded before its message (acks out of order) is where the message starts', async () => {
		const id = 'true_15551009999@c.us_3EB0EARLYACK';
		const chatId = '15551009999@c.us';
		expect(await service.ctx.ledger.recordInbound([{ kind: 'status', scope, status: { messageId: id, channel: 'web', account: web, recipient: chatId, status: 'delivered', timestamp: at } }])).toEqual({ accepted: 1, duplicates: 0 });
		await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: { id, channel: 'web', direction: 'outbound', account: web, chatId, from: 'me', to: chatId, timestamp: at, type: 'text', text: { body: 'from the phone' } } }]);
		const row = await service.ctx.storage.db.selectFrom('messages').select(['status', 'status_at']).where('provider_id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'delivered', status_at: at });
		// A higher status still counts afterwards.
		await service.ctx.ledger.recordInbound([{ kind: 'status', scope, status: { messageId: id, channel: 'web', account: web, recipient: chatId, status: 'read', timestamp: at } }]);
		expect((await service.ctx.storage.db.selectFrom('messages').select('status').where('provider_id', '=', id).executeTakeFirstOrThrow()).status).toBe('read');
	});
});

