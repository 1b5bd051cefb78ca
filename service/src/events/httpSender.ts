import { Agent, errors } from 'undici';

export interface SendResult {
	ok: boolean;
	status: number | null;
	error: string | null;
	/** Milliseconds the subscriber took to answer. */
	elapsedMs: number;
}

/**
 * Posts delivery bodies over keep-alive connections, at most `maxSocketsPerHost` per subscriber origin so one slow
 * subscriber cannot take every connection. undici rather than node:http: posting 1 KB bodies to a local sink over
 * 128 connections cost the client 35-40 µs of CPU per request against 78-97 µs (node:http builds a ClientRequest,
 * an options object from the URL and an agent queue entry for every post). Redirects are not followed.
 */
export class HttpSender {
	private readonly agent: Agent;

	constructor(private readonly options: { timeoutMs: number; maxSocketsPerHost: number }) {
		this.agent = new Agent({ connections: options.maxSocketsPerHost, keepAliveTimeout: 10_000, headersTimeout: 0, bodyTimeout: 0 });
	}

	async post(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
		const started = performance.now();
		const result = (outcome: Omit<SendResult, 'elapsedMs'>): SendResult => ({ ...outcome, elapsedMs: performance.now() - started });
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return result({ ok: false, status: null, error: 'invalid target URL' });
		}
		if (target.protocol !== 'http:' && target.protocol !== 'https:') return result({ ok: false, status: null, error: 'invalid target URL' });
		// One deadline for the whole exchange (connect, answer, its body): the claim's lease is sized on it.
		const timeout = new AbortController();
		const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
		let status: number | null = null;
		try {
			const response = await this.agent.request({
				origin: target.origin,
				path: `${target.pathname}${target.search}`,
				method: 'POST',
				headers: { ...headers, 'content-type': 'application/json' },
				body,
				signal: timeout.signal,
			});
			status = response.statusCode;
			// Read the answer to its end so the connection goes back to the pool; its content does not matter, but an
			// answer cut off short of its length must fail (dump() would call it complete).
			for await (const _chunk of response.body) void _chunk;
			const ok = status >= 200 && status < 300;
			return result({ ok, status, error: ok ? null : `HTTP ${status}` });
		} catch (error) {
			return result({ ok: false, status, error: describeFailure(error, status, timeout.signal.aborted, this.options.timeoutMs) });
		} finally {
			clearTimeout(timer);
		}
	}

	close(): void {
		void this.agent.destroy().catch(() => undefined);
	}
}

function describeFailure(error: unknown, status: number | null, timedOut: boolean, timeoutMs: number): string {
	if (timedOut) return `no answer within ${timeoutMs} ms`;
	if (status !== null) return 'answer cut off';
	// Connection-level failures keep their system code (ECONNREFUSED, ENOTFOUND…): what an operator searches for.
	// undici's own codes start with UND_; a system error is either the error itself or its cause.
	const own = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
	const coded = own.code?.startsWith('E') ? own : own.cause;
	if (coded?.code) return `${coded.code}: ${coded.message}`;
	if (error instanceof errors.SocketError || error instanceof errors.ClientClosedError) return 'connection closed before an answer';
	return error instanceof Error ? error.message : String(error);
}
