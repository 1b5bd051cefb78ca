import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { GROUP, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

const CHANNEL = '120363025246125999@newsletter';
const ANA = '15550008001@c.us';
const channelPath = `/v1/web/sessions/sales/channels/${encodeURIComponent(CHANNEL)}`;
const channelOp = (operation: string, fields: IDataObject = {}) => web({ resource: 'channel', operation, session: sessionNamed('sales'), channelId: CHANNEL, ...fields });

describe('WhatsApp Web › Channel › Search', () => {
	test('sends the text, upper-case countries, view, skip-followed and limit, and outputs one item per channel found', async () => {
		service().on('GET', '/v1/web/sessions/:name/channels/search', {
			json: {
				data: [
					{ id: CHANNEL, name: 'City transit', role: 'guest' },
					{ id: '120363025246125998@newsletter', name: 'Rail fans', role: 'subscriber' },
				],
			},
		});
		const run = await n8n().run([web({ resource: 'channel', operation: 'search', session: sessionNamed('sales'), q: ' transit ', limit: 10, options: { countries: 'us, gb', view: 'popular', skipFollowed: true } })]);
		expect(service().requests.map((request) => [request.path, request.query])).toEqual([['/v1/web/sessions/sales/channels/search', { q: 'transit', countries: 'US,GB', view: 'popular', skipFollowed: 'true', limit: '10' }]]);
		expect(run.items('WhatsApp Web').map((item) => [item.json.session, item.json.name, item.pairedItem])).toEqual([
			['sales', 'City transit', { item: 0 }],
			['sales', 'Rail fans', { item: 0 }],
		]);
	});

	test('without text or options only the limit is sent; a country that is not a two-letter code fails naming the field', async () => {
		service().on('GET', '/v1/web/sessions/:name/channels/search', { json: { data: [] } });
		await n8n().run([web({ resource: 'channel', operation: 'search', session: sessionNamed('sales') })]);
		expect(service().requests.map((request) => request.query)).toEqual([{ limit: '50' }]);
		const bad = await n8n().run([web({ resource: 'channel', operation: 'search', session: sessionNamed('sales'), options: { countries: 'US, Germany' } })]);
		expect(bad.nodeError('WhatsApp Web')?.message).toBe('Countries: "GERMANY" is not a two-letter country code');
		expect(service().requests).toHaveLength(1);
	});
});

describe('WhatsApp Web › Channel › admins', () => {
	test('invite, revoke, accept, demote and transfer call their routes with the person as a user ID', async () => {
		const answer = (request: { method: string; path: string }) => ({ json: { success: true, channelId: CHANNEL, route: `${request.method} ${request.path}` } });
		service().on('POST', '/v1/web/sessions/:name/channels/:channel/admins/invites', (request) => ({ status: 201, ...answer(request) }));
		service().on('DELETE', '/v1/web/sessions/:name/channels/:channel/admins/invites/:user', answer);
		service().on('POST', '/v1/web/sessions/:name/channels/:channel/admins/invites/accept', answer);
		service().on('DELETE', '/v1/web/sessions/:name/channels/:channel/admins/:user', answer);
		service().on('PUT', '/v1/web/sessions/:name/channels/:channel/owner', answer);

		const invited = await n8n().run([channelOp('inviteAdmin', { user: '+1 555 000 8001', comment: ' Help me run it ' })]);
		expect(invited.json('WhatsApp Web')).toEqual([{ session: 'sales', success: true, channelId: CHANNEL, route: `POST ${channelPath}/admins/invites` }]);
		await n8n().run([channelOp('revokeAdminInvite', { user: ANA })]);
		await n8n().run([channelOp('acceptAdminInvite')]);
		await n8n().run([channelOp('demoteAdmin', { user: '15550008001' })]);
		await n8n().run([channelOp('transferOwnership', { user: ANA, stayAdmin: false })]);
		await n8n().run([channelOp('transferOwnership', { user: ANA })]);
		expect(service().requests.map((request) => [`${request.method} ${request.path}`, request.body ?? null])).toEqual([
			[`POST ${channelPath}/admins/invites`, { user: ANA, comment: 'Help me run it' }],
			[`DELETE ${channelPath}/admins/invites/${encodeURIComponent(ANA)}`, null],
			[`POST ${channelPath}/admins/invites/accept`, null],
			[`DELETE ${channelPath}/admins/${encodeURIComponent(ANA)}`, null],
			[`PUT ${channelPath}/owner`, { user: ANA, dismissSelfAsAdmin: true }],
			[`PUT ${channelPath}/owner`, { user: ANA, dismissSelfAsAdmin: false }],
		]);
	});

	test('a person that is no phone number or user ID, or a group as channel, fails naming the field before anything is sent', async () => {
		const badPerson = await n8n().run([channelOp('inviteAdmin', { user: 'ana' })]);
		expect(badPerson.nodeError('WhatsApp Web')?.message).toBe('Person: "ana" is not a phone number or a user ID');
		const groupAsOwner = await n8n().run([channelOp('transferOwnership', { user: GROUP })]);
		expect(groupAsOwner.nodeError('WhatsApp Web')?.message).toBe(`New Owner: "${GROUP}" is not a phone number or a user ID`);
		const groupAsChannel = await n8n().run([channelOp('demoteAdmin', { channelId: GROUP, user: ANA })]);
		expect(groupAsChannel.nodeError('WhatsApp Web')?.message).toBe(`Channel ID: "${GROUP}" is not a channel ID`);
		expect(service().requests).toEqual([]);
	});

	test('Continue On Fail turns a refused invite (this account does not own the channel) into an error item', async () => {
		service().on('POST', '/v1/web/sessions/:name/channels/:channel/admins/invites', { status: 409, json: { error: { code: 'conflict', message: 'WhatsApp does not allow this: only the owner of a channel can invite admins', details: {} } } });
		const run = await n8n().run([{ ...channelOp('inviteAdmin', { user: ANA }), onError: 'continueRegularOutput' }]);
		expect(run.items('WhatsApp Web').map((item) => [item.json.error, item.pairedItem])).toEqual([[expect.stringMatching(/only the owner/), { item: 0 }]]);
	});
});
