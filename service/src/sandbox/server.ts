import Fastify from 'fastify';
import { sandboxPlugin } from './plugin';
import { Simulator, type SimulatorOptions } from './simulator';

/**
 * The simulator on its own HTTP server (prefix ''), for tests, benchmarks and demos:
 * `const { url, simulator, close } = await startSimulatorServer({ port: 0 })`.
 */
export interface SimulatorServerOptions extends SimulatorOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	/** Use this simulator instead of creating one from the other options. */
	simulator?: Simulator;
	/** Serve the control API (default true: standalone servers are for tests and demos). */
	exposeControl?: boolean;
	/** Log requests with pino (default off: the simulator should be quiet in tests). */
	logger?: boolean;
}

export interface SimulatorServer {
	/** Base URL, e.g. http://127.0.0.1:41234; Graph calls go to `${url}/graph/v23.0/...`. */
	url: string;
	graphUrl: string;
	simulator: Simulator;
	close(): Promise<void>;
}

export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
	const simulator = options.simulator ?? new Simulator(options);
	const app = Fastify({
		logger: options.logger ?? false,
		// Benchmarks keep connections alive; closing must not wait for them.
		forceCloseConnections: true,
		keepAliveTimeout: 65_000,
		bodyLimit: 4 * 1024 * 1024,
	});
	await app.register(sandboxPlugin, { simulator, exposeControl: options.exposeControl ?? true });
	const host = options.host ?? '127.0.0.1';
	await app.listen({ host, port: options.port ?? 0 });
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	return {
		url,
		graphUrl: `${url}/graph`,
		simulator,
		close: async () => {
			await app.close();
		},
	};
}
