import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

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

const PAGE_BYTES = 4096;

/**
 * A process's memory in bytes: its proportional set size (smaps_rollup: each shared page split between the processes
 * sharing it, so a browser's renderers sum to what they really hold), else its resident size; 0 once it is gone.
 * Asynchronous: the kernel walks the process's page tables for smaps_rollup (about a millisecond for a big renderer),
 * which must not hold the event loop.
 */
export async function memoryOf(pid: number): Promise<number> {
	try {
		const pss = /^Pss:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
		if (pss) return Number(pss[1]) * 1024;
	} catch {
		// Older kernels have no smaps_rollup: resident pages instead.
	}
	try {
		return Number((await readFile(`/proc/${pid}/statm`, 'utf8')).split(' ')[1]) * PAGE_BYTES;
	} catch {
		return 0;
	}
}
