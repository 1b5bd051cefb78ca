import type { IDataObject } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import { signEventBody } from '../../../../nodes/shared/events/signature';
import { decodeSpec } from '../../../../nodes/WhatsAppBusiness/sendAndWait/replySpec';
import { replySecret } from '../../../../nodes/WhatsAppBusiness/sendAndWait/replySecret';
import { FALLBACK_GRACE_MS } from '../../../../nodes/WhatsAppBusiness/sendAndWait/waitTime';
import { serviceError, type WorkflowRun } from '../../../support/n8n';
import { acceptMessages, API_KEY, business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

function serveWaits() {
	service().on('POST', '/v1/messages', acceptMessages);
	service().on('POST', '/v1/reply-waits', (request) => ({ status: 201, json: { id: 'rwt_1', ...(request.body as IDataObject), state: 'armed' } }));
}

const ask = (parameters: IDataObject) => business({ resource: 'message', operation: 'sendAndWait', to: '15550001', message: 'Ship order 7?', ...parameters }, 'Ask');
const prompt = () => service().calls('POST', '/v1/messages')[0].body as { type: string; interactive: { type: string; action: IDataObject }; text?: IDataObject };
const waitRequest = () => service().calls('POST', '/v1/reply-waits')[0].body as { messageId: string; targetUrl: string; secret: string; messageTypes: string[]; expiresAt?: string };

/** What the service would POST to the resume URL: the envelope, signed with the wait's secret. */
async function deliver(url: string, secret: string, envelope: IDataObject, options: { sign?: boolean } = {}) {
	const body = JSON.stringify(envelope);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const headers: Record<string, string> = { 'content-type': 'application/json', 'x-event-id': String(envelope.id), 'x-timestamp': timestamp };
	if (options.sign !== false) headers['x-signature-256'] = signEventBody(secret, timestamp, body);
	const response = await fetch(url, { method: 'POST', headers, body });
	return { status: response.status, body: (await response.json()) as IDataObject };
}

const reply = (data: IDataObject, id = 'evt_reply') => ({ id, type: 'message.received', tenantId: 'ten_1', channel: 'cloud', occurredAt: 'now', data: { id: 'wamid.R', channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: '111' }, chatId: '15550001', from: '15550001', to: '111', timestamp: 'now', ...data } });

async function askAndWait(parameters: IDataObject): Promise<{ run: WorkflowRun; nonce: string; url: string; secret: string }> {
	serveWaits();
	const run = await n8n().run([ask(parameters)], { items: [{ order: 7 }] });
	expect(run.status).toBe('waiting');
	const { targetUrl, secret } = waitRequest();
	const nonce = decodeSpec(Object.fromEntries(new URL(targetUrl).searchParams.entries()))?.nonce as string;
	return { run, nonce, url: targetUrl, secret };
}

