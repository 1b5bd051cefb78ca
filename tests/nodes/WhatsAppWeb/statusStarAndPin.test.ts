import type { IDataObject } from 'n8n-workflow';
import { useFakeService } from '../fakeServiceSetup';
import { acceptWebMessages, CHAT, INBOUND_ID, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

describe('WhatsApp Web › Message › Post Status, Star and Pin', () => {
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

	test('pin posts the chosen duration, unpin deletes the pin, and each outputs the answer', async () => {
		const path = `/v1/web/sessions/sales/messages/${encodeURIComponent(INBOUND_ID)}/pin`;
		service().on('POST', '/v1/web/sessions/:name/messages/:message/pin', (request) => ({ json: { success: true, messageId: request.params.message, pinned: true, expiresAt: '2026-11-29T12:00:00.000Z' } }));
		service().on('DELETE', '/v1/web/sessions/:name/messages/:message/pin', (request) => ({ json: { success: true, messageId: request.params.message, pinned: false } }));
		const pinned = await n8n().run([web({ resource: 'message', operation: 'pin', session: sessionNamed('sales'), messageId: INBOUND_ID, pinned: true, duration: '24h' })]);
		expect(pinned.json('WhatsApp Web')).toEqual([{ session: 'sales', success: true, messageId: INBOUND_ID, pinned: true, expiresAt: '2026-11-29T12:00:00.000Z' }]);
		const unpinned = await n8n().run([web({ resource: 'message', operation: 'pin', session: sessionNamed('sales'), messageId: INBOUND_ID, pinned: false, duration: '30d' })]);
		expect(unpinned.json('WhatsApp Web')).toEqual([{ session: 'sales', success: true, messageId: INBOUND_ID, pinned: false }]);
		expect(service().requests.map((request) => [request.method, request.path, request.body ?? null])).toEqual([
			['POST', path, { duration: '24h' }],
			['DELETE', path, null],
		]);
	});

	test("a 409 from the service (a group where only admins pin) fails the item with the service's reason", async () => {
		service().on('POST', '/v1/web/sessions/:name/messages/:message/pin', { status: 409, json: { error: { code: 'not_allowed', message: 'only group admins can pin or unpin messages in this group', details: {} } } });
		const run = await n8n().run([web({ resource: 'message', operation: 'pin', session: sessionNamed('sales'), messageId: INBOUND_ID, pinned: true, duration: '7d' })]);
		expect(run.nodeError('WhatsApp Web')?.message).toMatch(/only group admins can pin/);
	});

	test('get pinned messages reads the chat of a phone number, one item per message', async () => {
		service().on('GET', '/v1/web/sessions/:name/chats/:chat/pinned', (request) => ({ json: { data: [{ id: 'm1', chatId: request.params.chat }, { id: 'm2', chatId: request.params.chat }] } }));
		const run = await n8n().run([web({ resource: 'chat', operation: 'getPinned', session: sessionNamed('sales'), chatId: '+1 202 555 0108' })]);
		expect(service().requests.map((request) => request.path)).toEqual([`/v1/web/sessions/sales/chats/${encodeURIComponent(CHAT)}/pinned`]);
		expect(run.items('WhatsApp Web').map((item) => [item.json, item.pairedItem])).toEqual([
			[{ id: 'm1', chatId: CHAT }, { item: 0 }],
			[{ id: 'm2', chatId: CHAT }, { item: 0 }],
		]);
	});
});
