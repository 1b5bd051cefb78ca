import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The exact bytes the service signed. n8n keeps them as req.rawBody for webhooks; should a version not, the
 * parsed body is serialised again, which reproduces the service's compact JSON.stringify output byte for byte.
 */
export function rawBodyOf(context: IWebhookFunctions): Buffer {
	const raw = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return Buffer.from(JSON.stringify(context.getBodyData()), 'utf8');
}
