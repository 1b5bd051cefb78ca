import pino from 'pino';
import { systemScope } from '../auth/tenantScope';
import { CloudAccounts } from '../channels/cloud/cloudAccounts';
import { CloudChannel } from '../channels/cloud/cloudChannel';
import { ConnectionTester } from '../channels/cloud/connectionTester';
import { GraphClient } from '../channels/cloud/graph/graphClient';
import { SendLimiter } from '../channels/cloud/limits/sendLimiter';
import { RetryPolicy } from '../channels/cloud/retryPolicy';
import { repositories } from '../context';
import { openStorage } from '../storage/database';
import { SecretBox } from '../storage/secretBox';
import type { SendWorld } from './sendWorld';

/**
 * The Cloud channel's own share of a send (account lookup, limiter, Meta's rules, the Graph call) without HTTP,
 * auth or the ledger: what the channel could carry if everything around it were free.
 */
export async function channelAloneRate(world: SendWorld, numbers: string[], seconds: number, concurrency = 64): Promise<number> {
	const storage = openStorage({ dialect: 'sqlite', path: world.env.SQLITE_PATH as string });
	const repos = repositories(storage.db, new SecretBox(Buffer.from(world.env.ENCRYPTION_KEY as string, 'base64')));
	const graph = new GraphClient({ timeoutMs: 15_000, maxSockets: 256 });
	const accounts = new CloudAccounts(repos, { baseUrl: 'unused', version: 'v23.0' });
	const retry = new RetryPolicy({ sendMaxAttempts: 5, retryBaseMs: 1000, retryMaxMs: 16_000 });
	const channel = new CloudChannel({ repos, accounts, graph, retry, tester: new ConnectionTester(repos, accounts, graph), limiter: new SendLimiter({ maxWaitMs: 60_000, queueLimit: 100_000 }), logger: pino({ level: 'silent' }) });
	const scope = systemScope(world.tenantId, 'bench');
	const started = performance.now();
	const until = started + seconds * 1000;
	// Counted from one second in, past the limiter's opening burst, so the figure is the steady rate.
	const steadyFrom = started + Math.min(1000, (seconds * 1000) / 4);
	let sent = 0;
	let n = 0;
	try {
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (performance.now() < until) {
					const i = n++;
					const message = { to: String(16500000000 + (Math.floor(i / numbers.length) % 5000)), type: 'text' as const, text: { body: `bench message ${i}` } };
					channel.validate(message);
					await channel.dispatch(scope, { channel: 'cloud', id: numbers[i % numbers.length] as string }, message);
					if (performance.now() >= steadyFrom) sent++;
				}
			}),
		);
		return sent / ((performance.now() - steadyFrom) / 1000);
	} finally {
		graph.close();
		await storage.close();
	}
}
