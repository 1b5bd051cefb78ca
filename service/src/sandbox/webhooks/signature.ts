import { createHmac } from 'node:crypto';

/** Meta's `X-Hub-Signature-256` value: HMAC-SHA256 of the exact bytes sent, keyed by the app secret. */
export function hubSignature(rawBody: string | Buffer, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
