import http from 'node:http';
import type { Readable } from 'node:stream';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, type ResponseType } from 'axios';
import { GraphCallError, parseMetaError } from './metaError';

/** Where one Graph call goes and as whom: per Meta app (base URL, version) and per number (token). */
export interface GraphTarget {
	baseUrl: string;
	version: string;
	accessToken: string;
}

export interface GraphRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path after the version, e.g. `106540352242922/messages`; or an absolute URL (media downloads, paging links). */
	path: string;
	params?: Record<string, string | number | undefined>;
	data?: unknown;
	headers?: Record<string, string>;
	responseType?: ResponseType;
	timeoutMs?: number;
}

export interface GraphClientOptions {
	timeoutMs: number;
	maxSockets: number;
}

/**
 * The one place that talks HTTP to Graph. Connections are kept alive and shared by every number in the process
 * (thousands of sends a second would otherwise pay a TCP handshake each). The token travels only in the
 * Authorization header, never in a URL, so nothing that logs URLs can leak it.
 */
export class GraphClient {
	private readonly http: AxiosInstance;
	private readonly httpAgent: http.Agent;
	private readonly httpsAgent: https.Agent;

	constructor(private readonly options: GraphClientOptions) {
		const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: Math.min(options.maxSockets, 256), scheduling: 'lifo' as const };
		this.httpAgent = new http.Agent(agentOptions);
		this.httpsAgent = new https.Agent(agentOptions);
		this.http = axios.create({
			httpAgent: this.httpAgent,
			httpsAgent: this.httpsAgent,
			timeout: options.timeoutMs,
			// Every status is inspected here, so Meta's error body is never lost in an axios exception.
			validateStatus: () => true,
			maxRedirects: 0,
			maxBodyLength: Infinity,
			maxContentLength: Infinity,
			proxy: false,
		});
	}

	url(target: Pick<GraphTarget, 'baseUrl' | 'version'>, path: string): string {
		if (/^https?:\/\//.test(path)) return path;
		return `${target.baseUrl.replace(/\/+$/, '')}/${target.version}/${path.replace(/^\/+/, '')}`;
	}

	async request<T>(target: GraphTarget, request: GraphRequest): Promise<T> {
		if (isPlainJsonCall(request)) return this.jsonRequest<T>(target, request);
		return (await this.requestRaw<T>(target, request)).data;
	}

	/**
	 * JSON in, JSON out, no query string: every send. Straight over node:http on the same agents, because axios's own
	 * work per call (merging configs, normalizing headers, transforms) was 14% of a busy process, more than the HTTP
	 * request itself. Answers and failures reach the caller exactly as through axios (see requestRaw).
	 */
	private jsonRequest<T>(target: GraphTarget, request: GraphRequest): Promise<T> {
		const url = new URL(this.url(target, request.path));
		const body = request.data === undefined ? undefined : Buffer.from(JSON.stringify(request.data));
		const headers: Record<string, string | number> = { accept: 'application/json, text/plain, */*', ...request.headers, authorization: `Bearer ${target.accessToken}` };
		if (body) {
			headers['content-type'] = 'application/json';
			headers['content-length'] = body.length;
		}
		const secure = url.protocol === 'https:';
		return new Promise<T>((resolve, reject) => {
			// Whether Meta may have the whole request (see GraphCallError.outcomeUnknown): not before the last byte left,
			// nor when a reused keep-alive socket was reset before any answer (the server had closed it while idle; Node's
			// documented case for retrying).
			let sentWhole = false;
			let answered = false;
			const transportError = (error: unknown) => {
				const staleSocket = call.reusedSocket && !answered && (error as { code?: unknown }).code === 'ECONNRESET';
				return GraphCallError.fromTransport(error, sentWhole && !staleSocket);
			};
			const call = (secure ? https : http).request(url, { method: request.method, headers, agent: secure ? this.httpsAgent : this.httpAgent }, (response) => {
				answered = true;
				const parts: Buffer[] = [];
				response.on('data', (part: Buffer) => parts.push(part));
				response.on('error', (error) => reject(transportError(error)));
				response.on('end', () => {
					const text = Buffer.concat(parts).toString('utf8');
					let data: unknown = text;
					try {
						data = text === '' ? text : JSON.parse(text);
					} catch {
						// Not JSON (a proxy's HTML page): kept as text, as axios does.
					}
					const status = response.statusCode ?? 0;
					if (status >= 400) reject(parseMetaError(status, data));
					else resolve(data as T);
				});
			});
			// Like axios's timeout: the socket stayed silent this long.
			call.setTimeout(request.timeoutMs ?? this.options.timeoutMs, () => call.destroy(Object.assign(new Error('Graph did not answer in time'), { code: 'ETIMEDOUT' })));
			call.on('error', (error) => reject(transportError(error)));
			call.on('finish', () => (sentWhole = true));
			call.end(body);
		});
	}

	async requestRaw<T>(target: GraphTarget, request: GraphRequest): Promise<AxiosResponse<T>> {
		let response: AxiosResponse<T>;
		try {
			response = await this.http.request<T>({
				method: request.method,
				url: this.url(target, request.path),
				params: request.params,
				data: request.data,
				headers: { ...request.headers, authorization: `Bearer ${target.accessToken}` },
				responseType: request.responseType ?? 'json',
				timeout: request.timeoutMs ?? this.options.timeoutMs,
			});
		} catch (error) {
			throw GraphCallError.fromTransport(error);
		}
		if (response.status >= 400) throw parseMetaError(response.status, bodyAsJson(request.responseType === 'stream' ? await readErrorBody(response.data as Readable) : response.data));
		return response;
	}

	close(): void {
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}
}

function isPlainJsonCall(request: GraphRequest): boolean {
	if (request.params !== undefined || (request.responseType ?? 'json') !== 'json') return false;
	const data = request.data;
	return data === undefined || Array.isArray(data) || (typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype);
}

/** Meta's error body behind a streamed answer: read whole (it is small JSON), up to a bound in case it is not. */
async function readErrorBody(stream: Readable, limit = 64 * 1024): Promise<Buffer> {
	const parts: Buffer[] = [];
	let size = 0;
	try {
		for await (const part of stream) {
			parts.push(part as Buffer);
			size += (part as Buffer).length;
			if (size >= limit) break;
		}
	} catch {
		// A broken error answer: what arrived is all there is.
	}
	stream.destroy();
	return Buffer.concat(parts);
}

/** Error bodies of binary requests (downloads) arrive as bytes; Meta still sends JSON in them. */
function bodyAsJson(data: unknown): unknown {
	if (Buffer.isBuffer(data) || data instanceof ArrayBuffer) {
		try {
			return JSON.parse(Buffer.from(data as Buffer).toString('utf8'));
		} catch {
			return undefined;
		}
	}
	return data;
}
