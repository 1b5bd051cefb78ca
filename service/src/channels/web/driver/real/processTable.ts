import { readdirSync, readFileSync } from 'node:fs';

/** Minimal view of /proc: enough to find and reap Chromium processes. Linux only; elsewhere it sees nothing. */
export interface ProcessEntry {
	readonly pid: number;
	readonly ppid: number;
	readonly pgid: number;
	/** One-letter state from /proc/<pid>/stat; Z = zombie (dead, only waiting to be reaped). */
	readonly state: string;
	readonly cmdline: string;
}

function readStat(pid: number): { ppid: number; pgid: number; state: string } | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// comm is in parentheses and may contain spaces or ')': parse after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]) };
	} catch {
		return null;
	}
}

function readCmdline(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

export function readProcess(pid: number): ProcessEntry | null {
	const stat = readStat(pid);
	return stat ? { pid, ...stat, cmdline: readCmdline(pid) } : null;
}

export function listProcesses(): ProcessEntry[] {
	let names: string[];
	try {
		names = readdirSync('/proc');
	} catch {
		return [];
	}
	const entries: ProcessEntry[] = [];
	for (const name of names) {
		if (!/^\d+$/.test(name)) continue;
		const entry = readProcess(Number(name));
		if (entry) entries.push(entry);
	}
	return entries;
}

/** Alive means it exists and is not a zombie; zombies hold no memory and die with their reaper. */
export function isAlive(pid: number): boolean {
	const entry = readStat(pid);
	if (entry) return entry.state !== 'Z' && entry.state !== 'X';
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
