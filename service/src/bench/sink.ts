import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A subscriber that answers 200 at once and notes what arrived and when (by the message's wamid). */
export class BenchSink {
	readonly arrivals = new Map<string, number>();
	/** Event ids seen per wamid, and how many deliveries carried it (a retry repeats the id). */
	readonly eventIdsByWamid = new Map<string, Set<string>>();
	readonly deliveriesByWamid = new Map<string, number>();
	received = 0;
	firstAt = 0;
	lastAt = 0;
	/** Parse bodies to learn wamids (latency and chaos need them; pure throughput does not). */
	parse = true;
	private server: http.Server | undefined;
	url = '';

	async start(): Promise<this> {
		this.server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
			const parts: Buffer[] = [];
			request.on('data', (part: Buffer) => parts.push(part));
			request.on('end', () => {
				const now = performance.now();
				this.received++;
				if (!this.firstAt) this.firstAt = now;
				this.lastAt = now;
				if (this.parse) {
					try {
						const event = JSON.parse(Buffer.concat(parts).toString('utf8')) as { id: string; data?: { id?: string } };
						const wamid = event.data?.id;
						if (wamid) {
							if (!this.arrivals.has(wamid)) this.arrivals.set(wamid, now);
							const ids = this.eventIdsByWamid.get(wamid) ?? new Set<string>();
							ids.add(event.id);
							this.eventIdsByWamid.set(wamid, ids);
							this.deliveriesByWamid.set(wamid, (this.deliveriesByWamid.get(wamid) ?? 0) + 1);
						}
					} catch {
						// not ours
					}
				}
				response.writeHead(200, { 'content-length': '0' }).end();
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/events`;
		return this;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}
