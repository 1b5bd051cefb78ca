import { FakeChannels } from '../../../../service/src/channels/web/driver/fake/fakeChannels';

const ME = '15550001111@c.us';
const ANA = '15550008001@c.us';
const BEN = '15550008002@c.us';

const fakeChannels = () => new FakeChannels({ ownId: ME, requireReady: () => undefined, isOnWhatsApp: (user) => !user.startsWith('999') });

describe("the fake driver's channel directory", () => {
	const directory = () => {
		const channels = fakeChannels();
		const ids = {
			transit: channels.seed({ name: 'City Transit', description: 'Buses and trains', subscribers: 1200, country: 'us', createdAt: 100 }).id,
			bakery: channels.seed({ name: 'Corner bakery', description: 'Fresh BREAD daily', subscribers: 30, country: 'GB', createdAt: 300 }).id,
			trains: channels.seed({ name: 'Rail fans', description: 'Trains of the world', subscribers: 500, country: 'DE', createdAt: 200 }).id,
		};
		return { channels, ids };
	};
	const names = (found: Array<{ name: string }>) => found.map((channel) => channel.name);

	test('text matches name or description whatever the case; the most followed come first', async () => {
		const { channels } = directory();
		expect(names(await channels.search({ text: 'TRAIN' }))).toEqual(['City Transit', 'Rail fans']);
		expect(names(await channels.search({ text: ' bread ' }))).toEqual(['Corner bakery']);
		expect(names(await channels.search({ text: 'nothing like it' }))).toEqual([]);
	});

	test('countries, the view, the limit and skipFollowed narrow or order what is found', async () => {
		const { channels, ids } = directory();
		expect(names(await channels.search({ countryCodes: ['us', 'DE'] }))).toEqual(['City Transit', 'Rail fans']);
		expect(names(await channels.search({ view: 'new' }))).toEqual(['Corner bakery', 'Rail fans', 'City Transit']);
		expect(names(await channels.search({ view: 'popular', limit: 2 }))).toEqual(['City Transit', 'Rail fans']);
		await channels.setFollowing(ids.transit, true);
		expect(names(await channels.search({ text: 'train' }))).toEqual(['City Transit', 'Rail fans']);
		expect(names(await channels.search({ text: 'train', skipFollowed: true }))).toEqual(['Rail fans']);
		expect((await channels.search({ text: 'transit' }))[0]).toMatchObject({ id: ids.transit, role: 'subscriber', subscribers: null });
	});
});

describe("the fake driver's channel admins", () => {
	test('the owner invites, re-invites, revokes; an invitee who accepts is an admin the owner can demote', async () => {
		const channels = fakeChannels();
		const { id } = await channels.create('Store news');
		await channels.inviteAdmin(id, ANA);
		await channels.inviteAdmin(id, ANA);
		expect(channels.staffOf(id)).toEqual({ owner: ME, admins: [], invites: [ANA] });
		await channels.revokeAdminInvite(id, ANA);
		await expect(channels.revokeAdminInvite(id, ANA)).rejects.toMatchObject({ code: 'not_allowed' });

		await channels.inviteAdmin(id, ANA);
		channels.acceptAdminInviteAs(id, ANA);
		expect(channels.staffOf(id)).toEqual({ owner: ME, admins: [ANA], invites: [] });
		await expect(channels.inviteAdmin(id, ANA)).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringMatching(/already runs/) });
		await expect(channels.inviteAdmin(id, ME)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.inviteAdmin(id, '99900000001@c.us')).rejects.toMatchObject({ code: 'invalid_argument' });

		await expect(channels.demoteAdmin(id, ME)).rejects.toMatchObject({ code: 'not_allowed' });
		await channels.demoteAdmin(id, ANA);
		await expect(channels.demoteAdmin(id, ANA)).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringMatching(/is not an admin/) });
	});

	test('the channel goes only to an admin; the old owner stays an admin, or only follows when it dismisses itself', async () => {
		const channels = fakeChannels();
		const { id } = await channels.create('Store news');
		await expect(channels.transferOwnership(id, BEN)).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringMatching(/only to one of its admins/) });
		await channels.inviteAdmin(id, ANA);
		channels.acceptAdminInviteAs(id, ANA);
		await channels.transferOwnership(id, ANA);
		expect(channels.staffOf(id)).toEqual({ owner: ANA, admins: [ME], invites: [] });
		expect((await channels.get(id)).role).toBe('admin');
		// Only the owner invites, revokes, demotes others or transfers.
		await expect(channels.inviteAdmin(id, BEN)).rejects.toMatchObject({ code: 'not_allowed', message: 'only the owner of a channel can invite admins' });
		await expect(channels.transferOwnership(id, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.demoteAdmin(id, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		// An admin may step down itself.
		await channels.demoteAdmin(id, ME);
		expect((await channels.get(id)).role).toBe('subscriber');

		const other = await channels.create('Second');
		await channels.inviteAdmin(other.id, BEN);
		channels.acceptAdminInviteAs(other.id, BEN);
		await channels.transferOwnership(other.id, BEN, { dismissSelfAsAdmin: true });
		expect(channels.staffOf(other.id)).toEqual({ owner: BEN, admins: [], invites: [] });
		expect((await channels.get(other.id)).role).toBe('subscriber');
	});

	test('this account accepts only an invite it received, and then runs the channel: it may post', async () => {
		const channels = fakeChannels();
		const { id } = channels.seed({ name: 'City transit', subscribers: 1200 });
		await expect(channels.acceptAdminInvite(id)).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringMatching(/no admin invite/) });
		expect(channels.postRefusal(id)?.code).toBe('not_allowed');
		channels.receiveAdminInvite(id);
		await channels.acceptAdminInvite(id);
		expect(await channels.get(id)).toMatchObject({ role: 'admin', subscribers: 1200 });
		expect(channels.postRefusal(id)).toBeUndefined();
		await expect(channels.acceptAdminInvite(id)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.acceptAdminInvite('12036300000000001@newsletter')).rejects.toMatchObject({ code: 'chat_not_found' });
	});
});
