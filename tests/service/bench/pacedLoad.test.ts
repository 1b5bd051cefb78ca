import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pacedLoad } from '../../../service/src/bench/pacedLoad';

describe('pacedLoad: the open-loop generator of the p99 figures', () => {
	let server: http.Server;
	let url: string;
	const arrivals: Array<{ path: string; at: number }> = [];
	beforeAll(async () => {
		server = http.createServer((request, response) => {
			arrivals.push({ path: request.url ?? '', at: performance.now() });
			request.resume();
			request.on('end', () => response.end('ok'));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	test('the measured requests follow the warm-up without a pause, and only they are counted', async () => {
		arrivals.length = 0;
		const started: number[] = [];
		const result = await pacedLoad({
			url,
			rate: 100,
			seconds: 1,
			warmupSeconds: 1,
			request: (n) => {
				// Building a payload costs time, as a signed webhook does: built during the run, 100 of them would stall it.
				const until = performance.now() + 5;
				while (performance.now() < until);
				return { path: n < 0 ? `/warmup/${-1 - n}` : `/measured/${n}`, headers: { 'content-type': 'text/plain' }, body: 'x' };
			},
			onStart: (n) => started.push(n),
		});
		expect(result.warmupOk).toBe(100);
		expect(result.ok).toBe(100);
		expect(result.latencies).toHaveLength(100);
		expect(started).toEqual(Array.from({ length: 100 }, (_, n) => n));
		const lastWarmup = arrivals.find((arrival) => arrival.path === '/warmup/99');
		const firstMeasured = arrivals.find((arrival) => arrival.path === '/measured/0');
		// 10 ms apart at 100/s; drained and rebuilt in between, the gap was over 500 ms.
		expect((firstMeasured?.at ?? Infinity) - (lastWarmup?.at ?? 0)).toBeLessThan(250);
		expect(result.rate).toBeGreaterThan(60);
		expect(result.rate).toBeLessThan(140);
	});
});
