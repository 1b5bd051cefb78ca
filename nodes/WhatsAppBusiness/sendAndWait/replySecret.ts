import { createHmac } from 'crypto';

/**
 * The secret the service signs the reply delivery with. It is derived from the tenant API key and the prompt's
 * nonce, so the resumed node can recompute it from its credential and the resume URL: nothing to store between
 * sending and resuming, and only someone holding the API key could forge a reply.
 */
export function replySecret(apiKey: string, nonce: string): string {
	return `rw_${createHmac('sha256', apiKey).update(`reply-wait:${nonce}`).digest('base64url')}`;
}
