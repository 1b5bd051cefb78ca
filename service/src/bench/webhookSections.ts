import autocannon from 'autocannon';
import { createBenchWorld, WebhookFactory, type BenchWorld } from './benchWorld';
import { SERVICE_MAIN, startChild, type ChildService } from './childService';
import type { BenchOptions, BenchSection, Figure } from './framework';
import { pacedLoad, percentile } from './pacedLoad';
import { BenchSink } from './sink';
import path from 'node:path';

const BARE_SERVER = path.resolve(__dirname, '..', '..', 'dist', 'bench', 'bareServer.js');
const CONNECTIONS = 64;

/** Signed, unique webhooks at full speed against one base URL (a closed loop: throughput). */
async function load(base: string, world: Pick<BenchWorld, 'appId' | 'appSecret' | 'phoneNumberId' | 'wabaId'>, seconds: number) {
	const factory = new WebhookFactory(world);
	return autocannon({
		url: base,
		connections: CONNECTIONS,
		duration: seconds,
		timeout: 10,
		requests: [
			{
				method: 'POST',
				path: `/webhooks/meta/${world.appId}`,
				setupRequest: (request) => {
					const next = factory.next();
					return { ...request, body: next.body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': next.signature } };
				},
			},
		],
	});
}

/** Signed, unique webhooks at a steady rate, evenly spaced, as Meta delivers them (see pacedLoad). */
function paced(base: string, world: Pick<BenchWorld, 'appId' | 'appSecret' | 'phoneNumberId' | 'wabaId'>, seconds: number, rate: number, onSend?: (wamid: string, at: number) => void) {
	const factory = new WebhookFactory(world);
	const wamids: string[] = [];
	return pacedLoad({
		url: base,
		rate,
		seconds,
		warmupSeconds: 1,
		request: (n) => {
			const next = factory.next();
			if (n >= 0) wamids[n] = next.wamid;
			return { path: `/webhooks/meta/${world.appId}`, body: next.body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': next.signature } };
		},
		onStart: onSend && ((n, at) => onSend(wamids[n] as string, at)),
	});
}

const waitUntil = async (predicate: () => boolean, timeoutMs: number) => {
	const deadline = Date.now() + timeoutMs;
	while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
	return predicate();
};

async function withChild<T>(world: BenchWorld, env: Record<string, string>, work: (child: ChildService) => Promise<T>): Promise<T> {
	const child = await startChild(SERVICE_MAIN, ['serve'], { ...world.env, ...env });
	try {
		return await work(child);
	} finally {
		await child.stop();
	}
}

/**
 * Durable ingest: the rate of signed webhooks answered 200 (rows and events committed) by the real service, on
 * SQLite and MariaDB, beside a bare Fastify server that does nothing, under the same load in the same run.
 * The service runs as a separate process, as in production; a subscription exists, so every webhook also writes
 * its event and outbox row. Delivery is switched off in this process during the ingest runs (in production it
 * may run on another replica); the delivery figures come from draining the backlog afterwards.
 */
export const webhookIngestSection: BenchSection = {
	name: 'webhooks',
	description: 'durable webhook ingest vs a bare server, delivery throughput, end-to-end latency',
	async run(options: BenchOptions): Promise<Figure[]> {
		const seconds = options.quick ? 3 : 10;
		const figures: Figure[] = [];
		const sink = await new BenchSink().start();
		try {
			options.log('bare Fastify server…');
			const bare = await startChild(BARE_SERVER, [], {});
			const bareResult = await load(bare.url, { appId: '1', appSecret: 'x', phoneNumberId: '1', wabaId: '1' }, seconds);
			const bareRate = bareResult.requests.average;
			figures.push({ name: 'bare Fastify', value: bareRate, unit: 'req/s', note: `p99 ${bareResult.latency.p99} ms` });
			// The instrument's floor for the p99 figures below: the same paced generator against a server doing nothing.
			const bareRate2500 = await paced(bare.url, { appId: '1', appSecret: 'x', phoneNumberId: '1', wabaId: '1' }, Math.max(3, seconds / 2), 2500);
			figures.push({ name: 'bare p99 at 2,500/s', value: bareRate2500.p99, unit: 'ms', note: `p50 ${bareRate2500.p50.toFixed(1)} ms, evenly spaced: what the generator and machine add to every p99 here` });
			await bare.stop();

			const dialects = (options.mysqlUrl ? ['sqlite', 'mysql'] : ['sqlite']).filter((d) => !process.env.BENCH_DIALECTS || process.env.BENCH_DIALECTS.split(',').includes(d)) as Array<'sqlite' | 'mysql'>;
			for (const dialect of dialects) {
				const world = await createBenchWorld({ dialect, mysqlUrl: options.mysqlUrl, subscriptionUrl: sink.url });
				try {
					options.log(`${dialect}: durable ingest…`);
					sink.parse = false;
					const { full, half, warm } = await withChild(world, { EVENT_DELIVERY_ENABLED: 'false' }, async (child) => {
						const warmRun = await load(child.url, world, 1);
						const fullRun = await load(child.url, world, seconds);
						const halfRun = await paced(child.url, world, Math.max(3, seconds / 2), Math.max(1, Math.round(fullRun.requests.average / 2)));
						return { full: fullRun, half: halfRun, warm: warmRun };
					});
					const ok = full['2xx'];
					const rate = full.requests.average;
					figures.push({ name: `${dialect} durable ingest`, value: rate, unit: 'webhooks/s', goal: '>= 33% of bare', met: rate >= bareRate * 0.33, note: `${Math.round((rate / bareRate) * 100)}% of bare; ${ok} acknowledged, ${full.non2xx} non-2xx, ${full.errors} errors` });
					figures.push({ name: `${dialect} p99 at half load`, value: half.p99, unit: 'ms', goal: '< 25 ms', met: half.p99 < 25, note: `${Math.round(half.rate)} webhooks/s evenly spaced, p50 ${half.p50.toFixed(1)} ms; ${half.ok} acknowledged, ${half.non2xx} non-2xx, ${half.errors} errors` });

					// Drain the backlog the ingest runs left (one outbox row per acknowledged webhook).
					options.log(`${dialect}: delivering the backlog…`);
					const backlog = warm['2xx'] + full['2xx'] + half.ok + sink.received;
					const before = sink.received;
					sink.firstAt = 0;
					await withChild(world, { EVENT_DELIVERY_ENABLED: 'true', EVENT_DELIVERY_CONCURRENCY: '128' }, async () => {
						await waitUntil(() => sink.received >= backlog, 180_000);
					});
					const delivered = sink.received - before;
					const drainRate = delivered / ((sink.lastAt - sink.firstAt) / 1000);
					figures.push({ name: `${dialect} deliveries`, value: drainRate, unit: 'deliveries/s', goal: '>= 5,000', met: drainRate >= 5000, note: `${delivered} delivered to a local sink` });

					options.log(`${dialect}: end-to-end latency at 500 events/s…`);
					sink.parse = true;
					const sent = new Map<string, number>();
					await withChild(world, { EVENT_DELIVERY_ENABLED: 'true' }, async (child) => {
						// pacedLoad warms up for a second at the same rate first, not counted: a fresh process compiles its hot paths then.
						await paced(child.url, world, Math.max(3, seconds / 2), 500, (wamid, at) => sent.set(wamid, at));
						await waitUntil(() => [...sent.keys()].every((w) => sink.arrivals.has(w)), 30_000);
					});
					const latencies = [...sent.entries()].filter(([w]) => sink.arrivals.has(w)).map(([w, at]) => (sink.arrivals.get(w) as number) - at);
					const p50 = percentile(latencies, 50);
					const p99 = percentile(latencies, 99);
					figures.push({ name: `${dialect} end-to-end p50`, value: p50, unit: 'ms', goal: '<= 10 ms', met: p50 <= 10, note: `${latencies.length} of ${sent.size} events, Meta's POST to subscriber receipt` });
					figures.push({ name: `${dialect} end-to-end p99`, value: p99, unit: 'ms', goal: '<= 50 ms', met: p99 <= 50 });
				} finally {
					await world.drop();
				}
			}
		} finally {
			await sink.stop();
		}
		return figures;
	},
};
