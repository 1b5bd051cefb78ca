import path from 'node:path';
import autocannon from 'autocannon';
import { SERVICE_MAIN, startChild, type ChildService } from './childService';
import type { BenchOptions, BenchSection, Figure } from './framework';
import { channelAloneRate } from './channelAlone';
import { pacedLoad, type PacedResult } from './pacedLoad';
import { createSendWorld, type SendWorld } from './sendWorld';

const SIMULATOR_MAIN = path.resolve(__dirname, 'simulatorMain.js');
/** What "unlimited" means for a number: far above anything one process can send. */
const UNLIMITED = 100_000;
type AutocannonResult = Awaited<ReturnType<typeof autocannon>>;
interface SimulatorStats {
	sends: { accepted: number };
	rateLimited130429: number;
	pairRateLimited131056: number;
}
const SET_RATE = 80;
const RECIPIENTS = 5000;

export interface Simulator {
	child: ChildService;
	stats(): Promise<SimulatorStats>;
	reset(): Promise<void>;
	setThroughput(numbers: string[], token: string, wabaId: string, appId: string, perSecond: number): Promise<void>;
}

export async function startSimulator(): Promise<Simulator> {
	const child = await startChild(SIMULATOR_MAIN, [], {
		// Statuses and the 24 h window would only add work that is not the service's; the pair limit stays on.
		SIM_CONFIG: JSON.stringify({ statusWebhooks: { enabled: false }, enforceServiceWindow: false, seedHelloWorldTemplate: false }),
	});
	const control = (route: string, body?: unknown) =>
		fetch(`${child.url}/control${route}`, { method: body === undefined ? 'GET' : 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (response) => {
			if (!response.ok) throw new Error(`simulator ${route}: ${response.status} ${await response.text()}`);
			return response.json();
		});
	return {
		child,
		stats: () => control('/stats') as Promise<SimulatorStats>,
		reset: async () => void (await control('/reset', { keepProvisioning: true })),
		setThroughput: async (numbers, token, wabaId, appId, perSecond) => {
			await control('/provision', {
				apps: [{ appId, appSecret: 'bench-app-secret' }],
				phoneNumbers: numbers.map((phoneNumberId) => ({ phoneNumberId, wabaId, appId, displayPhoneNumber: `+${phoneNumberId}`, verifiedName: 'Bench', accessToken: token, throughputPerSecond: perSecond })),
			});
		},
	};
}

/** Text sends spread evenly over `numbers`, each to a rotating recipient so no (number, user) pair nears its limit. */
function sendLoad(url: string, world: SendWorld, numbers: string[], seconds: number, options: { connections: number }): Promise<AutocannonResult> {
	let counter = 0;
	return autocannon({
		url,
		connections: options.connections,
		duration: seconds,
		timeout: 30,
		requests: [
			{
				method: 'POST',
				path: '/v1/messages',
				setupRequest: (request) => {
					const n = counter++;
					const body = { channel: 'cloud', from: numbers[n % numbers.length], to: String(16500000000 + (Math.floor(n / numbers.length) % RECIPIENTS)), type: 'text', text: { body: `bench message ${n}` } };
					return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiKey}` }, body: JSON.stringify(body) };
				},
			},
		],
	});
}

/** Text sends over `numbers` at a steady rate, evenly spaced (see pacedLoad), through the service. */
function pacedSends(url: string, world: SendWorld, numbers: string[], seconds: number, rate: number, recipientBase: number): Promise<PacedResult> {
	return pacedLoad({
		url,
		rate,
		seconds,
		request: (n) => ({
			path: '/v1/messages',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiKey}` },
			body: JSON.stringify({ channel: 'cloud', from: numbers[n % numbers.length], to: String(recipientBase + (Math.floor(n / numbers.length) % RECIPIENTS)), type: 'text', text: { body: `bench message ${n}` } }),
		}),
	});
}

