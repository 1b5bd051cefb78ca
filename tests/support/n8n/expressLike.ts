import type { IncomingHttpHeaders } from 'node:http';

/** The parts of an Express request n8n's webhook contexts read (req.rawBody is what signature checks use). */
export interface WebhookRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	query: Record<string, string>;
	params: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
}

export function webhookRequest(input: { method?: string; url: string; headers?: IncomingHttpHeaders; body?: Buffer | string | object }): WebhookRequest {
	const rawBody = input.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(input.body) ? input.body : Buffer.from(typeof input.body === 'string' ? input.body : JSON.stringify(input.body));
	let body: unknown = {};
	if (rawBody.length > 0) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = rawBody.toString('utf8');
		}
	}
	const parsed = new URL(input.url, 'http://harness.local');
	return {
		method: input.method ?? 'POST',
		url: `${parsed.pathname}${parsed.search}`,
		headers: { 'content-type': 'application/json', ...(input.headers ?? {}) },
		query: Object.fromEntries(parsed.searchParams.entries()),
		params: {},
		body,
		rawBody,
	};
}

/** Records what a node writes to the response itself (status codes on refusals). */
export class RecordingResponse {
	statusCode = 200;
	body: unknown;
	headersSent = false;
	readonly headers: Record<string, string> = {};

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	end(body?: unknown): this {
		if (body !== undefined) this.body = body;
		this.headersSent = true;
		return this;
	}
}
