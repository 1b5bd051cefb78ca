import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { CHAT, GROUP, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

const groupPath = `/v1/web/sessions/sales/groups/${encodeURIComponent(GROUP)}`;
const group = (overrides: IDataObject = {}): IDataObject => ({ id: GROUP, subject: 'Night shift', description: null, owner: '15550001111@c.us', createdAt: '2026-11-28T10:00:00.000Z', size: 2, participants: [{ id: '15550001111@c.us', isAdmin: true, isSuperAdmin: true }, { id: CHAT, isAdmin: false, isSuperAdmin: false }], messagesAdminsOnly: false, infoAdminsOnly: false, ...overrides });
const outcome = (id: string, ok: boolean, code: number): IDataObject => ({ id, ok, code, message: ok ? 'done' : 'refused', invited: false });

describe('WhatsApp Web › Group', () => {
	test('create sends the subject and the participants as user ids, and outputs the group with each participant result', async () => {
		service().on('POST', '/v1/web/sessions/:name/groups', (request) => ({ status: 201, json: { group: group({ subject: (request.body as IDataObject).subject }), participants: [outcome(CHAT, true, 200), outcome('99900000001@c.us', false, 404)] } }));
		const run = await n8n().run([web({ resource: 'group', operation: 'create', session: sessionNamed('sales'), subject: ' Night shift ', participants: '+1 202 555 0108,\n99900000001@c.us, 12025550108@c.us' })]);
		expect(service().requests[0]).toMatchObject({ path: '/v1/web/sessions/sales/groups', body: { subject: 'Night shift', participants: [CHAT, '99900000001@c.us'] } });
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', ...group(), participantResults: [outcome(CHAT, true, 200), outcome('99900000001@c.us', false, 404)] }]);
	});

	test('update participants outputs one item per participant, paired with its input item', async () => {
		service().on('POST', '/v1/web/sessions/:name/groups/:group/participants', (request) => ({ json: { data: ((request.body as IDataObject).participants as string[]).map((id, index) => outcome(id, index === 0, index === 0 ? 200 : 409)) } }));
		const run = await n8n().run([web({ resource: 'group', operation: 'updateParticipants', session: sessionNamed('sales'), groupId: GROUP, participantAction: 'promote', participants: ['12025550108', '12025550109@c.us'] })]);
		expect(service().requests[0]).toMatchObject({ path: `${groupPath}/participants`, body: { action: 'promote', participants: [CHAT, '12025550109@c.us'] } });
		expect(run.items('WhatsApp Web').map((item) => [item.json.id, item.json.ok, item.json.action, item.pairedItem])).toEqual([
			[CHAT, true, 'promote', { item: 0 }],
			['12025550109@c.us', false, 'promote', { item: 0 }],
		]);
	});

	test('update sends only the fields given; get, invite link (read or reset), join and leave call their routes', async () => {
		service().on('PATCH', '/v1/web/sessions/:name/groups/:group', (request) => ({ json: group(request.body as IDataObject) }));
		service().on('GET', '/v1/web/sessions/:name/groups/:group', { json: group() });
		service().on('GET', '/v1/web/sessions/:name/groups/:group/invite', { json: { groupId: GROUP, code: 'AbCdEfGhIjKl', url: 'https://chat.whatsapp.com/AbCdEfGhIjKl' } });
		service().on('POST', '/v1/web/sessions/:name/groups/:group/invite/revoke', { json: { groupId: GROUP, code: 'NewCodeNewCode', url: 'https://chat.whatsapp.com/NewCodeNewCode' } });
		service().on('POST', '/v1/web/sessions/:name/groups/join', { json: { groupId: GROUP } });
		service().on('POST', '/v1/web/sessions/:name/groups/:group/leave', { json: { success: true } });
		const updated = await n8n().run([web({ resource: 'group', operation: 'update', session: sessionNamed('sales'), groupId: GROUP, updateFields: { subject: 'Day shift', messagesAdminsOnly: true } })]);
		expect(updated.json('WhatsApp Web')[0]).toMatchObject({ subject: 'Day shift', messagesAdminsOnly: true });
		await n8n().run([web({ resource: 'group', operation: 'get', session: sessionNamed('sales'), groupId: GROUP })]);
		const link = await n8n().run([web({ resource: 'group', operation: 'inviteLink', session: sessionNamed('sales'), groupId: GROUP, reset: false })]);
		expect(link.json('WhatsApp Web')).toEqual([{ session: 'sales', groupId: GROUP, code: 'AbCdEfGhIjKl', url: 'https://chat.whatsapp.com/AbCdEfGhIjKl', reset: false }]);
		await n8n().run([web({ resource: 'group', operation: 'inviteLink', session: sessionNamed('sales'), groupId: GROUP, reset: true })]);
		const joined = await n8n().run([web({ resource: 'group', operation: 'join', session: sessionNamed('sales'), invite: 'https://chat.whatsapp.com/AbCdEfGhIjKl' })]);
		expect(joined.json('WhatsApp Web')).toEqual([{ session: 'sales', groupId: GROUP, joined: true }]);
		const left = await n8n().run([web({ resource: 'group', operation: 'leave', session: sessionNamed('sales'), groupId: GROUP })]);
		expect(left.json('WhatsApp Web')).toEqual([{ session: 'sales', groupId: GROUP, left: true }]);
		expect(service().requests.map((request) => [request.method, request.path, request.body])).toEqual([
			['PATCH', groupPath, { subject: 'Day shift', messagesAdminsOnly: true }],
			['GET', groupPath, undefined],
			['GET', `${groupPath}/invite`, undefined],
			['POST', `${groupPath}/invite/revoke`, undefined],
			['POST', '/v1/web/sessions/sales/groups/join', { invite: 'https://chat.whatsapp.com/AbCdEfGhIjKl' }],
			['POST', `${groupPath}/leave`, undefined],
		]);
	});

	test('bad input fails naming the field before any request; the service refusing an admin change is a node error with its message', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ operation: 'get', groupId: CHAT }, `Group ID: "${CHAT}" is not a group chat ID`],
			[{ operation: 'create', subject: '   ', participants: '' }, "Subject: a group's name has 1 to 100 characters (got 0)"],
			[{ operation: 'create', subject: 'Ok', participants: `${CHAT}, ${GROUP}` }, `Participants: entry 2 ("${GROUP}") is not a phone number or a user ID`],
			[{ operation: 'updateParticipants', groupId: GROUP, participantAction: 'add', participants: ' , ' }, 'Participants: give at least one phone number or user ID'],
			[{ operation: 'update', groupId: GROUP, updateFields: {} }, 'Update Fields: add at least one field to change'],
			[{ operation: 'join', invite: ' ' }, 'Invite Link: give a https://chat.whatsapp.com/… link or its code'],
		];
		for (const [parameters, message] of cases) {
			const run = await n8n().run([web({ resource: 'group', session: sessionNamed('sales'), ...parameters })]);
			expect(run.nodeError('WhatsApp Web')?.message).toBe(message);
		}
		expect(service().requests).toEqual([]);

		service().on('PATCH', '/v1/web/sessions/:name/groups/:group', { status: 409, json: { error: { code: 'conflict', message: 'WhatsApp does not allow this: only group admins can change its settings', details: {} } } });
		const refused = await n8n().run([web({ resource: 'group', operation: 'update', session: sessionNamed('sales'), groupId: GROUP, updateFields: { infoAdminsOnly: true } })]);
		expect(refused.nodeError('WhatsApp Web')?.message).toContain('only group admins');
	});

	test('join requests: listed one item each; answered for all, or for the people given as user ids', async () => {
		service().on('GET', '/v1/web/sessions/:name/groups/:group/requests', { json: { data: [{ requester: CHAT, addedBy: CHAT, requestedAt: '2026-11-28T10:00:00.000Z', method: 'InviteLink' }] } });
		service().on('POST', '/v1/web/sessions/:name/groups/:group/requests', (request) => ({ json: { data: (((request.body as IDataObject).requesters as string[] | undefined) ?? [CHAT]).map((requester) => ({ requester, ok: true, message: 'done' })) } }));
		const listed = await n8n().run([web({ resource: 'group', operation: 'joinRequests', session: sessionNamed('sales'), groupId: GROUP })]);
		expect(listed.json('WhatsApp Web')).toEqual([{ session: 'sales', groupId: GROUP, requester: CHAT, addedBy: CHAT, requestedAt: '2026-11-28T10:00:00.000Z', method: 'InviteLink' }]);
		await n8n().run([web({ resource: 'group', operation: 'answerJoinRequests', session: sessionNamed('sales'), groupId: GROUP, answer: 'reject', which: 'all' })]);
		const some = await n8n().run([web({ resource: 'group', operation: 'answerJoinRequests', session: sessionNamed('sales'), groupId: GROUP, answer: 'approve', which: 'listed', participants: '+1 202 555 0109' })]);
		expect(service().calls('POST', /\/requests$/).map((request) => request.body)).toEqual([{ action: 'reject' }, { action: 'approve', requesters: ['12025550109@c.us'] }]);
		expect(some.json('WhatsApp Web')).toEqual([{ session: 'sales', groupId: GROUP, answer: 'approve', requester: '12025550109@c.us', ok: true, message: 'done' }]);
	});

	test('set picture sends a binary PNG as base64, or removes it; a GIF fails naming the field', async () => {
		service().on('PUT', '/v1/web/sessions/:name/groups/:group/picture', { json: { success: true, groupId: GROUP, picture: true } });
		service().on('DELETE', '/v1/web/sessions/:name/groups/:group/picture', { json: { success: true, groupId: GROUP, picture: false } });
		const set = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'team.png', mimeType: 'image/png', text: 'PNGDATA' } },
			web({ resource: 'group', operation: 'setPicture', session: sessionNamed('sales'), groupId: GROUP, pictureAction: 'set', binaryPropertyName: 'data' }),
		]);
		expect(set.json('WhatsApp Web')).toEqual([{ session: 'sales', success: true, groupId: GROUP, picture: true }]);
		await n8n().run([web({ resource: 'group', operation: 'setPicture', session: sessionNamed('sales'), groupId: GROUP, pictureAction: 'remove' })]);
		expect(service().requests.map((request) => [request.method, request.path, request.body])).toEqual([
			['PUT', `${groupPath}/picture`, { base64: Buffer.from('PNGDATA').toString('base64'), mimeType: 'image/png' }],
			['DELETE', `${groupPath}/picture`, undefined],
		]);
		const gif = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'team.gif', mimeType: 'image/gif', text: 'GIF' } },
			web({ resource: 'group', operation: 'setPicture', session: sessionNamed('sales'), groupId: GROUP, pictureAction: 'set' }),
		]);
		expect(gif.nodeError('WhatsApp Web')?.message).toBe('Input Binary Field: a JPEG or PNG, not image/gif');
	});
});
