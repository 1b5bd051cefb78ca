import fs from 'node:fs';
import { generateApiKey } from '../auth/apiKeys';
import { systemPlatformScope, systemScope } from '../auth/tenantScope';
import { repositories } from '../context';
import { openStorage } from '../storage/database';
import { SecretBox } from '../storage/secretBox';
import { createBenchWorld, type BenchWorld } from './benchWorld';
import { SERVICE_MAIN, startChild, type ChildService } from './childService';
import type { BenchOptions, BenchSection, Figure } from './framework';

/** A SQLite bench world plus two keys: the tenant's admin (sessions API) and a platform admin (the Web sandbox's phones). */
async function createWebWorld(env: Record<string, string>): Promise<BenchWorld & { tenantKey: string; platformKey: string }> {
	const world = await createBenchWorld({ dialect: 'sqlite', env });
	const storage = openStorage({ dialect: 'sqlite', path: world.env.SQLITE_PATH as string });
	try {
		const repos = repositories(storage.db, new SecretBox(Buffer.from(world.env.ENCRYPTION_KEY as string, 'base64')));
		const tenantKey = generateApiKey();
		await repos.apiKeys.create({ tenant: systemScope(world.tenantId, 'bench') }, { name: 'bench', prefix: tenantKey.prefix, hash: tenantKey.hash, scopes: ['read', 'send', 'admin'], createdBy: 'bench' });
		const platformKey = generateApiKey();
		await repos.apiKeys.create({ platform: systemPlatformScope('bench') }, { name: 'bench-platform', prefix: platformKey.prefix, hash: platformKey.hash, scopes: ['read', 'send', 'admin'], createdBy: 'bench' });
		return { ...world, tenantKey: tenantKey.key, platformKey: platformKey.key };
	} finally {
		await storage.close();
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set of a process, from /proc (Linux), in bytes. */
function rssOf(pid: number): number {
	const kb = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB$/m)?.[1];
	if (!kb) throw new Error(`no VmRSS for process ${pid}`);
	return Number(kb) * 1024;
}

/**
 * The child's V8 inspector (it runs with --inspect on a random loopback port): forces a full GC and reads the heap
 * without a hook in the product.
 */
class Inspector {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
			const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!waiter) return;
			this.pending.delete(message.id as number);
			if (message.error) waiter.reject(new Error(message.error.message));
			else waiter.resolve(message.result);
		});
	}

	static async connect(child: ChildService): Promise<Inspector> {
		const url = child.output.map((line) => line.match(/Debugger listening on (ws:\/\/\S+)/)?.[1]).find(Boolean);
		if (!url) throw new Error(`the child printed no inspector URL:\n${child.output.slice(0, 10).join('\n')}`);
		const socket = new WebSocket(url);
		await new Promise<void>((resolve, reject) => {
			socket.addEventListener('open', () => resolve(), { once: true });
			socket.addEventListener('error', () => reject(new Error(`cannot reach the child's inspector at ${url}`)), { once: true });
		});
		return new Inspector(socket);
	}

	send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	/** Disconnects and waits for it: a process with an inspector client attached waits for it before exiting. */
	async close(): Promise<void> {
		if (this.socket.readyState === WebSocket.CLOSED) return;
		const closed = new Promise<void>((resolve) => this.socket.addEventListener('close', () => resolve(), { once: true }));
		this.socket.close();
		await closed;
	}
}

/** The child's memory once idle: a pause, full GCs, then the median of several RSS samples, and the heap in use. */
async function settledMemory(pid: number, inspector: Inspector, quick: boolean): Promise<{ rss: number; heapUsed: number }> {
	await sleep(quick ? 1000 : 3000);
	for (let round = 0; round < 3; round += 1) {
		await inspector.send('HeapProfiler.collectGarbage');
		await sleep(200);
	}
	const samples: number[] = [];
	for (let i = 0; i < 5; i += 1) {
		samples.push(rssOf(pid));
		await sleep(300);
	}
	const heap = await inspector.send<{ usedSize: number }>('Runtime.getHeapUsage');
	return { rss: samples.sort((a, b) => a - b)[2] as number, heapUsed: heap.usedSize };
}

/** The service's HTTP API as the tenant (and the Web sandbox's control API as a platform admin, to play the phone). */
class WebApi {
	constructor(
		private readonly child: ChildService,
		private readonly world: { tenantId: string; tenantKey: string; platformKey: string },
	) {}

