import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU time of processes on this machine, from /proc (Linux only; elsewhere every reading is undefined and the
 * figures that need it are left out). It tells what a throughput costs in CPU, which decides what the machine can
 * reach at most, however the work is spread over threads and processes.
 */

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks; 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/** User plus system CPU seconds a process has used so far (all its threads), or undefined when unreadable. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
	return pid === undefined ? undefined : statCpuSeconds(`/proc/${pid}/stat`);
}

/**
 * CPU seconds of one thread of a process; by default its main thread (whose id is the process id). A Node service
 * whose main thread is busy nearly all the time is bound by it, however idle the machine's other cores are.
 */
export function threadCpuSeconds(pid: number | undefined, tid = pid): number | undefined {
	return pid === undefined ? undefined : statCpuSeconds(`/proc/${pid}/task/${tid}/stat`);
}

function statCpuSeconds(file: string): number | undefined {
	try {
		const stat = fs.readFileSync(file, 'utf8');
		// The command name (field 2) may hold spaces: count fields after its closing parenthesis.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
	} catch {
		return undefined;
	}
}

/**
 * Bytes a process has written toward storage so far (write_bytes of /proc/<pid>/io, counted when it dirties the page
 * cache), or undefined when unreadable. For SQLite that is WAL frames and checkpoints, whose count per webhook decides
 * the cost of a commit; on a memory filesystem it stays 0.
 */
export function processWriteBytes(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const written = /^write_bytes: (\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'));
		return written ? Number(written[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** The first process whose command name is one of `names` (e.g. the local MariaDB server), if any. */
export function findProcess(names: readonly string[]): number | undefined {
	try {
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				if (names.includes(fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
			} catch {
				// the process ended meanwhile
			}
		}
	} catch {
		// no /proc
	}
	return undefined;
}

/** CPU seconds this process (the load generator) has used so far. */
export function ownCpuSeconds(): number {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1e6;
}

export const machineCores = (): number => os.availableParallelism();

/** How much each named counter (CPU seconds, bytes written) grew between this call and the returned stop(). */
export function meterGrowth(parties: Record<string, () => number | undefined>): () => Record<string, number | undefined> {
	const before = Object.fromEntries(Object.entries(parties).map(([name, read]) => [name, read()]));
	return () =>
		Object.fromEntries(
			Object.entries(parties).map(([name, read]) => {
				const start = before[name];
				const end = read();
				return [name, start === undefined || end === undefined ? undefined : end - start];
			}),
		);
}