/** The same sends straight to the simulator's Graph API: the yardstick for the service's added latency. */
function pacedDirect(simulatorUrl: string, world: SendWorld, numbers: string[], seconds: number, rate: number, recipientBase: number): Promise<PacedResult> {
	return pacedLoad({
		url: simulatorUrl,
		rate,
		seconds,
		request: (n) => ({
			path: `/graph/v23.0/${numbers[n % numbers.length]}/messages`,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${world.token}` },
			body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: String(recipientBase + (Math.floor(n / numbers.length) % RECIPIENTS)), type: 'text', text: { body: `bench message ${n}` } }),
		}),
	});
}

/**
 * Accepted sends per second as the simulator counts them, between 1 s after the start (the limiter's initial burst
 * is over) and the end of the load, so the figure is the steady rate Meta would see.
 */
async function steadyRate(sim: Simulator, seconds: number, run: Promise<AutocannonResult>): Promise<{ rate: number; result: AutocannonResult }> {
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const from = { at: performance.now(), accepted: (await sim.stats()).sends.accepted };
	await new Promise((resolve) => setTimeout(resolve, Math.max(1000, (seconds - 1.5) * 1000)));
	const to = { at: performance.now(), accepted: (await sim.stats()).sends.accepted };
	const result = await run;
	return { rate: (to.accepted - from.accepted) / ((to.at - from.at) / 1000), result };
}

async function withService<T>(world: SendWorld, work: (child: ChildService) => Promise<T>): Promise<T> {
	const child = await startChild(SERVICE_MAIN, ['serve'], { ...world.env, EVENT_DELIVERY_ENABLED: 'false', LOG_LEVEL: 'info', CLOUD_SEND_QUEUE_LIMIT: '100000', CLOUD_SEND_MAX_WAIT_MS: '60000' });
	try {
		return await work(child);
	} finally {
		await child.stop();
	}
}

/**
 * Sends through the service to the simulator (Meta's limits on, as Meta enforces them) for 1, 10 and 50 numbers:
 * unlimited (how fast the service goes) and at 80/s per number (how exactly the limiter keeps the set rate, and
 * that Meta never has to answer 130429). Then the latency the service adds over calling the simulator directly.
 */
export const cloudSendSection: BenchSection = {
	name: 'sends',
	description: 'Cloud sends through the service: throughput for 1/10/50 numbers, limiter accuracy at 80/s, added latency',
	async run(options: BenchOptions): Promise<Figure[]> {
		const seconds = options.quick ? 4 : 10;
		const figures: Figure[] = [];
		const sim = await startSimulator();
		const world = await createSendWorld({ dialect: 'sqlite', numbers: 50, graphBaseUrl: `${sim.child.url}/graph` });
		const unlimitedRates = new Map<number, number>();
		try {
			for (const mode of ['unlimited', 'limited'] as const) {
				const perSecond = mode === 'unlimited' ? UNLIMITED : SET_RATE;
				await world.setThroughput(perSecond);
				await sim.setThroughput(world.numbers, world.token, world.wabaId, world.appId, perSecond);
				for (const count of [1, 10, 50]) {
					const numbers = world.numbers.slice(0, count);
					await sim.reset();
					options.log(`${count} number(s), ${mode === 'unlimited' ? 'unlimited' : `${SET_RATE}/s each`}…`);
					const { rate, result } = await withService(world, async (child) => {
						// Enough senders that every number always has one waiting, so the limiter, not the load, sets the pace.
						const connections = mode === 'unlimited' ? 64 : Math.max(32, count * 4);
						return steadyRate(sim, seconds, sendLoad(child.url, world, numbers, seconds, { connections }));
					});
					const stats = await sim.stats();
					const label = `${count} number${count > 1 ? 's' : ''} ${mode === 'unlimited' ? 'unlimited' : `at ${SET_RATE}/s`}`;
					const outcome = `${result['2xx']} sent, ${result.non2xx} refused, ${result.errors} errors; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`;
					if (mode === 'unlimited') {
						unlimitedRates.set(count, rate);
						figures.push({ name: label, value: rate, unit: 'sends/s', ...(count === 50 ? { goal: '>= 2,000', met: rate >= 2000 } : {}), note: outcome });
					} else {
						const set = count * SET_RATE;
						const deviation = rate / set - 1;
						const ceiling = unlimitedRates.get(count);
						const capped = ceiling !== undefined && ceiling < set ? `capped by the service's own ${Math.round(ceiling)}/s; ` : '';
						figures.push({ name: label, value: rate, unit: 'sends/s', goal: `${set}/s ± 2%`, met: Math.abs(deviation) <= 0.02, note: `${(deviation * 100).toFixed(2)}% off; ${capped}${outcome}` });
					}
					figures.push({ name: `${label}: 130429 from Meta`, value: stats.rateLimited130429, unit: 'answers', goal: '0', met: stats.rateLimited130429 === 0, note: `131056: ${stats.pairRateLimited131056}` });
				}
			}

			options.log('the Cloud channel alone (no HTTP, auth or ledger), 50 numbers…');
			await world.setThroughput(UNLIMITED);
			await sim.setThroughput(world.numbers, world.token, world.wabaId, world.appId, UNLIMITED);
			await sim.reset();
			const alone = await channelAloneRate(world, world.numbers, seconds);
			figures.push({ name: '50 numbers, channel alone', value: alone, unit: 'sends/s', goal: '>= 2,000', met: alone >= 2000, note: 'limiter, Meta rules and Graph client only: the headroom the channel leaves to the ledger and HTTP' });

			// The limiter's accuracy where the service's own throughput is not the ceiling.
			await world.setThroughput(SET_RATE);
			await sim.setThroughput(world.numbers, world.token, world.wabaId, world.appId, SET_RATE);
			for (const count of [10, 25]) {
				await sim.reset();
				options.log(`the Cloud channel alone, ${count} numbers at ${SET_RATE}/s…`);
				const rate = await channelAloneRate(world, world.numbers.slice(0, count), seconds, count * 4);
				const set = count * SET_RATE;
				const throttled = (await sim.stats()).rateLimited130429;
				figures.push({ name: `${count} numbers at ${SET_RATE}/s, channel alone`, value: rate, unit: 'sends/s', goal: `${set}/s ± 2%`, met: Math.abs(rate / set - 1) <= 0.02, note: `${((rate / set - 1) * 100).toFixed(2)}% off; 130429 from Meta: ${throttled}` });
			}
			await world.setThroughput(UNLIMITED);
			await sim.setThroughput(world.numbers, world.token, world.wabaId, world.appId, UNLIMITED);

			options.log('added latency at 200 sends/s over 10 numbers…');
			const numbers = world.numbers.slice(0, 10);
			const latencySeconds = Math.max(3, seconds / 2);
			// Each side gets a second at the same rate first, not counted (a fresh process compiles its hot paths then),
			// and recipients of their own, so neither meets the other's per-pair limit.
			await pacedDirect(sim.child.url, world, numbers, 1, 200, 16700000000);
			const direct = await pacedDirect(sim.child.url, world, numbers, latencySeconds, 200, 16800000000);
			const through = await withService(world, async (child) => {
				await pacedSends(child.url, world, numbers, 1, 200, 16900000000);
				return pacedSends(child.url, world, numbers, latencySeconds, 200, 17000000000);
			});
			const outcome = (r: PacedResult) => `${r.ok} sent, ${r.non2xx} refused, ${r.errors} errors`;
			figures.push({ name: 'direct to simulator p50 / p99', value: direct.p50, unit: 'ms', note: `p99 ${direct.p99.toFixed(1)} ms at ${Math.round(direct.rate)}/s evenly spaced; ${outcome(direct)}` });
			figures.push({ name: 'added by the service p50', value: through.p50 - direct.p50, unit: 'ms', note: `through the service ${through.p50.toFixed(1)} ms; ${outcome(through)}` });
			figures.push({ name: 'added by the service p99', value: through.p99 - direct.p99, unit: 'ms', note: `through the service ${through.p99.toFixed(1)} ms (ledger writes included)` });
		} finally {
			await world.drop();
			await sim.child.stop();
		}
		return figures;
	},
};
