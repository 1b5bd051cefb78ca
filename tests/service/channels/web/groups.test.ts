import type { FakeWebClient } from '../../../../service/src/channels/web/driver';
import { bearer } from '../../../support/testService';
import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, startWebWorld, storedEvents, subscribeAll, waitFor, type WebWorld } from './webHarness';

const ALICE = '15550003001@c.us';
const BOB = '15550003002@c.us';
/** The fake's WhatsApp has no numbers starting with 999. */
const NOBODY = '99900000001@c.us';

describe.each(testDialects())('WhatsApp Web groups on %s', (dialect) => {
	let world: WebWorld;
	let client: FakeWebClient;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await subscribeAll(world);
		await linkSession(world, 'desk');
		client = await fakeClientOf(world, 'desk');
	});
	afterAll(() => world.service.stop());

	const groups = '/v1/web/sessions/desk/groups';
	const group = (id: string, tail = '') => `${groups}/${encodeURIComponent(id)}${tail}`;
	const groupEvents = async (groupId: string) => (await storedEvents(world, 'group.update')).filter((event) => event.data.groupId === groupId).map((event) => event.data);

	const create = async (subject: string, participants: string[]) => {
		const created = await call(world, world.sender, 'POST', groups, { subject, participants });
		expect(created.statusCode).toBe(201);
		return created.json() as { group: { id: string; participants: Array<{ id: string; isAdmin: boolean; isSuperAdmin: boolean }> }; participants: Array<{ id: string; ok: boolean; code: number }> };
	};

	test('creating a group makes this account its admin, adds whoever has WhatsApp, reports the rest per person, lists it and emits the changes', async () => {
		const created = await create('Night shift', ['+1 555 000 3001', BOB, NOBODY]);
		const own = (await call(world, world.sender, 'GET', '/v1/web/sessions/desk/me')).json().id as string;
		expect(created.group).toMatchObject({ subject: 'Night shift', owner: own, size: 3, messagesAdminsOnly: false, infoAdminsOnly: false });
		expect(created.group.participants).toEqual(expect.arrayContaining([{ id: own, isAdmin: true, isSuperAdmin: true }, { id: ALICE, isAdmin: false, isSuperAdmin: false }, { id: BOB, isAdmin: false, isSuperAdmin: false }]));
		expect(created.participants).toEqual([
			expect.objectContaining({ id: ALICE, ok: true, code: 200 }),
			expect.objectContaining({ id: BOB, ok: true, code: 200 }),
			expect.objectContaining({ id: NOBODY, ok: false, code: 404 }),
		]);

		const listed = await call(world, world.sender, 'GET', groups);
		expect(listed.json().data).toEqual([expect.objectContaining({ id: created.group.id, name: 'Night shift', isGroup: true })]);
		const read = await call(world, bearer(world.tenant.readerKey), 'GET', group(created.group.id));
		expect(read.statusCode).toBe(200);
		expect(read.json()).toMatchObject({ id: created.group.id, subject: 'Night shift', size: 3 });

		await waitFor(async () => (await groupEvents(created.group.id)).some((event) => event.type === 'add'), 'group.update add');
		expect(await groupEvents(created.group.id)).toEqual([
			expect.objectContaining({ type: 'create', author: own, subject: 'Night shift' }),
			expect.objectContaining({ type: 'add', author: own, addedParticipants: [ALICE, BOB] }),
		]);
	});

	test('settings and participants change as asked, each participant with its own result, and every change is an event', async () => {
		const { group: made } = await create('Ops', [ALICE]);
		const updated = await call(world, world.sender, 'PATCH', group(made.id), { subject: 'Ops (EU)', description: 'Pager rota', messagesAdminsOnly: true, infoAdminsOnly: true });
		expect(updated.statusCode).toBe(200);
		expect(updated.json()).toMatchObject({ subject: 'Ops (EU)', description: 'Pager rota', messagesAdminsOnly: true, infoAdminsOnly: true });
		expect((await client.groups.get(made.id)).subject).toBe('Ops (EU)');

		const participants = (action: string, list: string[]) => call(world, world.sender, 'POST', group(made.id, '/participants'), { action, participants: list });
		expect((await participants('add', [BOB, ALICE])).json().data).toEqual([expect.objectContaining({ id: BOB, ok: true, code: 200 }), expect.objectContaining({ id: ALICE, ok: false, code: 409 })]);
		expect((await participants('promote', [BOB])).json().data).toEqual([expect.objectContaining({ id: BOB, ok: true })]);
		expect((await client.groups.get(made.id)).participants).toContainEqual({ id: BOB, isAdmin: true, isSuperAdmin: false });
		expect((await participants('demote', [BOB])).json().data[0]).toMatchObject({ ok: true });
		expect((await participants('remove', [ALICE, NOBODY])).json().data).toEqual([expect.objectContaining({ id: ALICE, ok: true }), expect.objectContaining({ id: NOBODY, ok: false, code: 404 })]);
		expect((await client.groups.get(made.id)).participants.map((p) => p.id)).not.toContain(ALICE);

		await waitFor(async () => (await groupEvents(made.id)).some((event) => event.type === 'remove'), 'group.update remove');
		expect((await groupEvents(made.id)).map((event) => event.type)).toEqual(['create', 'add', 'subject', 'description', 'announce', 'restrict', 'add', 'promote', 'demote', 'remove']);
		expect(await groupEvents(made.id)).toContainEqual(expect.objectContaining({ type: 'remove', removedParticipants: [ALICE] }));
	});

	test('invite links: read, reset (the old code stops working) and joined by code or link', async () => {
		const { group: made } = await create('Invites', []);
		const invite = await call(world, world.sender, 'GET', group(made.id, '/invite'));
		expect(invite.statusCode).toBe(200);
		const first = invite.json() as { code: string; url: string };
		expect(first.url).toBe(`https://chat.whatsapp.com/${first.code}`);
		const reset = (await call(world, world.sender, 'POST', group(made.id, '/invite/revoke'))).json() as { code: string };
		expect(reset.code).not.toBe(first.code);

		const elsewhere = client.groups.seed({ subject: 'Neighbours', owner: ALICE, members: [BOB], includeMe: false });
		const joined = await call(world, world.sender, 'POST', `${groups}/join`, { invite: `https://chat.whatsapp.com/${elsewhere.inviteCode}` });
		expect(joined.statusCode).toBe(200);
		expect(joined.json()).toEqual({ groupId: elsewhere.id });
		expect((await client.groups.get(elsewhere.id)).participants.length).toBe(3);
		const stale = await call(world, world.sender, 'POST', `${groups}/join`, { invite: first.code });
		expect(stale.statusCode).toBe(400);
		expect(stale.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.invite' })]);
	});

	test("a member who is not admin gets 409 for admins' changes; leaving works once; unknown groups are 404", async () => {
		const theirs = client.groups.seed({ subject: 'Family', owner: ALICE, members: [BOB], infoAdminsOnly: true });
		const before = await client.groups.get(theirs.id);
		const refused = [
			await call(world, world.sender, 'POST', group(theirs.id, '/participants'), { action: 'remove', participants: [BOB] }),
			await call(world, world.sender, 'PATCH', group(theirs.id), { subject: 'Mine now' }),
			await call(world, world.sender, 'PATCH', group(theirs.id), { messagesAdminsOnly: true }),
			await call(world, world.sender, 'GET', group(theirs.id, '/invite')),
		];
		for (const answer of refused) {
			expect(answer.statusCode).toBe(409);
			expect(answer.json().error.message).toMatch(/only group admins/);
		}
		expect(await client.groups.get(theirs.id)).toEqual(before);

		expect((await call(world, world.sender, 'POST', group(theirs.id, '/leave'))).json()).toEqual({ success: true });
		expect((await call(world, world.sender, 'POST', group(theirs.id, '/leave'))).statusCode).toBe(409);

		const unknown = await call(world, world.sender, 'GET', group('120363000000000001@g.us'));
		expect(unknown.statusCode).toBe(404);
	});

	test('requests to join: listed for admins, approved or rejected one by one or all at once, each with its result; the request and the approval are events', async () => {
		const { group: made } = await create('Approval needed', []);
		client.groups.requestToJoin(made.id, ALICE);
		client.groups.requestToJoin(made.id, BOB);
		const listed = await call(world, world.sender, 'GET', group(made.id, '/requests'));
		expect(listed.json().data).toEqual([
			{ requester: ALICE, addedBy: ALICE, requestedAt: expect.any(String), method: 'InviteLink' },
			{ requester: BOB, addedBy: BOB, requestedAt: expect.any(String), method: 'InviteLink' },
		]);
		const approved = await call(world, world.sender, 'POST', group(made.id, '/requests'), { action: 'approve', requesters: ['+1 555 000 3001', NOBODY] });
		expect(approved.json().data).toEqual([
			{ requester: ALICE, ok: true, message: expect.stringContaining('Approved') },
			{ requester: NOBODY, ok: false, message: expect.stringContaining('No pending request') },
		]);
		expect((await call(world, world.sender, 'POST', group(made.id, '/requests'), { action: 'reject' })).json().data).toEqual([{ requester: BOB, ok: true, message: 'Rejected' }]);
		expect((await call(world, world.sender, 'GET', group(made.id, '/requests'))).json().data).toEqual([]);
		expect((await client.groups.get(made.id)).participants.map((p) => p.id)).toEqual(expect.arrayContaining([ALICE]));
		expect((await client.groups.get(made.id)).participants.map((p) => p.id)).not.toContain(BOB);
		// Recorded asynchronously, each as WhatsApp Web reports it: wait for all three before looking.
		await waitFor(async () => {
			const events = await groupEvents(made.id);
			return events.filter((event) => event.type === 'membership_request').length === 2 && events.some((event) => event.type === 'add');
		}, 'membership_request and add events');
		expect((await groupEvents(made.id)).filter((event) => event.type === 'add')).toEqual([expect.objectContaining({ addedParticipants: [ALICE] })]);

		const theirs = client.groups.seed({ subject: 'Not mine', owner: BOB });
		expect((await call(world, world.sender, 'GET', group(theirs.id, '/requests'))).statusCode).toBe(409);
		const bad = await call(world, world.sender, 'POST', group(made.id, '/requests'), { action: 'approve', requesters: ['nobody at all'] });
		expect(bad.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.requesters[0]' })]);
	});

	test('the group picture is set and removed (each an event); a member who may not edit the info gets 409; bad images are 400 naming the field', async () => {
		const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
		const { group: made } = await create('With a face', []);
		const set = await call(world, world.sender, 'PUT', group(made.id, '/picture'), { base64: PNG, mimeType: 'image/png' });
		expect(set.json()).toEqual({ success: true, groupId: made.id, picture: true });
		expect(client.groups.hasPicture(made.id)).toBe(true);
		expect((await call(world, world.sender, 'DELETE', group(made.id, '/picture'))).json()).toEqual({ success: true, groupId: made.id, picture: false });
		expect(client.groups.hasPicture(made.id)).toBe(false);
		await waitFor(async () => (await groupEvents(made.id)).filter((event) => event.type === 'picture').length === 2, 'two picture events');

		const theirs = client.groups.seed({ subject: 'Locked', owner: BOB, infoAdminsOnly: true });
		expect((await call(world, world.sender, 'PUT', group(theirs.id, '/picture'), { base64: PNG, mimeType: 'image/png' })).statusCode).toBe(409);
		expect(client.groups.hasPicture(theirs.id)).toBe(false);
		for (const [body, field] of [[{ base64: PNG, mimeType: 'image/gif' }, 'body.mimeType'], [{ base64: `data:image/png;base64,${PNG}`, mimeType: 'image/png' }, 'body.base64']] as const) {
			const answer = await call(world, world.sender, 'PUT', group(made.id, '/picture'), body);
			expect(answer.statusCode).toBe(400);
			expect(JSON.stringify(answer.json().error.details)).toContain(field);
		}
	});

	test('bad input is 400 naming the field, before WhatsApp is asked; a read-only key cannot change anything', async () => {
		const spy = jest.spyOn(client.groups, 'create');
		const cases: Array<[string, string, unknown, string]> = [
			['POST', groups, { subject: '', participants: [] }, 'body.subject'],
			['POST', groups, { subject: 'x'.repeat(101) }, 'body.subject'],
			['POST', groups, { subject: 'Ok', participants: [ALICE, 'not a number'] }, 'body.participants[1]'],
			['POST', groups, { subject: 'Ok', participants: ['120363000000000001@g.us'] }, 'body.participants[0]'],
			['PATCH', group('120363000000000001@g.us'), {}, 'body'],
			['POST', group('120363000000000001@g.us', '/participants'), { action: 'kick', participants: [ALICE] }, 'body.action'],
			['POST', `${groups}/join`, { invite: 'https://example.com/abc' }, 'body.invite'],
			['GET', `${groups}/15550003001@c.us`, undefined, 'params.groupId'],
		];
		for (const [method, url, body, field] of cases) {
			const answer = await call(world, world.sender, method as 'POST', url, body);
			expect({ url, body, status: answer.statusCode }).toEqual({ url, body, status: 400 });
			expect(JSON.stringify(answer.json().error.details)).toContain(field);
		}
		expect(spy).not.toHaveBeenCalled();
		spy.mockRestore();

		const reader = bearer(world.tenant.readerKey);
		expect((await call(world, reader, 'POST', groups, { subject: 'Nope' })).statusCode).toBe(403);
	});
});
