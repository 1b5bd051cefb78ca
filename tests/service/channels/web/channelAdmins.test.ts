import type { FakeWebClient } from '../../../../service/src/channels/web/driver';
import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, getSession, linkSession, startWebWorld, type WebWorld } from './webHarness';

const ANA = '15550008001@c.us';
const BEN = '15550008002@c.us';

describe.each(testDialects())('WhatsApp channel admins on %s', (dialect) => {
	let world: WebWorld;
	let client: FakeWebClient;
	let me: string;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await linkSession(world, 'desk');
		client = await fakeClientOf(world, 'desk');
		me = (await getSession(world, 'desk')).me?.id as string;
	});
	afterAll(() => world.service.stop());

	const channel = (id: string, tail = '') => `/v1/web/sessions/desk/channels/${encodeURIComponent(id)}${tail}`;
	const created = async (name: string) => (await call(world, world.sender, 'POST', '/v1/web/sessions/desk/channels', { name })).json().id as string;
	const invite = (id: string, user: string, comment?: string) => call(world, world.sender, 'POST', channel(id, '/admins/invites'), { user, ...(comment ? { comment } : {}) });
	const roleIn = async (id: string) => (await call(world, world.sender, 'GET', channel(id))).json().role as string;

	test('the owner invites a person (a phone number will do), withdraws the invite, and demotes an admin who accepted', async () => {
		const id = await created('Store news');
		const invited = await invite(id, '+1 555 000 8001', 'Help me run this');
		expect(invited.statusCode).toBe(201);
		expect(invited.json()).toEqual({ success: true, channelId: id, userId: ANA, invited: true });
		expect(client.channels.staffOf(id).invites).toEqual([ANA]);

		const revoked = await call(world, world.sender, 'DELETE', channel(id, `/admins/invites/${ANA}`));
		expect(revoked.json()).toEqual({ success: true, channelId: id, userId: ANA, revoked: true });
		expect((await call(world, world.sender, 'DELETE', channel(id, `/admins/invites/${ANA}`))).statusCode).toBe(409);

		await invite(id, ANA);
		client.channels.acceptAdminInviteAs(id, ANA);
		const again = await invite(id, ANA);
		expect(again.statusCode).toBe(409);
		expect(again.json().error.message).toMatch(/already runs/);

		const demoted = await call(world, world.sender, 'DELETE', channel(id, '/admins/15550008001'));
		expect(demoted.json()).toEqual({ success: true, channelId: id, userId: ANA, demoted: true });
		expect(client.channels.staffOf(id).admins).toEqual([]);
		expect((await call(world, world.sender, 'DELETE', channel(id, `/admins/${ANA}`))).statusCode).toBe(409);
		// The owner cannot step down without handing the channel over.
		expect((await call(world, world.sender, 'DELETE', channel(id, `/admins/${me}`))).statusCode).toBe(409);
	});

	test('ownership goes only to an admin; afterwards this account is an admin that may no longer invite, and may step down', async () => {
		const id = await created('Handover');
		const toStranger = await call(world, world.sender, 'PUT', channel(id, '/owner'), { user: BEN });
		expect(toStranger.statusCode).toBe(409);
		expect(toStranger.json().error.message).toMatch(/only to one of its admins/);

		await invite(id, ANA);
		client.channels.acceptAdminInviteAs(id, ANA);
		const handed = await call(world, world.sender, 'PUT', channel(id, '/owner'), { user: ANA });
		expect(handed.json()).toEqual({ success: true, channelId: id, owner: ANA, role: 'admin' });
		expect(await roleIn(id)).toBe('admin');
		const notOwner = await invite(id, BEN);
		expect(notOwner.statusCode).toBe(409);
		expect(notOwner.json().error.message).toMatch(/only the owner/);
		expect((await call(world, world.sender, 'DELETE', channel(id, `/admins/${ANA}`))).statusCode).toBe(409);

		expect((await call(world, world.sender, 'DELETE', channel(id, `/admins/${me}`))).statusCode).toBe(200);
		expect(await roleIn(id)).toBe('subscriber');

		const other = await created('Second');
		await invite(other, BEN);
		client.channels.acceptAdminInviteAs(other, BEN);
		const dismissed = await call(world, world.sender, 'PUT', channel(other, '/owner'), { user: BEN, dismissSelfAsAdmin: true });
		expect(dismissed.json()).toEqual({ success: true, channelId: other, owner: BEN, role: 'subscriber' });
		expect(await roleIn(other)).toBe('subscriber');
	});

	test('an admin invite this account received is accepted once; then it runs the channel and may post', async () => {
		const { id } = client.channels.seed({ name: 'City transit', subscribers: 1200 });
		const none = await call(world, world.sender, 'POST', channel(id, '/admins/invites/accept'));
		expect(none.statusCode).toBe(409);
		expect(none.json().error.message).toMatch(/no admin invite/);

		client.channels.receiveAdminInvite(id);
		const accepted = await call(world, world.sender, 'POST', channel(id, '/admins/invites/accept'));
		expect(accepted.json()).toEqual({ success: true, channelId: id, role: 'admin' });
		expect((await call(world, world.sender, 'GET', channel(id))).json()).toMatchObject({ role: 'admin', subscribers: 1200 });
		const post = await call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'desk', to: id, type: 'text', text: { body: 'Line 4 is back' } });
		expect(post.statusCode).toBe(201);
		expect((await call(world, world.sender, 'POST', channel(id, '/admins/invites/accept'))).statusCode).toBe(409);
	});

	test('bad people, unknown channels and bad bodies are 4xx naming the field', async () => {
		const id = await created('Checks');
		const notAPerson = await invite(id, '120363025246125486@g.us');
		expect(notAPerson.statusCode).toBe(400);
		expect(notAPerson.json().error).toMatchObject({ code: 'validation_failed' });
		expect(JSON.stringify(notAPerson.json().error.details)).toContain('body.user');
		const notOnWhatsApp = await invite(id, '99900000001');
		expect(notOnWhatsApp.statusCode).toBe(400);
		expect(JSON.stringify(notOnWhatsApp.json().error.details)).toContain('body.user');
		const noUser = await call(world, world.sender, 'PUT', channel(id, '/owner'), { dismissSelfAsAdmin: true });
		expect(noUser.statusCode).toBe(400);
		expect(noUser.json().error.details.fields).toEqual([{ field: 'body.user', message: 'is required' }]);
		const extra = await call(world, world.sender, 'POST', channel(id, '/admins/invites'), { user: ANA, role: 'owner' });
		expect(extra.statusCode).toBe(400);
		const badPath = await call(world, world.sender, 'DELETE', channel(id, '/admins/someone'));
		expect(badPath.statusCode).toBe(400);
		expect(JSON.stringify(badPath.json().error.details)).toContain('params.userId');

		const unknown = '12036300000000001@newsletter';
		expect((await invite(unknown, ANA)).statusCode).toBe(404);
		expect((await call(world, world.sender, 'DELETE', channel(unknown, `/admins/${ANA}`))).statusCode).toBe(404);
		expect((await call(world, world.sender, 'DELETE', channel(unknown, `/admins/invites/${ANA}`))).statusCode).toBe(404);
		expect((await call(world, world.sender, 'POST', channel(unknown, '/admins/invites/accept'))).statusCode).toBe(404);
		expect((await call(world, world.sender, 'PUT', channel(unknown, '/owner'), { user: ANA })).statusCode).toBe(404);
		expect((await invite('15550001111@c.us', ANA)).statusCode).toBe(400);
	});
});
