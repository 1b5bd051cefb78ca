import type { IDataObject } from 'n8n-workflow';
import { serviceError } from '../../../support/n8n';
import { acceptMessages, business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

describe('Message › Reply, React and Mark as Read', () => {
	test('reply quotes the received message and can carry any content type', async () => {
		service().on('POST', '/v1/messages', acceptMessages);
		const run = await n8n().run([business({ resource: 'message', operation: 'reply', to: '15550001', replyTo: ' wamid.IN1 ', messageType: 'location', latitude: 1.5, longitude: 2.5 })]);
		expect(run.status).toBe('success');
		expect(service().calls('POST', '/v1/messages')[0].body).toEqual({ channel: 'cloud', to: '15550001', replyTo: 'wamid.IN1', type: 'location', location: { latitude: 1.5, longitude: 2.5 } });
	});

	test('react sends the emoji for the message; an empty emoji removes the reaction', async () => {
		service().on('POST', '/v1/messages', acceptMessages);
		await n8n().run([business({ resource: 'message', operation: 'react', to: '15550001', messageId: 'wamid.IN1', emoji: '🎉' })]);
		await n8n().run([business({ resource: 'message', operation: 'react', to: '15550001', messageId: 'wamid.IN1', emoji: '' })]);
		expect(service().calls('POST', '/v1/messages').map((request) => (request.body as IDataObject).reaction)).toEqual([
			{ messageId: 'wamid.IN1', emoji: '🎉' },
			{ messageId: 'wamid.IN1', emoji: '' },
		]);
	});

	test('mark as read with typing indicator from the chosen number; the output confirms it', async () => {
		service().on('POST', '/v1/messages/read', { json: { success: true } });
		const run = await n8n().run([business({ resource: 'message', operation: 'markRead', from: '106540352242922', messageId: 'wamid.IN2', typing: true })]);
		expect(service().calls('POST', '/v1/messages/read')[0].body).toEqual({ channel: 'cloud', from: '106540352242922', messageId: 'wamid.IN2', typing: true });
		expect(run.json('WhatsApp')).toEqual([{ success: true, messageId: 'wamid.IN2', typing: true }]);
	});

	test('a message the provider does not know is reported with its code', async () => {
		service().on('POST', '/v1/messages/read', serviceError(404, 'not_found', 'Message wamid.X not found', { providerCode: 100 }));
		const run = await n8n().run([business({ resource: 'message', operation: 'markRead', messageId: 'wamid.X' })]);
		expect(run.nodeError('WhatsApp')).toMatchObject({ message: 'Message wamid.X not found', httpCode: '404' });
	});
});
