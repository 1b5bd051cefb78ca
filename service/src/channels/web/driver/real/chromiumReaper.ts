import path from 'node:path';
import { isAlive, listProcesses, type ProcessEntry } from './processTable';

/**
 * Finds and kills the Chromium processes of one session. Every process a session starts mentions the
 * session root in its command line (--user-data-dir for the browser and its helpers, --database for
 * crashpad via BREAKPAD_DUMP_LOCATION), so we match on that rather than on PIDs alone: a recorded PID
 * may have been reused, a path inside our data dir cannot be.
 */
export function sessionProcesses(root: string, browserPid: number | null, processes: readonly ProcessEntry[] = listProcesses()): ProcessEntry[] {
	const needle = root.endsWith(path.sep) ? root : root + path.sep;
	return processes.filter((entry) => {
		if (entry.pid === process.pid || entry.state === 'Z') return false;
		if (entry.cmdline.includes(needle)) return true;
		// Helpers in the browser's process group that somehow lack the path: still ours if they are Chromium.
		const inGroup = browserPid !== null && (entry.pid === browserPid || entry.pgid === browserPid);
		return inGroup && /chrom/i.test(entry.cmdline);
	});
}

export interface ReapResult {
	/** PIDs we sent SIGKILL to. */
	readonly killed: readonly number[];
	/** PIDs still alive when the wait ran out (should be empty; log loudly if not). */
	readonly survivors: readonly number[];
}

function trySignal(pid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(pid, signal);
		return true;
	} catch {
		return false;
	}
}

/** SIGKILLs whatever of the session is still running (group first, then stragglers) and waits until it is gone. */
export async function reapSession(
	root: string,
	browserPid: number | null,
	options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<ReapResult> {
	const timeoutMs = options.timeoutMs ?? 5000;
	const pollMs = options.pollMs ?? 25;
	const targets = sessionProcesses(root, browserPid);
	const killed: number[] = [];
	// Puppeteer launches Chromium detached, so the browser leads its own process group. Only signal the
	// group while the PID is still provably our browser (PIDs get reused).
	const leader = browserPid !== null ? targets.find((entry) => entry.pid === browserPid) : undefined;
	if (leader && trySignal(-leader.pid, 'SIGKILL')) killed.push(leader.pid);
	for (const entry of targets) {
		if (trySignal(entry.pid, 'SIGKILL') && !killed.includes(entry.pid)) killed.push(entry.pid);
	}
	const deadline = Date.now() + timeoutMs;
	let survivors = targets.map((entry) => entry.pid).filter(isAlive);
	while (survivors.length > 0 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, pollMs));
		survivors = survivors.filter(isAlive);
	}
	return { killed, survivors };
}

/** Chromium processes under a data path whose session root is not in `keepRoots` (left by a crashed service). */
export function orphanedProcesses(dataPath: string, keepRoots: readonly string[]): ProcessEntry[] {
	const base = path.resolve(dataPath) + path.sep;
	const keep = keepRoots.map((root) => (root.endsWith(path.sep) ? root : root + path.sep));
	return listProcesses().filter(
		(entry) =>
			entry.pid !== process.pid &&
			entry.state !== 'Z' &&
			entry.cmdline.includes(base) &&
			/chrom/i.test(entry.cmdline) &&
			!keep.some((root) => entry.cmdline.includes(root)),
	);
}
