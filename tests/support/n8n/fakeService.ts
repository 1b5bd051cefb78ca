import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** The JSON body, when there is one. */
	body: unknown;
	params: Record<string, string>;
}

export interface FakeAnswer {
	status?: number;
	json?: unknown;
	body?: Buffer | string;
	headers?: Record<string, string>;
}

export type FakeHandler = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

interface Route {
	method: string;
	pattern: RegExp;
	names: string[];
	handler: FakeHandler;
}

/** The service's error body. */
export function serviceError(status: number, code: string, message: string, details: Record<string, unknown> = {}): FakeAnswer {
	return { status, json: { error: { code, message, details } } };
}

/**
 * An HTTP server on 127.0.0.1:0 that answers like the companion service, route by route, and records every
 * request: unit tests check what a node sent and how it maps what came back, over real HTTP through n8n's helpers.
 */
export class FakeService {
	readonly requests: RecordedRequest[] = [];
	private routes: Route[] = [];

	private constructor(
		private readonly server: http.Server,
		readonly url: string,
	) {}

	static async start(): Promise<FakeService> {
		const server = http.createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const fake = new FakeService(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		server.on('request', (request, response) => void fake.handle(request, response));
		return fake;
	}

	/** Answers `method path` (":name" segments are captured into params); later routes win over earlier ones. */
	on(method: string, path: string, handler: FakeHandler | FakeAnswer): this {
		const names: string[] = [];
		const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, (_match, name: string) => (names.push(name), '([^/]+)'))}$`);
		this.routes.unshift({ method: method.toUpperCase(), pattern, names, handler: typeof handler === 'function' ? handler : () => handler });
		return this;
	}

	reset(): void {
		this.routes = [];
		this.requests.length = 0;
	}

	/** Requests to one route, in order. */
	calls(method: string, path: string | RegExp): RecordedRequest[] {
		return this.requests.filter((request) => request.method === method.toUpperCase() && (typeof path === 'string' ? request.path === path : path.test(request.path)));
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(request.url ?? '/', this.url);
		let body: unknown;
		if (String(request.headers['content-type'] ?? '').includes('json') && rawBody.length > 0) body = JSON.parse(rawBody.toString('utf8'));
		const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams.entries()), headers: request.headers, rawBody, body, params: {} };
		this.requests.push(recorded);
		const route = this.routes.find((candidate) => candidate.method === recorded.method && candidate.pattern.test(recorded.path));
		let answer: FakeAnswer;
		if (!route) answer = serviceError(404, 'not_found', `No fake route for ${recorded.method} ${recorded.path}`);
		else {
			const match = route.pattern.exec(recorded.path) as RegExpExecArray;
			recorded.params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
			answer = await route.handler(recorded);
		}
		const payload = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? '');
		response.writeHead(answer.status ?? 200, { ...(answer.json !== undefined ? { 'content-type': 'application/json' } : {}), ...(answer.headers ?? {}) });
		response.end(payload);
	}
}

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	content: Buffer;
}

/** Reads a multipart/form-data body back into its parts (to check what an upload sent). */
export function parseMultipart(request: RecordedRequest): MultipartPart[] {
	const boundary = /boundary=(.+)$/.exec(String(request.headers['content-type'] ?? ''))?.[1];
	if (!boundary) throw new Error(`not multipart: ${String(request.headers['content-type'])}`);
	const parts: MultipartPart[] = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let start = request.rawBody.indexOf(delimiter);
	while (start >= 0) {
		const next = request.rawBody.indexOf(delimiter, start + delimiter.length);
		if (next < 0) break;
		const part = request.rawBody.subarray(start + delimiter.length + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		parts.push({
			name: /name="([^"]*)"/.exec(headers)?.[1] ?? '',
			filename: /filename="([^"]*)"/.exec(headers)?.[1],
			contentType: /Content-Type: (.+)/i.exec(headers)?.[1]?.trim(),
			content: part.subarray(headerEnd + 4),
		});
		start = next;
	}
	return parts;
}
