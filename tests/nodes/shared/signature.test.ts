import { createHmac } from 'node:crypto';
import { signEventBody, SIGNATURE_TOLERANCE_SECONDS, verifyEventSignature } from '../../../nodes/shared/events/signature';

const secret = 'whsec_test';
const body = Buffer.from('{"id":"evt_1","type":"message.received"}');
const now = 1_800_000_000;

function headers(timestamp: number, signature?: string) {
	return { 'x-timestamp': String(timestamp), 'x-signature-256': signature ?? `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body.toString()}`).digest('hex')}` };
}

describe('event signature (X-Signature-256 over timestamp + "." + raw body)', () => {
	test('accepts the service’s signature computed independently', () => {
		expect(verifyEventSignature(secret, headers(now), body, now)).toEqual({ valid: true });
		expect(signEventBody(secret, String(now), body)).toBe(headers(now)['x-signature-256']);
	});

	test('refuses another secret, a changed body, a changed timestamp and a missing header', () => {
		expect(verifyEventSignature('whsec_other', headers(now), body, now)).toMatchObject({ valid: false, reason: 'signature mismatch' });
		expect(verifyEventSignature(secret, headers(now), Buffer.from(`${body.toString()} `), now)).toMatchObject({ valid: false });
		expect(verifyEventSignature(secret, { ...headers(now), 'x-timestamp': String(now + 1) }, body, now)).toMatchObject({ valid: false, reason: 'signature mismatch' });
		expect(verifyEventSignature(secret, { 'x-timestamp': String(now) }, body, now)).toMatchObject({ valid: false, reason: expect.stringContaining('missing') });
		expect(verifyEventSignature(secret, headers(now), undefined, now)).toMatchObject({ valid: false, reason: expect.stringContaining('raw request body') });
	});

	test('refuses deliveries signed too long ago or in the future (replays), at the tolerance boundary exactly', () => {
		expect(verifyEventSignature(secret, headers(now - SIGNATURE_TOLERANCE_SECONDS), body, now)).toEqual({ valid: true });
		expect(verifyEventSignature(secret, headers(now - SIGNATURE_TOLERANCE_SECONDS - 1), body, now)).toMatchObject({ valid: false, reason: expect.stringContaining('too far') });
		expect(verifyEventSignature(secret, headers(now + SIGNATURE_TOLERANCE_SECONDS + 1), body, now)).toMatchObject({ valid: false });
	});

	test('refuses signatures of the wrong length or shape without throwing', () => {
		expect(verifyEventSignature(secret, headers(now, 'sha256=abc'), body, now)).toMatchObject({ valid: false });
		expect(verifyEventSignature(secret, headers(now, ''), body, now)).toMatchObject({ valid: false });
		expect(verifyEventSignature(secret, { ...headers(now), 'x-timestamp': '12e3' }, body, now)).toMatchObject({ valid: false, reason: 'malformed X-Timestamp' });
	});
});
