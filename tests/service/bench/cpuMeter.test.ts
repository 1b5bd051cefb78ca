import fs from 'node:fs';
import path from 'node:path';
import { findProcess, meterGrowth, ownCpuSeconds, processCpuSeconds, processWriteBytes, threadCpuSeconds } from '../../../service/src/bench/cpuMeter';

/** On a memory filesystem nothing reaches a disk, so nothing is counted. */
const TMPFS_MAGIC = 0x01021994;

/** The webhook benchmark's CPU-per-webhook and disk-write figures rest on these readings. */
describe('bench CPU meter', () => {
	/**
	 * Spins until `used` (this process's CPU by default) has grown by `seconds`: CPU time, not wall time, since a loaded
	 * machine shares its cores.
	 */
	const burn = (seconds: number, used: () => number = ownCpuSeconds) => {
		const start = used();
		let x = 0;
		while (used() - start < seconds) for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + 1);
		return x;
	};

	test('counts the CPU a process used between two readings, and nothing for a process that does not exist', () => {
		const stop = meterGrowth({ self: () => processCpuSeconds(process.pid), generator: ownCpuSeconds, ghost: () => processCpuSeconds(2 ** 30) });
		burn(0.3);
		const used = stop();
		// /proc counts in 10 ms ticks; other threads of this process may add a little.
		expect(used.self).toBeGreaterThanOrEqual(0.28);
		expect(used.self).toBeLessThan(3);
		expect(used.generator).toBeGreaterThanOrEqual(0.3);
		expect(used.ghost).toBeUndefined();
	});

	test("counts a thread's own CPU: the main thread by default, nothing for a thread that does not exist", () => {
		const stop = meterGrowth({ main: () => threadCpuSeconds(process.pid), process: () => processCpuSeconds(process.pid), ghost: () => threadCpuSeconds(process.pid, 2 ** 30) });
		// Measured on the main thread itself: the process's other threads (GC, the test runner) also use some CPU.
		burn(0.3, () => threadCpuSeconds(process.pid) as number);
		const used = stop();
		expect(used.main).toBeGreaterThanOrEqual(0.3);
		// The main thread is part of the process: never more than the whole, give or take the two 10 ms ticks by which
		// Linux's per-thread and per-process figures may differ. Compared in whole ticks: 0.29 + 0.02 is 0.30999… in floats.
		const ticks = (seconds: number) => Math.round(seconds * 100);
		expect(ticks(used.main as number)).toBeLessThanOrEqual(ticks(used.process as number) + 2);
		expect(used.ghost).toBeUndefined();
		expect(threadCpuSeconds(undefined)).toBeUndefined();
	});

	test('counts the bytes a process wrote toward the disk, and nothing for a process that does not exist', () => {
		// Beside the repository, not in the temp dir: a memory filesystem there would count no writes.
		const dir = fs.mkdtempSync(path.join(process.cwd(), '.write-meter-'));
		try {
			const stop = meterGrowth({ self: () => processWriteBytes(process.pid), ghost: () => processWriteBytes(2 ** 30) });
			const fd = fs.openSync(path.join(dir, 'data'), 'w');
			for (let i = 0; i < 8; i++) fs.writeSync(fd, Buffer.alloc(512 * 1024, i + 1));
			fs.fsyncSync(fd);
			fs.closeSync(fd);
			const written = stop();
			expect(written.ghost).toBeUndefined();
			expect(processWriteBytes(undefined)).toBeUndefined();
			if (fs.statfsSync(dir).type === TMPFS_MAGIC) return;
			expect(written.self).toBeGreaterThanOrEqual(4 * 1024 * 1024);
			// This worker's other writes may land in between, not 100 MB of them.
			expect(written.self).toBeLessThan(100 * 1024 * 1024);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('finds a process by its command name', () => {
		const ownName = fs.readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
		expect(findProcess([ownName])).toBeDefined();
		expect(findProcess(['no-such-command-here'])).toBeUndefined();
	});
});
