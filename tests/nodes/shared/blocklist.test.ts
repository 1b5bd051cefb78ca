import type { IDataObject } from 'n8n-workflow';
import { business, useFakeService } from '../fakeServiceSetup';
import type { RecordedRequest } from '../../support/n8n';
import { sessionNamed, web } from '../WhatsAppWeb/fakeWeb';

const { service, n8n } = useFakeService();

/** Answers like the service: the first person done, the others refused as Meta refuses people who did not write lately. */
const answerBlock = (request: RecordedRequest) => {
	const body = request.body as { channel: string; from?: string; users: string[] };
	return { json: { account: { channel: body.channel, id: body.from ?? 'default' }, data: body.users.map((input, index) => (index === 0 ? { input, user: input.replace(/\D/g, ''), ok: true } : { input, user: input.replace(/\D/g, ''), ok: false, code: 131047, message: 'Re-engagement required' })) } };
};

describe('Contact › Block, Unblock and Get Blocked (Business and Web nodes)', () => {
	test('Business: block sends the numbers from the chosen number and outputs one item per person, refusals included', async () => {
		service().on('POST', '/v1/contacts/block', answerBlock);
		const run = await n8n().run([business({ resource: 'contact', operation: 'block', from: '106540352242922', users: '+1 202 555 0108,\n+44 20 7946 0958, +1 202 555 0108' })]);
		expect(service().calls('POST', '/v1/contacts/block')[0].body).toEqual({ channel: 'cloud', from: '106540352242922', users: ['+1 202 555 0108', '+44 20 7946 0958'] });
		expect(run.items('WhatsApp').map((item) => [item.json.input, item.json.ok, item.json.code, item.pairedItem])).toEqual([
			['+1 202 555 0108', true, undefined, { item: 0 }],
			['+44 20 7946 0958', false, 131047, { item: 0 }],
		]);
	});

	test('Web: unblock and get blocked go to the chosen session; the default Business number sends no "from"', async () => {
		service().on('POST', '/v1/contacts/unblock', answerBlock);
		service().on('GET', '/v1/contacts/blocked', (request) => ({ json: { account: { channel: (request.query as IDataObject).channel, id: 'sales' }, data: ['12025550108@c.us', '12025550109@c.us'] } }));
		await n8n().run([web({ resource: 'contact', operation: 'unblock', session: sessionNamed('sales'), users: ['12025550108@c.us'] })]);
		expect(service().calls('POST', '/v1/contacts/unblock')[0].body).toEqual({ channel: 'web', from: 'sales', users: ['12025550108@c.us'] });
		const listed = await n8n().run([web({ resource: 'contact', operation: 'getBlocked', session: sessionNamed('sales') })]);
		expect(service().calls('GET', '/v1/contacts/blocked')[0].query).toEqual({ channel: 'web', from: 'sales' });
		expect(listed.json('WhatsApp Web').map((item) => item.user)).toEqual(['12025550108@c.us', '12025550109@c.us']);
		await n8n().run([business({ resource: 'contact', operation: 'getBlocked' })]);
		expect(service().calls('GET', '/v1/contacts/blocked')[1].query).toEqual({ channel: 'cloud' });
	});

	test('a bad entry fails naming its position, before any request', async () => {
		const run = await n8n().run([business({ resource: 'contact', operation: 'block', users: '+1 202 555 0108, call me' })]);
		expect(run.nodeError('WhatsApp')?.message).toBe('Phone Numbers: entry 2 ("call me") is not a phone number');
		const empty = await n8n().run([web({ resource: 'contact', operation: 'block', session: sessionNamed('sales'), users: ' , ' })]);
		expect(empty.nodeError('WhatsApp Web')?.message).toBe('Phone Numbers: give at least one phone number');
		expect(service().requests).toEqual([]);
	});
});
