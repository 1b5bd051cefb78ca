import { readdirSync, readFileSync } from 'node:fs';

/**
 * Independent of the driver's own reaper on purpose: the test must not trust the code it checks.
 * Returns live (non-zombie) processes whose command line mentions `dir` (user-data-dir or crash dir).
 */
export function liveProcessesMentioning(dir: string): { pid: number; cmdline: string }[] {
	const found: { pid: number; cmdline: string }[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
			if (state === 'Z') continue;
			const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
			if (cmdline.includes(dir)) found.push({ pid: Number(name), cmdline });
		} catch {
			// The process ended while we looked.
		}
	}
	return found;
}

export function isLiveProcess(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}
