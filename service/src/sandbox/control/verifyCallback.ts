import { randomBytes } from 'node:crypto';
import { ControlError } from '../controlError';

/**
 * Meta's callback check: `GET <callback>?hub.mode=subscribe&hub.challenge=...&hub.verify_token=...`, which
 * must answer 200 with the challenge as its body. Anything else leaves the callback unsaved.
 */
export async function verifyCallback(callbackUrl: string, verifyToken: string, timeoutMs = 5000): Promise<void> {
	const challenge = String(randomBytes(4).readUInt32BE());
	const url = new URL(callbackUrl);
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.challenge', challenge);
	url.searchParams.set('hub.verify_token', verifyToken);
	let status = 0;
	let text = '';
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'facebookplatform/1.0' } });
		status = response.status;
		text = await response.text();
	} catch (error) {
		throw new ControlError(400, 'webhook_verification_failed', `The callback URL could not be reached: ${error instanceof Error ? error.message : String(error)}`);
	}
	if (status !== 200 || text.trim() !== challenge) {
		throw new ControlError(400, 'webhook_verification_failed', 'The callback URL did not answer the challenge (expected HTTP 200 with hub.challenge as the body).', {
			status,
		});
	}
}
