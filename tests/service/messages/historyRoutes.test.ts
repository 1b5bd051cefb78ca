import { systemScope } from '../../../service/src/auth/tenantScope';
import type { NormalizedMessage } from '../../../service/src/channels/messages';
import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, type TenantFixture, type TestService } from '../../support/testService';
import { startEventsService } from '../events/eventsTestKit';

const inbound = (n: number, account: string, peer: string, channel: 'cloud' | 'web' = 'cloud'): NormalizedMessage => ({
	id: `wamid.H-${account}-${peer}-${n}`,
	channel,
	direction: 'inbound',
	account: { channel, id: account },
	chatId: peer,
	from: peer,
	to: account,
	timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
	type: 'text',
	text: { body: `#${n}` },
	contact: { name: `Contact ${peer}` },
});

describe.each(testDialects())('history routes on %s', (dialect) => {
	let service: TestService;
	let tenant: TenantFixture;
	let other: TenantFixture;
	beforeAll(async () => {
		service = await startEventsService(dialect);
		tenant = await createTenantFixture(service, 'History');
		other = await createTenantFixture(service, 'Other');
		const scope = systemScope(tenant.id, 'test');
		const items = [];
		for (let n = 1; n <= 7; n++) items.push({ kind: 'message' as const, scope, message: inbound(n, '111', `p${n % 3}`) });
		items.push({ kind: 'message' as const, scope, message: inbound(20, 'sess', 'x@c.us', 'web') });
		await service.ctx.ledger.recordInbound(items);
	});
	afterAll(() => service.stop());

	const get = (url: string, key = tenant.readerKey) => service.app.inject({ method: 'GET', url, headers: bearer(key) });

	test('conversation times only move forward: per conversation in one batch, an older message changes nothing, an outbound one leaves the inbound time', async () => {
		const times = await createTenantFixture(service, 'Times');
		const scope = systemScope(times.id, 'test');
		const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 1, n)).toISOString();
		const outbound = (n: number, peer: string): NormalizedMessage => ({ ...inbound(n, '222', peer), id: `wamid.O-${peer}-${n}`, direction: 'outbound', from: '222', to: peer, timestamp: at(n), contact: undefined });
		const received = (n: number, peer: string): NormalizedMessage => ({ ...inbound(n, '222', peer), timestamp: at(n) });
		await service.ctx.ledger.recordInbound([received(30, 'q1'), received(31, 'q2'), outbound(35, 'q1')].map((message) => ({ kind: 'message' as const, scope, message })));
		await service.ctx.ledger.recordInbound([received(25, 'q1'), outbound(40, 'q2')].map((message) => ({ kind: 'message' as const, scope, message })));
		const listed = (await get('/v1/conversations?account=222', times.readerKey)).json().data as Array<{ peer: string; lastMessageAt: string; lastInboundAt: string }>;
		expect(listed.map(({ peer, lastMessageAt, lastInboundAt }) => ({ peer, lastMessageAt, lastInboundAt }))).toEqual([
			{ peer: 'q2', lastMessageAt: at(40), lastInboundAt: at(31) },
			{ peer: 'q1', lastMessageAt: at(35), lastInboundAt: at(30) },
		]);
	});

	test('conversations: most recent first, filtered by channel, account and peer, paged by cursor', async () => {
		const all = (await get('/v1/conversations')).json();
		expect(all.data.map((c: { peer: string }) => c.peer)).toEqual(['x@c.us', 'p1', 'p0', 'p2']);
		expect(all.data[1]).toMatchObject({ channel: 'cloud', account: '111', peer: 'p1', contact: { name: 'Contact p1' }, lastMessageAt: '2026-01-01T00:00:07.000Z', lastInboundAt: '2026-01-01T00:00:07.000Z' });
		expect((await get('/v1/conversations?channel=web')).json().data.map((c: { peer: string }) => c.peer)).toEqual(['x@c.us']);
		expect((await get('/v1/conversations?account=111&peer=p2')).json().data.map((c: { peer: string }) => c.peer)).toEqual(['p2']);
		const first = (await get('/v1/conversations?limit=2')).json();
		expect(first.data).toHaveLength(2);
		const second = (await get(`/v1/conversations?limit=2&cursor=${first.nextCursor}`)).json();
		expect([...first.data, ...second.data].map((c: { peer: string }) => c.peer)).toEqual(['x@c.us', 'p1', 'p0', 'p2']);
		expect((await get('/v1/conversations?cursor=not-a-cursor')).json().error.details.fields[0].field).toBe('querystring.cursor');
		expect((await get('/v1/conversations', other.readerKey)).json().data).toEqual([]);
	});

	test('messages of a conversation, newest first or oldest first, paged; other tenants get 404', async () => {
		const conversation = (await get('/v1/conversations?peer=p1')).json().data[0];
		const newest = (await get(`/v1/conversations/${conversation.id}/messages?limit=2`)).json();
		expect(newest.data.map((m: { body: { text: { body: string } } }) => m.body.text.body)).toEqual(['#7', '#4']);
		const rest = (await get(`/v1/conversations/${conversation.id}/messages?limit=2&cursor=${newest.nextCursor}`)).json();
		expect(rest.data.map((m: { body: { text: { body: string } } }) => m.body.text.body)).toEqual(['#1']);
		expect(rest.nextCursor).toBeNull();
		const oldest = (await get(`/v1/conversations/${conversation.id}/messages?order=asc`)).json();
		expect(oldest.data.map((m: { providerId: string }) => m.providerId)).toEqual(['wamid.H-111-p1-1', 'wamid.H-111-p1-4', 'wamid.H-111-p1-7']);
		expect(oldest.data[0]).toMatchObject({ direction: 'inbound', status: 'received', channel: 'cloud', account: { channel: 'cloud', id: '111' }, chatId: 'p1', conversationId: conversation.id });
		expect((await get(`/v1/conversations/${conversation.id}/messages`, other.readerKey)).statusCode).toBe(404);
	});

	test('a message by our id or the provider id', async () => {
		const byProvider = await get('/v1/messages/wamid.H-111-p1-4');
		expect(byProvider.statusCode).toBe(200);
		const byOurs = await get(`/v1/messages/${byProvider.json().id}`);
		expect(byOurs.json().providerId).toBe('wamid.H-111-p1-4');
		expect((await get('/v1/messages/wamid.H-111-p1-4', other.readerKey)).statusCode).toBe(404);
		expect((await get(`/v1/messages/${byProvider.json().id}`, other.readerKey)).statusCode).toBe(404);
	});

	test('every conversation in storage order: after an id or from a time, filtered, paged, and only once settled (a message still being stored is never skipped)', async () => {
		const catchUp = await createTenantFixture(service, 'CatchUp');
		const scope = systemScope(catchUp.id, 'test');
		const record = (messages: NormalizedMessage[]) => service.ctx.ledger.recordInbound(messages.map((message) => ({ kind: 'message' as const, scope, message })));
		const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));
		const list = async (query: string) => {
			const response = await get(`/v1/messages${query}`, catchUp.readerKey);
			expect(response.statusCode).toBe(200);
			return response.json() as { data: Array<{ id: string; providerId: string; channel: string; direction: string; chatId: string }>; nextCursor: string | null };
		};
		const ids = (page: { data: Array<{ providerId: string }> }) => page.data.map((m) => m.providerId);

		await record([inbound(1, '333', 'a'), inbound(2, '333', 'b'), { ...inbound(3, '333', 'a'), id: 'wamid.OUT-3', direction: 'outbound', from: '333', to: 'a', contact: undefined }]);
		await record([inbound(4, 'desk', 'z@c.us', 'web')]);
		await settle();
		const between = new Date().toISOString();
		await record([inbound(5, '333', 'b'), { ...inbound(6, '333', 'c'), type: 'image', text: undefined, media: { id: 'media-6', mimeType: 'image/jpeg' } } as NormalizedMessage]);

		// The second batch is younger than the settle time: not listed yet, whatever the query.
		const first = await list('');
		expect(ids(first)).toEqual(['wamid.H-333-a-1', 'wamid.H-333-b-2', 'wamid.OUT-3', 'wamid.H-desk-z@c.us-4']);
		expect(first.nextCursor).toBeNull();
		expect(first.data[2]).toMatchObject({ direction: 'outbound', channel: 'cloud', chatId: 'a' });
		expect(ids(await list(`?since=${encodeURIComponent(between)}`))).toEqual([]);

		await settle();
		const last = first.data[first.data.length - 1]?.id as string;
		expect(ids(await list(`?after=${last}`))).toEqual(['wamid.H-333-b-5', 'wamid.H-333-c-6']);
		expect(ids(await list(`?since=${encodeURIComponent(between)}`))).toEqual(['wamid.H-333-b-5', 'wamid.H-333-c-6']);
		expect(ids(await list('?channel=web'))).toEqual(['wamid.H-desk-z@c.us-4']);
		expect(ids(await list('?account=333&direction=outbound'))).toEqual(['wamid.OUT-3']);
		expect(ids(await list('?type=image'))).toEqual(['wamid.H-333-c-6']);

		// Paged: a full page names its last id as the cursor, and after= it continues with nothing lost or repeated.
		const seen: string[] = [];
		let after = '';
		for (let page = 0; page < 5; page++) {
			const got = await list(`?limit=2${after ? `&after=${after}` : ''}`);
			seen.push(...ids(got));
			if (!got.nextCursor) break;
			after = got.nextCursor;
		}
		expect(seen).toEqual(['wamid.H-333-a-1', 'wamid.H-333-b-2', 'wamid.OUT-3', 'wamid.H-desk-z@c.us-4', 'wamid.H-333-b-5', 'wamid.H-333-c-6']);

		expect((await get('/v1/messages', other.readerKey)).json().data).toEqual([]);
		const field = async (query: string) => {
			const response = await get(`/v1/messages${query}`, catchUp.readerKey);
			expect(response.statusCode).toBe(400);
			return response.json().error.details.fields[0].field as string;
		};
		expect(await field('?after=msg_nope')).toBe('querystring.after');
		expect(await field('?since=yesterday')).toBe('querystring.since');
		expect(await field(`?since=${encodeURIComponent(between)}&after=${last}`)).toBe('querystring.since');
		expect(await field('?direction=sideways')).toBe('querystring.direction');
	});
});
