import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { CHAT, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

const LABELS = [
	{ id: '1', name: 'New customer', color: '#a62c71' },
	{ id: '2', name: 'New order', color: '#8b6990' },
	{ id: '4', name: 'Paid', color: '#ff9485' },
];

describe('WhatsApp Web › Label', () => {
	beforeEach(() => {
		service().on('GET', '/v1/web/sessions/:name/labels', { json: { data: LABELS } });
		service().on('GET', '/v1/web/sessions/:name/chats/:chat/labels', { json: { data: [LABELS[0]] } });
		service().on('PUT', '/v1/web/sessions/:name/chats/:chat/labels', (request) => ({ json: { data: LABELS.filter((label) => ((request.body as IDataObject).labelIds as string[]).includes(label.id)) } }));
	});
	const update = (labelMode: string, labels: string) => n8n().run([web({ resource: 'label', operation: 'updateChatLabels', session: sessionNamed('sales'), chatId: CHAT, labelMode, labels })]);
	const sent = () => service().calls('PUT', /\/labels$/).map((request) => (request.body as IDataObject).labelIds);

	test('add keeps the chat’s labels, remove takes some off, replace sets exactly these; names match without case, ids too', async () => {
		const added = await update('add', 'new ORDER, 4');
		expect(added.json('WhatsApp Web')[0]).toMatchObject({ session: 'sales', chatId: CHAT, labels: [LABELS[0], LABELS[1], LABELS[2]] });
		await update('remove', 'New customer');
		await update('replace', '');
		expect(sent()).toEqual([['1', '2', '4'], [], []]);
	});

	test('a label the account does not have fails naming it, and nothing changes', async () => {
		const run = await update('add', 'Paid, VIP');
		expect(run.nodeError('WhatsApp Web')).toMatchObject({ message: 'Labels: the account has no label "VIP"', description: 'Its labels: New customer, New order, Paid.' });
		expect(sent()).toEqual([]);
		const list = await n8n().run([web({ resource: 'label', operation: 'list', session: sessionNamed('sales') })]);
		expect(list.json('WhatsApp Web').map((item) => item.name)).toEqual(['New customer', 'New order', 'Paid']);
	});
});
