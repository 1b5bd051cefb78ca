import http from 'node:http';

export interface PacedRequest {
	path: string;
	headers: Record<string, string>;
	body: string;
}

export interface PacedResult {
	/** Requests per second actually started. */
	rate: number;
	ok: number;
	non2xx: number;
	errors: number;
	/** Milliseconds from each request's start to its full answer, 2xx only. */
	latencies: number[];
	p50: number;
	p99: number;
}

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Requests at a steady rate, evenly spaced (request i starts at i / rate seconds), whatever the answers do: an open
 * loop, like Meta's webhooks or a workflow's sends arriving at N per second. Each latency runs from the request's own
 * start, so a slow answer never delays (and so never hides) the requests after it.
 *
 * The rate-limited mode of autocannon measures something else: each connection fires its share of the second
 * back to back as soon as the second begins, then waits for the next (bursts of `connections` concurrent requests,
 * not a rate), and its coordinated-omission correction assumes an expected interval of 1 ms whatever the rate, so
 * every answer slower than 1 ms adds invented samples. Throughput runs still use autocannon (a closed loop at full
 * speed, where neither applies).
 */
export async function pacedLoad(options: { url: string; rate: number; seconds: number; maxSockets?: number; request: (n: number) => PacedRequest; onStart?: (n: number, at: number) => void }): Promise<PacedResult> {
	const base = new URL(options.url);
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
	const total = Math.round(options.rate * options.seconds);
	const latencies: number[] = [];
	let ok = 0;
	let non2xx = 0;
	let errors = 0;
	const inFlight: Array<Promise<void>> = [];
	const send = (n: number) => {
		const { path, headers, body } = options.request(n);
		const payload = Buffer.from(body);
		const started = performance.now();
		options.onStart?.(n, started);
		inFlight.push(
			new Promise<void>((resolve) => {
				const request = http.request({ host: base.hostname, port: base.port, path, method: 'POST', agent, headers: { ...headers, 'content-length': payload.length } }, (response) => {
					response.resume();
					response.on('end', () => {
						const status = response.statusCode ?? 0;
						if (status >= 200 && status < 300) {
							ok++;
							latencies.push(performance.now() - started);
						} else {
							non2xx++;
						}
						resolve();
					});
				});
				request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
				request.on('error', () => {
					errors++;
					resolve();
				});
				request.end(payload);
			}),
		);
	};
	const start = performance.now();
	let sent = 0;
	await new Promise<void>((done) => {
		const tick = () => {
			const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * options.rate) + 1);
			while (sent < due) send(sent++);
			if (sent >= total) return done();
			// The next start is at most a few ms away: a short timer keeps the spacing even.
			setTimeout(tick, Math.max(0, Math.min(4, ((sent / options.rate) * 1000 - (performance.now() - start)) | 0)));
		};
		tick();
	});
	const elapsed = (performance.now() - start) / 1000;
	await Promise.all(inFlight);
	agent.destroy();
	return { rate: sent / Math.max(elapsed, 1e-3), ok, non2xx, errors, latencies, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
