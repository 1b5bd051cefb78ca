import http from 'node:http';
import https from 'node:https';

export interface SendResult {
	ok: boolean;
	status: number | null;
	error: string | null;
	/** Milliseconds the subscriber took to answer. */
	elapsedMs: number;
}

/**
 * Posts delivery bodies over keep-alive connections. Plain node:http keeps per-delivery cost low (thousands a
 * second on one core); the agents cap sockets per host so one slow subscriber cannot take every connection.
 */
export class HttpSender {
	private readonly httpAgent: http.Agent;
	private readonly httpsAgent: https.Agent;

	constructor(private readonly options: { timeoutMs: number; maxSocketsPerHost: number }) {
		this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSocketsPerHost, keepAliveMsecs: 10_000 });
		this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxSocketsPerHost, keepAliveMsecs: 10_000 });
	}

	post(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
		const started = performance.now();
		return new Promise((resolve) => {
			let settled = false;
			const finish = (result: Omit<SendResult, 'elapsedMs'>) => {
				if (settled) return;
				settled = true;
				resolve({ ...result, elapsedMs: performance.now() - started });
			};
			let answered = false;
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				return finish({ ok: false, status: null, error: 'invalid target URL' });
			}
			const isHttps = target.protocol === 'https:';
			const request = (isHttps ? https : http).request(
				target,
				{
					method: 'POST',
					agent: isHttps ? this.httpsAgent : this.httpAgent,
					headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
					timeout: this.options.timeoutMs,
				},
				(response) => {
					answered = true;
					const status = response.statusCode ?? 0;
					// Drain the answer so the socket returns to the pool; its content does not matter.
					response.on('data', () => undefined);
					response.on('end', () => finish({ ok: status >= 200 && status < 300, status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` }));
					response.on('error', (error) => finish({ ok: false, status, error: error.message }));
					response.on('close', () => finish({ ok: false, status, error: 'answer cut off' }));
				},
			);
			const timer = setTimeout(() => {
				request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`));
			}, this.options.timeoutMs);
			request.on('timeout', () => request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
			request.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: error.code ? `${error.code}: ${error.message}` : error.message }));
			request.on('close', () => {
				clearTimeout(timer);
				// Once an answer started, its own events decide the outcome.
				if (!answered) finish({ ok: false, status: null, error: 'connection closed before an answer' });
			});
			request.end(body);
		});
	}

	close(): void {
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}
}
