import fs from 'node:fs';
import { findProcess, meterCpu, ownCpuSeconds, processCpuSeconds } from '../../../service/src/bench/cpuMeter';

/** The webhook benchmark's CPU-per-webhook figures rest on these readings. */
describe('bench CPU meter', () => {
	const busy = (ms: number) => {
		const until = Date.now() + ms;
		let x = 0;
		while (Date.now() < until) x += Math.sqrt(x + 1);
		return x;
	};

	test('counts the CPU a process used between two readings, and nothing for a process that does not exist', () => {
		const stop = meterCpu({ self: () => processCpuSeconds(process.pid), generator: ownCpuSeconds, ghost: () => processCpuSeconds(2 ** 30) });
		busy(300);
		const used = stop();
		expect(used.self).toBeGreaterThanOrEqual(0.2);
		expect(used.self).toBeLessThan(2);
		expect(used.generator).toBeGreaterThanOrEqual(0.2);
		expect(used.ghost).toBeUndefined();
	});

	test('finds a process by its command name', () => {
		const ownName = fs.readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
		expect(findProcess([ownName])).toBeDefined();
		expect(findProcess(['no-such-command-here'])).toBeUndefined();
	});
});
