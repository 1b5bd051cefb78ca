import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
	/** http://127.0.0.1:<port>, no trailing slash. */
	url: string;
	/** Drops kept-alive connections too, so a test never waits on a client's idle socket. */
	close(): Promise<void>;
}

/** A throwaway HTTP server on a free loopback port (file hosts, subscriber sinks, fake upstreams in tests). */
export async function listenLocally(handler: http.RequestListener): Promise<LocalServer> {
	const server = http.createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
