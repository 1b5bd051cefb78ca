import http from 'node:http';
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
		return (await this.requestRaw<T>(target, request)).data;
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
		if (response.status >= 400) throw parseMetaError(response.status, bodyAsJson(response.data));
		return response;
	}

	close(): void {
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}
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
