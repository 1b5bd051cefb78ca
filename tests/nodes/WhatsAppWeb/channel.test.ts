import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { GROUP, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

const CHANNEL = '120363025246125999@newsletter';
const channelPath = `/v1/web/sessions/sales/channels/${encodeURIComponent(CHANNEL)}`;
const channel = (overrides: IDataObject = {}): IDataObject => ({ id: CHANNEL, name: 'Store news', description: '', role: 'owner', inviteLink: 'https://whatsapp.com/channel/0029VaAbCdEfGhIjKlMnOp', subscribers: 0, verified: false, muted: false, createdAt: '2026-11-28T10:00:00.000Z', ...overrides });

describe('WhatsApp Web › Channel', () => {
	test('create sends the trimmed name and description and outputs the channel', async () => {
		service().on('POST', '/v1/web/sessions/:name/channels', (request) => ({ status: 201, json: channel(request.body as IDataObject) }));
		const run = await n8n().run([web({ resource: 'channel', operation: 'create', session: sessionNamed('sales'), name: ' Store news ', description: 'Offers' })]);
		expect(service().requests.map((request) => [request.path, request.body])).toEqual([['/v1/web/sessions/sales/channels', { name: 'Store news', description: 'Offers' }]]);
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', ...channel({ name: 'Store news', description: 'Offers' }) }]);
	});

	test('get reads a channel by ID, or looks one up by its invite link', async () => {
		service().on('GET', '/v1/web/sessions/:name/channels/:channel', { json: channel() });
		service().on('GET', '/v1/web/sessions/:name/channels/lookup', (request) => ({ json: channel({ role: 'guest', subscribers: null, inviteLink: `https://whatsapp.com/channel/${String(request.query.invite).split('/').pop()}` }) }));
		const byId = await n8n().run([web({ resource: 'channel', operation: 'get', session: sessionNamed('sales'), by: 'id', channelId: ` ${CHANNEL} ` })]);
		expect(byId.json('WhatsApp Web')).toEqual([{ session: 'sales', ...channel() }]);
		const byInvite = await n8n().run([web({ resource: 'channel', operation: 'get', session: sessionNamed('sales'), by: 'invite', invite: 'https://whatsapp.com/channel/0029VaZz' })]);
		expect(byInvite.json('WhatsApp Web')[0]).toMatchObject({ role: 'guest', subscribers: null });
		expect(service().requests.map((request) => [request.path, request.query])).toEqual([
			[channelPath, {}],
			['/v1/web/sessions/sales/channels/lookup', { invite: 'https://whatsapp.com/channel/0029VaZz' }],
		]);
	});

	test('get many outputs one item per channel; follow, unfollow and delete call their routes', async () => {
		service().on('GET', '/v1/web/sessions/:name/channels', { json: { data: [channel(), channel({ id: '120363025246125998@newsletter', role: 'subscriber' })] } });
		service().on('POST', '/v1/web/sessions/:name/channels/:channel/follow', (request) => ({ json: { success: true, channelId: request.params.channel, following: true } }));
		service().on('DELETE', '/v1/web/sessions/:name/channels/:channel/follow', (request) => ({ json: { success: true, channelId: request.params.channel, following: false } }));
		service().on('DELETE', '/v1/web/sessions/:name/channels/:channel', (request) => ({ json: { success: true, channelId: request.params.channel, deleted: true } }));
		const many = await n8n().run([web({ resource: 'channel', operation: 'list', session: sessionNamed('sales') })]);
		expect(many.items('WhatsApp Web').map((item) => [item.json.id, item.json.role, item.pairedItem])).toEqual([
			[CHANNEL, 'owner', { item: 0 }],
			['120363025246125998@newsletter', 'subscriber', { item: 0 }],
		]);
		await n8n().run([web({ resource: 'channel', operation: 'follow', session: sessionNamed('sales'), channelId: CHANNEL, following: true })]);
		const unfollowed = await n8n().run([web({ resource: 'channel', operation: 'follow', session: sessionNamed('sales'), channelId: CHANNEL, following: false })]);
		expect(unfollowed.json('WhatsApp Web')).toEqual([{ session: 'sales', success: true, channelId: CHANNEL, following: false }]);
		await n8n().run([web({ resource: 'channel', operation: 'delete', session: sessionNamed('sales'), channelId: CHANNEL })]);
		expect(service().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/web/sessions/sales/channels', `POST ${channelPath}/follow`, `DELETE ${channelPath}/follow`, `DELETE ${channelPath}`]);
	});

	test('a chat ID that is no channel, an empty name or invite link fail naming the field before anything is sent', async () => {
		const group = await n8n().run([web({ resource: 'channel', operation: 'delete', session: sessionNamed('sales'), channelId: GROUP })]);
		expect(group.nodeError('WhatsApp Web')?.message).toBe(`Channel ID: "${GROUP}" is not a channel ID`);
		const noName = await n8n().run([web({ resource: 'channel', operation: 'create', session: sessionNamed('sales'), name: '  ' })]);
		expect(noName.nodeError('WhatsApp Web')?.message).toBe('Name: give the channel a name');
		const long = await n8n().run([web({ resource: 'channel', operation: 'create', session: sessionNamed('sales'), name: 'x'.repeat(101) })]);
		expect(long.nodeError('WhatsApp Web')?.message).toBe('Name: 101 characters, WhatsApp allows 100');
		const noInvite = await n8n().run([web({ resource: 'channel', operation: 'get', session: sessionNamed('sales'), by: 'invite', invite: '  ' })]);
		expect(noInvite.nodeError('WhatsApp Web')?.message).toMatch(/^Invite Link: give a/);
		expect(service().requests).toEqual([]);
	});

	test('Continue On Fail turns a refused delete (a channel this account only follows) into an error item', async () => {
		service().on('DELETE', '/v1/web/sessions/:name/channels/:channel', { status: 409, json: { error: { code: 'not_allowed', message: 'only the owner of a channel can delete it', details: {} } } });
		const run = await n8n().run([{ ...web({ resource: 'channel', operation: 'delete', session: sessionNamed('sales'), channelId: CHANNEL }), onError: 'continueRegularOutput' }]);
		expect(run.items('WhatsApp Web').map((item) => [item.json.error, item.pairedItem])).toEqual([[expect.stringMatching(/only the owner/), { item: 0 }]]);
	});
});
