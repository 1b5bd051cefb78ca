import { HttpSender } from '../events/httpSender';

export interface PacedRequest {
	path: string;
	headers: Record<string, string>;
	body: string;
}

export interface PacedResult {
	/** Requests per second actually started. */
	rate: number;
	ok: number;
	/** 2xx answers during the warm-up (not in the figures; a durable target stored them too). */
	warmupOk: number;
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
 *
 * The generator must not be what is measured: every payload (JSON, HMAC signature) is built before the clock starts,
 * and a warm-up at the same rate (warmupSeconds), not counted, opens the connections and compiles the hot paths first.
 * Measured against the bare server at 2,500/s, building payloads on the fly put the generator's own pauses into the
 * p99 (4 to 38 ms from one run to the next); prepared, the bare server's p99 is the instrument's floor.
 */
export interface PacedOptions {
	url: string;
	rate: number;
	seconds: number;
	/** Seconds at the same rate before the measured run, not counted (default none). */
	warmupSeconds?: number;
	maxSockets?: number;
	/** Request n of the measured run (n from 0); warm-up requests are asked for with negative n. */
	request: (n: number) => PacedRequest;
	/** When measured request n started (performance.now()). */
	onStart?: (n: number, at: number) => void;
}

export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
	// The service's own delivery client (undici's dispatch, keep-alive), lighter than node:http, which builds a
	// ClientRequest and an agent queue entry for every post: against the bare server at 2,500/s, 69-114 µs of CPU per
	// request against 84-159. On two cores the generator's CPU is taken from the server it measures.
	const sender = new HttpSender({ timeoutMs: 30_000, maxSocketsPerHost: options.maxSockets ?? 256 });
	try {
		const warmup = Math.round(options.rate * (options.warmupSeconds ?? 0));
		const total = Math.round(options.rate * options.seconds);
		// Every payload first, then one stream: the measured requests follow the warm-up's at the same spacing. Run as
		// two (the warm-up drained, then 17,000 payloads built) the service idled for a few hundred ms in between and the
		// measured run began with a burst of slow answers, in its first 250 ms only.
		const requests = [...Array.from({ length: warmup }, (_, i) => options.request(-1 - i)), ...Array.from({ length: total }, (_, n) => options.request(n))];
		return await run(options, sender, requests, warmup);
	} finally {
		sender.close();
	}
}

/** Sends `requests` evenly spaced; the first `warmup` of them are not counted. */
async function run(options: PacedOptions, sender: HttpSender, requests: PacedRequest[], warmup: number): Promise<PacedResult> {
	const base = options.url.replace(/\/$/, '');
	const total = requests.length;
	const latencies: number[] = [];
	let ok = 0;
	let warmupOk = 0;
	let non2xx = 0;
	let errors = 0;
	let measuredFrom = 0;
	const inFlight: Array<Promise<void>> = [];
	const send = (i: number) => {
		const { path, headers, body } = requests[i] as PacedRequest;
		const counted = i >= warmup;
		if (i === warmup) measuredFrom = performance.now();
		if (counted) options.onStart?.(i - warmup, performance.now());
		inFlight.push(
			sender.post(`${base}${path}`, body, headers).then((result) => {
				if (!counted) {
					if (result.ok) warmupOk++;
				} else if (result.ok) {
					ok++;
					latencies.push(result.elapsedMs);
				} else if (result.status !== null) {
					non2xx++;
				} else {
					errors++;
				}
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
	const elapsed = (performance.now() - (warmup > 0 ? measuredFrom : start)) / 1000;
	await Promise.all(inFlight);
	return { rate: (sent - warmup) / Math.max(elapsed, 1e-3), ok, warmupOk, non2xx, errors, latencies, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
