import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { acceptWebMessages, INBOUND_ID, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

describe('WhatsApp Web › Message › Post Status and Star', () => {
	test('text and media go to status@broadcast from the session, with no quote or mentions', async () => {
		service().on('POST', '/v1/messages', acceptWebMessages);
		await n8n().run([web({ resource: 'message', operation: 'postStatus', session: sessionNamed('sales'), statusType: 'text', text: 'Open until 8 tonight', linkPreview: false })]);
		await n8n().run([web({ resource: 'message', operation: 'postStatus', session: sessionNamed('sales'), statusType: 'media', mediaSource: 'url', mediaUrl: 'https://example.com/sale.jpg', sendAs: 'image', caption: 'Sale' })]);
		const bodies = service().calls('POST', '/v1/messages').map((request) => request.body as IDataObject);
		expect(bodies[0]).toEqual({ channel: 'web', from: 'sales', to: 'status@broadcast', type: 'text', text: { body: 'Open until 8 tonight', previewUrl: false } });
		expect(bodies[1]).toMatchObject({ channel: 'web', from: 'sales', to: 'status@broadcast', type: 'image', image: { link: 'https://example.com/sale.jpg', caption: 'Sale' } });
	});

	test('a document is refused naming Send As, before anything is sent', async () => {
		const run = await n8n().run([web({ resource: 'message', operation: 'postStatus', session: sessionNamed('sales'), statusType: 'media', mediaSource: 'url', mediaUrl: 'https://example.com/menu.pdf', sendAs: 'document' })]);
		expect(run.nodeError('WhatsApp Web')?.message).toBe('Send As: a status is an image, a video or audio, not a document');
		expect(service().requests).toEqual([]);
	});

	test('star posts the wanted state for the message and outputs the message', async () => {
		service().on('POST', '/v1/web/sessions/:name/messages/:message/star', (request) => ({ json: { id: request.params.message, starred: (request.body as IDataObject).starred || undefined } }));
		const run = await n8n().run([web({ resource: 'message', operation: 'star', session: sessionNamed('sales'), messageId: INBOUND_ID, starred: true })]);
		expect(service().requests.map((request) => [request.path, request.body])).toEqual([[`/v1/web/sessions/sales/messages/${encodeURIComponent(INBOUND_ID)}/star`, { starred: true }]]);
		expect(run.json('WhatsApp Web')).toEqual([{ session: 'sales', id: INBOUND_ID, starred: true }]);
	});
});
