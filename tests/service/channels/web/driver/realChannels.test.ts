import { RealChannels } from '../../../../../service/src/channels/web/driver/real/realChannels';

const CHANNEL = '120363025246125999@newsletter';
const ANA = '15550008001@c.us';

/** A channel as the library's getChatById hands it over, seen by an account with this membership. */
const libraryChannel = (membershipType: string) => ({ id: { _serialized: CHANNEL }, name: 'Store news', description: '', isChannel: true, isReadOnly: false, channelMetadata: { membershipType } });

/** A whatsapp-web.js client that records each call and answers `answer` to the admin calls. */
function stubLibrary(options: { membershipType?: string; answer?: unknown; fail?: Error } = {}) {
	const calls: Array<[string, ...unknown[]]> = [];
	const admin =
		(name: string) =>
		async (...args: unknown[]) => {
			calls.push([name, ...args]);
			if (options.fail) throw options.fail;
			return options.answer ?? true;
		};
	const library = {
		getChatById: async (id: string) => (id === CHANNEL ? libraryChannel(options.membershipType ?? 'owner') : undefined),
		sendChannelAdminInvite: admin('sendChannelAdminInvite'),
		revokeChannelAdminInvite: admin('revokeChannelAdminInvite'),
		acceptChannelAdminInvite: admin('acceptChannelAdminInvite'),
		demoteChannelAdmin: admin('demoteChannelAdmin'),
		transferChannelOwnership: admin('transferChannelOwnership'),
		searchChannels: admin('searchChannels'),
	};
	return { channels: new RealChannels(() => library as never), calls };
}

describe('the real driver searches channels through the library', () => {
	test("views become the library's numbers, countries go only when given, and serialized models become channels", async () => {
		const model = { id: { server: 'newsletter', user: '120363025246125999', _serialized: CHANNEL }, name: 'City transit', isChannel: true, isReadOnly: true, isMuted: false, channelMetadata: { description: 'Buses and trains', membershipType: 'guest', inviteCode: 'AbCdEfGhIjKlMnOp', isVerified: true, createdAtTs: 1_700_000_000 } };
		const { channels, calls } = stubLibrary({ answer: [model, null] });
		const found = await channels.search({ text: 'transit', view: 'trending', limit: 5, skipFollowed: true });
		expect(found).toEqual([{ id: CHANNEL, name: 'City transit', description: 'Buses and trains', role: 'guest', inviteLink: 'https://whatsapp.com/channel/AbCdEfGhIjKlMnOp', subscribers: null, verified: true, muted: false, createdAt: 1_700_000_000 }]);
		await channels.search({ countryCodes: ['US', 'GB'] });
		expect(calls).toEqual([
			['searchChannels', { searchText: 'transit', view: 1, limit: 5, skipSubscribedNewsletters: true }],
			['searchChannels', { searchText: '', view: 0, limit: 50, skipSubscribedNewsletters: false, countryCodes: ['US', 'GB'] }],
		]);
	});

	test('a failing search is an upstream failure', async () => {
		const { channels } = stubLibrary({ fail: new Error('Evaluation failed') });
		await expect(channels.search({})).rejects.toMatchObject({ code: 'send_failed' });
	});
});

describe('the real driver manages channel admins through the library', () => {
	test('each call passes its arguments in the library order (the invite takes the person first)', async () => {
		const { channels, calls } = stubLibrary();
		await channels.inviteAdmin(CHANNEL, ANA, { comment: 'Help me run it' });
		await channels.revokeAdminInvite(CHANNEL, ANA);
		await channels.acceptAdminInvite(CHANNEL);
		await channels.demoteAdmin(CHANNEL, ANA);
		await channels.transferOwnership(CHANNEL, ANA, { dismissSelfAsAdmin: true });
		await channels.transferOwnership(CHANNEL, ANA);
		expect(calls).toEqual([
			['sendChannelAdminInvite', ANA, CHANNEL, { comment: 'Help me run it' }],
			['revokeChannelAdminInvite', CHANNEL, ANA],
			['acceptChannelAdminInvite', CHANNEL],
			['demoteChannelAdmin', CHANNEL, ANA],
			['transferChannelOwnership', CHANNEL, ANA, { shouldDismissSelfAsAdmin: true }],
			['transferChannelOwnership', CHANNEL, ANA, { shouldDismissSelfAsAdmin: false }],
		]);
	});

	test("the library's false is not_allowed; its exceptions are upstream failures", async () => {
		const { channels } = stubLibrary({ answer: false });
		await expect(channels.inviteAdmin(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.revokeAdminInvite(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.acceptAdminInvite(CHANNEL)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.demoteAdmin(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.transferOwnership(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed', message: expect.stringMatching(/must be one of its admins/) });
		const broken = stubLibrary({ fail: new Error('Execution context was destroyed') });
		await expect(broken.channels.demoteAdmin(CHANNEL, ANA)).rejects.toMatchObject({ code: 'send_failed' });
	});

	test('owner-only changes are refused before the library is asked when WhatsApp Web says this account does not own it; unknown channels are chat_not_found', async () => {
		const { channels, calls } = stubLibrary({ membershipType: 'admin' });
		await expect(channels.inviteAdmin(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed', message: 'only the owner of a channel can invite admins' });
		await expect(channels.revokeAdminInvite(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		await expect(channels.transferOwnership(CHANNEL, ANA)).rejects.toMatchObject({ code: 'not_allowed' });
		// An admin may still step down: the library decides.
		await channels.demoteAdmin(CHANNEL, ANA);
		expect(calls).toEqual([['demoteChannelAdmin', CHANNEL, ANA]]);
		await expect(channels.inviteAdmin('12036300000000001@newsletter', ANA)).rejects.toMatchObject({ code: 'chat_not_found' });
		await expect(channels.demoteAdmin('12036300000000001@newsletter', ANA)).rejects.toMatchObject({ code: 'chat_not_found' });
	});
});
