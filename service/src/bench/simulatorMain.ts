import { startSimulatorServer } from '../sandbox';

/**
 * The Cloud API simulator in its own process, so the send benchmark measures the service and not a simulator
 * sharing its event loop. Numbers and config come as JSON in SIM_PROVISION and SIM_CONFIG; it prints its URL.
 */
async function main(): Promise<void> {
	const server = await startSimulatorServer({ config: JSON.parse(process.env.SIM_CONFIG ?? '{}') });
	server.simulator.provision(JSON.parse(process.env.SIM_PROVISION ?? '{}'));
	console.log(JSON.stringify({ msg: 'simulator listening', url: server.url }));
	process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

void main();