	private async call<T = Record<string, unknown>>(key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
		const response = await fetch(`${this.child.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
			...(body !== undefined ? { body: JSON.stringify(body) } : {}),
		});
		return { status: response.status, json: (await response.json()) as T };
	}

	private async waitForStatus(name: string, status: string, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let last: unknown;
		while (Date.now() < deadline) {
			const response = await this.call<{ status?: string }>(this.world.tenantKey, 'GET', `/v1/web/sessions/${name}`);
			last = response.json;
			if (response.status === 200 && response.json.status === status) return;
			await sleep(10);
		}
		throw new Error(`session ${name} never reached ${status}; last: ${JSON.stringify(last)}`);
	}

	/** Creates a session (it starts and offers a QR code), has the fake phone scan it, and waits until it is WORKING. */
	async link(name: string): Promise<void> {
		const created = await this.call(this.world.tenantKey, 'POST', '/v1/web/sessions', { name });
		if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${JSON.stringify(created.json)}`);
		await this.waitForStatus(name, 'SCAN_QR');
		const scanned = await this.call(this.world.platformKey, 'POST', `/sandbox/web/${this.world.tenantId}/${name}/scan`);
		if (scanned.status !== 200) throw new Error(`scan ${name}: ${scanned.status} ${JSON.stringify(scanned.json)}`);
		await this.waitForStatus(name, 'WORKING');
	}

	async working(): Promise<number> {
		const response = await this.call<{ data: Array<{ status: string }> }>(this.world.tenantKey, 'GET', '/v1/web/sessions');
		return response.json.data.filter((session) => session.status === 'WORKING').length;
	}
}

/**
 * Memory of the real service with idle, linked WhatsApp Web sessions on the fake driver (issue 5's closing figures):
 * the compiled service runs as a child on a fresh SQLite database; sessions are created and linked through its
 * HTTP API, the phone played through the Web sandbox's control API. One session is linked first, so code paths,
 * prepared statements and JIT warm-up are not charged to the others; then N more. Before each measurement the child
 * is left idle, then fully garbage-collected through its inspector (--inspect, nothing added to the product), so
 * the figures hold live memory, not garbage the linking left behind.
 */
export const webIdleSessionsSection: BenchSection = {
	name: 'web',
	description: 'service RSS with idle, linked WhatsApp Web sessions (fake driver)',
	async run(options: BenchOptions): Promise<Figure[]> {
		const count = options.quick ? 20 : 100;
		// LOG_LEVEL stays info: startChild learns the child's URL from its "listening" line (requests log at debug).
		const world = await createWebWorld({ WEB_DRIVER: 'fake', WEB_MAX_SESSIONS: String(count + 10), LOG_LEVEL: 'info' });
		try {
			const child = await startChild(SERVICE_MAIN, ['serve'], world.env, 30_000, ['--inspect=127.0.0.1:0']);
			let inspector: Inspector | undefined;
			try {
				inspector = await Inspector.connect(child);
				const pid = child.process.pid as number;
				const api = new WebApi(child, world);
				options.log('linking a warm-up session…');
				await api.link('warmup');
				const before = await settledMemory(pid, inspector, options.quick);
				options.log(`linking ${count} more sessions…`);
				const started = performance.now();
				for (let index = 0; index < count; index += 1) await api.link(`idle-${index}`);
				const linkSeconds = (performance.now() - started) / 1000;
				const working = await api.working();
				if (working !== count + 1) throw new Error(`${working} of ${count + 1} sessions are WORKING`);
				const after = await settledMemory(pid, inspector, options.quick);
				const fake = 'fake-driver sessions: a real session adds its Chromium (about 300-500 MB) outside the service process';
				const measured = 'VmRSS after full GCs (forced through the inspector), median of 5 samples';
				return [
					{ name: 'RSS with 1 session', value: before.rss / 1024 / 1024, unit: 'MB', note: `the warm-up session, linked and idle; ${measured}; includes the inspector agent (--inspect)` },
					{ name: `RSS with ${count} idle sessions`, value: after.rss / 1024 / 1024, unit: 'MB', note: `${working} WORKING in all (the warm-up too); ${measured}` },
					{ name: 'overhead per idle session', value: (after.rss - before.rss) / count / 1024, unit: 'KB', note: `RSS (after - before) / ${count}, within the run-to-run noise of RSS (about 1 MB: V8 reuses freed pages); ${fake}` },
					{ name: 'heap per idle session', value: (after.heapUsed - before.heapUsed) / count / 1024, unit: 'KB', note: `V8 heap in use after full GCs (after - before) / ${count}, of ${(after.heapUsed / 1024 / 1024).toFixed(1)} MB; steadier than RSS` },
					{ name: `time to link ${count} sessions`, value: linkSeconds, unit: 's', note: 'one after another over HTTP: create, wait for SCAN_QR, scan, wait for WORKING' },
				];
			} finally {
				await inspector?.close();
				await child.stop();
			}
		} finally {
			await world.drop();
		}
	},
};
