import { createHmac } from 'node:crypto';

/**
 * The signature subscribers check: HMAC-SHA256 over `timestamp + "." + body` with the subscription's secret.
 * Binding the timestamp lets receivers refuse replays of old deliveries.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(timestamp).update('.').update(body).digest('hex')}`;
}