describe('Message › Send and Wait: asking', () => {
	test('approval: Approve and Decline buttons unique to this prompt, a reply wait on the sent message pointing at the signed resume URL', async () => {
		const { run, nonce, url, secret } = await askAndWait({ responseType: 'approval', waitOptions: { header: 'Order 7', footer: 'Reply within a day' } });
		expect(prompt()).toMatchObject({
			channel: 'cloud',
			to: '15550001',
			type: 'interactive',
			interactive: { type: 'button', header: { type: 'text', text: 'Order 7' }, body: { text: 'Ship order 7?' }, footer: { text: 'Reply within a day' }, action: { buttons: [{ type: 'reply', reply: { id: `${nonce}:approve`, title: 'Approve' } }, { type: 'reply', reply: { id: `${nonce}:decline`, title: 'Decline' } }] } },
		});
		const wait = waitRequest();
		expect(wait.messageId).toMatch(/^msg_/);
		expect(wait.messageTypes).toEqual(['text', 'button', 'interactive']);
		expect(wait).not.toHaveProperty('expiresAt');
		expect(url.startsWith(`${n8n().baseUrl}/webhook-waiting/${run.executionId}/`)).toBe(true);
		expect(new URL(url).searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(secret).toBe(replySecret(API_KEY, nonce));
		expect(run.waitTill?.getTime()).toBe(WAIT_INDEFINITELY.getTime());
		expect(service().calls('POST', '/v1/messages')[0].headers['idempotency-key']).toMatch(/^n8n:/);
	});

	test('choices: up to 3 short ones as buttons, otherwise (or when asked) a list with descriptions', async () => {
		await askAndWait({ responseType: 'choice', choices: { choice: [{ label: 'Small' }, { label: 'Large' }] } });
		expect(prompt().interactive.type).toBe('button');
		service().reset();
		const { nonce } = await askAndWait({ responseType: 'choice', choices: { choice: [{ label: 'Small', description: 'S' }, { label: 'Large' }] }, waitOptions: { listButtonText: 'Sizes' } });
		expect(prompt().interactive).toMatchObject({ type: 'list', action: { button: 'Sizes', sections: [{ rows: [{ id: `${nonce}:0`, title: 'Small', description: 'S' }, { id: `${nonce}:1`, title: 'Large' }] }] } });
		service().reset();
		await askAndWait({ responseType: 'choice', choices: { choice: [{ label: 'A' }] }, waitOptions: { useList: true } });
		expect(prompt().interactive.type).toBe('list');
	});

	test('free text: a plain text question, and only text answers end the wait', async () => {
		await askAndWait({ responseType: 'freeText' });
		expect(prompt()).toMatchObject({ type: 'text', text: { body: 'Ship order 7?' } });
		expect(waitRequest().messageTypes).toEqual(['text']);
	});

	test('a wait limit expires the service’s wait; n8n wakes up only after a grace period as a fallback', async () => {
		const limit = new Date(Date.now() + 3_600_000);
		const { run } = await askAndWait({ responseType: 'freeText', waitOptions: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: limit.toISOString() } } } });
		expect(waitRequest().expiresAt).toBe(limit.toISOString());
		expect(run.waitTill?.getTime()).toBe(limit.getTime() + FALLBACK_GRACE_MS);
		service().reset();
		const before = Date.now();
		await askAndWait({ responseType: 'freeText', waitOptions: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 30, resumeUnit: 'minutes' } } } });
		const expires = Date.parse(waitRequest().expiresAt as string);
		expect(expires).toBeGreaterThanOrEqual(before + 30 * 60_000);
		expect(expires).toBeLessThan(Date.now() + 30 * 60_000 + 1000);
	});

	test('invalid choices and past limits fail before anything is sent', async () => {
		serveWaits();
		const tooMany = await n8n().run([ask({ responseType: 'choice', choices: { choice: Array.from({ length: 11 }, (_, index) => ({ label: `Option ${index}` })) } })]);
		expect(tooMany.nodeError('Ask')?.message).toBe('WhatsApp allows at most 10 rows in a list');
		const past = await n8n().run([ask({ responseType: 'freeText', waitOptions: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2000-01-01T00:00:00Z' } } } })]);
		expect(past.nodeError('Ask')?.message).toBe('The wait limit is already past');
		expect(service().requests).toHaveLength(0);
	});

	test('with Continue On Fail, a failed send outputs the error and does not wait', async () => {
		service().on('POST', '/v1/messages', serviceError(400, 'validation_failed', 'Recipient is not on WhatsApp', { providerCode: 131026 }));
		const run = await n8n().run([{ ...ask({ responseType: 'approval' }), onError: 'continueRegularOutput' }]);
		expect(run.status).toBe('success');
		expect(run.json('Ask')).toEqual([{ error: 'Recipient is not on WhatsApp' }]);
		expect(service().calls('POST', '/v1/reply-waits')).toHaveLength(0);
	});
});

describe('Message › Send and Wait: resuming', () => {
	test('a tapped Approve resumes the execution with approved: true and the reply', async () => {
		const { run, nonce, url, secret } = await askAndWait({ responseType: 'approval' });
		const answered = await deliver(url, secret, reply({ type: 'interactive', interactive: { type: 'button_reply', id: `${nonce}:approve`, title: 'Approve' } }));
		expect(answered).toEqual({ status: 200, body: { resumed: true } });
		const resumed = await n8n().nextResumption(run.executionId);
		expect(resumed.status).toBe('success');
		expect(resumed.items('Ask')).toEqual([{ json: { timedOut: false, matched: true, data: { approved: true, answer: 'Approve' }, reply: expect.objectContaining({ id: 'wamid.R', type: 'interactive' }), eventId: 'evt_reply' }, pairedItem: { item: 0 } }]);
	});

	test('a typed answer matches a choice by label or number', async () => {
		const { run, url, secret } = await askAndWait({ responseType: 'choice', choices: { choice: [{ label: 'Small' }, { label: 'Large' }] } });
		await deliver(url, secret, reply({ type: 'text', text: { body: '2' } }));
		expect((await n8n().nextResumption(run.executionId)).json('Ask')[0]).toMatchObject({ matched: true, data: { choice: { index: 1, label: 'Large' } } });
	});

	test('the service’s timeout resumes with timedOut: true', async () => {
		const { run, url, secret } = await askAndWait({ responseType: 'freeText' });
		await deliver(url, secret, { id: 'evt_timeout', type: 'reply.timeout', tenantId: 'ten_1', channel: 'cloud', occurredAt: 'now', data: { waitId: 'rwt_1' } });
		expect((await n8n().nextResumption(run.executionId)).json('Ask')).toEqual([{ timedOut: true, matched: false, data: {}, reply: null, eventId: 'evt_timeout' }]);
	});

	test('deliveries without our signature, or to a tampered resume URL, are refused and the execution keeps waiting', async () => {
		const { run, nonce, url, secret } = await askAndWait({ responseType: 'approval' });
		const tap = reply({ type: 'interactive', interactive: { type: 'button_reply', id: `${nonce}:approve`, title: 'Approve' } });
		expect((await deliver(url, secret, tap, { sign: false })).status).toBe(401);
		expect((await deliver(url, 'rw_not_the_secret', tap)).status).toBe(401);
		const tampered = new URL(url);
		tampered.searchParams.set('reply', Buffer.from(JSON.stringify({ k: 'freeText', c: [] })).toString('base64url'));
		expect(await deliver(tampered.toString(), secret, tap)).toEqual({ status: 401, body: { error: 'Invalid token' } });
		expect((await deliver(url, secret, { ...tap, type: 'message.status' })).body).toEqual({ ignored: 'message.status' });
		expect(n8n().waitingDeliveries.filter((delivery) => delivery.run?.executionId === run.executionId)).toHaveLength(0);
		await deliver(url, secret, tap);
		expect((await n8n().nextResumption(run.executionId)).json('Ask')[0]).toMatchObject({ data: { approved: true } });
	});

	test('if nothing resumes it, n8n’s own timer passes the input items on', async () => {
		const { run } = await askAndWait({ responseType: 'freeText', waitOptions: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'minutes' } } } });
		const resumed = await n8n().resumeAfterTimeout(run);
		expect(resumed.status).toBe('success');
		expect(resumed.json('Ask')).toEqual([{ order: 7 }]);
	});
});
