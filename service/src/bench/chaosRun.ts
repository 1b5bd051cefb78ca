import http from 'node:http';
import { createBenchWorld, WebhookFactory } from './benchWorld';
import { SERVICE_MAIN, startChild } from './childService';
import { BenchSink } from './sink';

export interface ChaosOptions {
	dialect: 'sqlite' | 'mysql';
	mysqlUrl?: string;
	/** Kill/restart cycles; each fires a burst and SIGKILLs the service in the middle of it. */
	rounds: number;
	/** How long each burst runs before the kill. */
	burstMs: number;
	/**
	 * Keep each burst going past burstMs until this many webhooks (in all) were acknowledged, for at most 30 s more: on
	 * a loaded machine a fixed burst may end before the service answered any, and then kills nothing mid-stream.
	 */
	minAcknowledged?: number;
	/** Webhooks in flight at once. */
	concurrency: number;
	log: (line: string) => void;
}

export interface ChaosCounts {
	dialect: string;
	/** Webhooks the service answered 200. */
	acknowledged: number;
	/** Acknowledged webhooks whose event reached the subscriber. */
	delivered: number;
	/** Acknowledged webhooks whose event never arrived (the goal is 0). */
	lost: number;
	/** Messages delivered under more than one event id (the goal is 0: consumers dedupe by event id). */
	duplicates: number;
	/** Extra deliveries of the same event id (allowed: at-least-once; the subscriber dedupes). */
	redeliveries: number;
	/** Committed but the 200 was cut off by the kill: delivered though never acknowledged (allowed). */
	deliveredUnacknowledged: number;
	kills: number;
}

/** Posts signed webhooks with bounded concurrency until stopped; remembers which ones got a 200. */
function burst(url: string, factory: WebhookFactory, concurrency: number, sent: Set<string>, acknowledged: Set<string>) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	let running = true;
	const one = () =>
		new Promise<void>((resolve) => {
			const next = factory.next();
			sent.add(next.wamid);
			const request = http.request(`${url}/webhooks/meta/990001`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-hub-signature-256': next.signature, 'content-length': Buffer.byteLength(next.body) } }, (response) => {
				const parts: Buffer[] = [];
				response.on('data', (part: Buffer) => parts.push(part));
				response.on('end', () => {
					if (response.statusCode === 200 && (JSON.parse(Buffer.concat(parts).toString('utf8')) as { accepted: number }).accepted === 1) acknowledged.add(next.wamid);
					resolve();
				});
				response.on('error', () => resolve());
			});
			request.on('error', () => resolve());
			request.end(next.body);
		});
	const lanes = Array.from({ length: concurrency }, async () => {
		while (running) await one();
	});
	return {
		async stop() {
			running = false;
			await Promise.all(lanes);
			agent.destroy();
		},
	};
}

/**
 * Crash safety, measured: signed webhooks in bursts, the service SIGKILLed in the middle of each, restarted on the
 * same database; then every acknowledged webhook must have its event delivered.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosCounts> {
	const sink = await new BenchSink().start();
	const world = await createBenchWorld({
		dialect: options.dialect,
		mysqlUrl: options.mysqlUrl,
		subscriptionUrl: sink.url,
		// Short timeouts so leases of deliveries cut off by the kill expire quickly.
		env: { EVENT_DELIVERY_TIMEOUT_MS: '1000', EVENT_POLL_INTERVAL_MS: '100', EVENT_RETRY_BASE_MS: '100', EVENT_RETRY_MAX_MS: '1000', LOG_LEVEL: 'warn' },
	});
	const factory = new WebhookFactory(world, 50);
	const sent = new Set<string>();
	const acknowledged = new Set<string>();
	try {
		for (let round = 1; round <= options.rounds; round++) {
			const child = await startChild(SERVICE_MAIN, ['serve'], { ...world.env, LOG_LEVEL: 'info' });
			const load = burst(child.url, factory, options.concurrency, sent, acknowledged);
			const started = Date.now();
			await new Promise((resolve) => setTimeout(resolve, options.burstMs));
			const deadline = Date.now() + 30_000;
			while (acknowledged.size < (options.minAcknowledged ?? 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
			const lasted = Date.now() - started;
			await child.kill();
			await load.stop();
			options.log(`round ${round}: killed with SIGKILL after ${lasted} ms; ${acknowledged.size} acknowledged so far, ${sink.received} deliveries received`);
		}
		const survivor = await startChild(SERVICE_MAIN, ['serve'], { ...world.env, LOG_LEVEL: 'info' });
		try {
			const deadline = Date.now() + 60_000;
			let last = -1;
			let quietSince = Date.now();
			// Wait for every acknowledged event, then for the stream to go quiet (late duplicates would show up then).
			while (Date.now() < deadline) {
				const missing = [...acknowledged].filter((w) => !sink.arrivals.has(w)).length;
				if (sink.received !== last) {
					last = sink.received;
					quietSince = Date.now();
				}
				if (missing === 0 && Date.now() - quietSince > 1500) break;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		} finally {
			await survivor.stop();
		}
	} finally {
		await sink.stop();
		await world.drop();
	}
	const delivered = [...acknowledged].filter((w) => sink.arrivals.has(w)).length;
	let duplicates = 0;
	let redeliveries = 0;
	for (const [wamid, ids] of sink.eventIdsByWamid) {
		if (ids.size > 1) duplicates++;
		redeliveries += (sink.deliveriesByWamid.get(wamid) ?? 0) - ids.size;
	}
	return {
		dialect: options.dialect,
		acknowledged: acknowledged.size,
		delivered,
		lost: acknowledged.size - delivered,
		duplicates,
		redeliveries,
		deliveredUnacknowledged: [...sink.arrivals.keys()].filter((w) => !acknowledged.has(w)).length,
		kills: options.rounds,
	};
}
