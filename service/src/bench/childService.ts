import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ChildService {
	url: string;
	process: ChildProcess;
	/** Lines the child wrote (its JSON log), for diagnosis. */
	output: string[];
	/** SIGKILL: the process dies at once, mid-whatever, like a power cut for everything not yet fsynced. */
	kill(): Promise<void>;
	/** SIGTERM and wait for a clean exit. */
	stop(): Promise<void>;
}

/** The compiled service, service/dist/main.js, whether this module runs compiled (dist/bench) or from source (src/bench, in tests). */
export const SERVICE_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'main.js');

/** Starts `node <nodeArgs> <script> <args>` and waits for its "listening" log line (the service logs its URL as JSON). */
export async function startChild(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000, nodeArgs: string[] = []): Promise<ChildService> {
	const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: { ...process.env, ...env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`child did not start within ${timeoutMs} ms:\n${output.slice(-20).join('\n')}`)), timeoutMs);
		const onLine = (line: string) => {
			if (output.length < 5000) output.push(line);
			try {
				const entry = JSON.parse(line) as { url?: string; msg?: string };
				if (entry.url && /listening/i.test(entry.msg ?? '')) {
					clearTimeout(timer);
					resolve(entry.url);
				}
			} catch {
				// not a log line
			}
		};
		readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', onLine);
		readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.length < 5000 && output.push(line));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`child exited with ${code} before listening:\n${output.slice(-20).join('\n')}`));
		});
	});
	return {
		url,
		process: child,
		output,
		async kill() {
			child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			child.kill('SIGTERM');
			await exited;
		},
	};
}
