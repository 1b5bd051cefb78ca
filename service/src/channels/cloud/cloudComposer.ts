import type { Composer } from '../../service';
import { CloudAccounts } from './cloudAccounts';
import { CloudChannel } from './cloudChannel';
import type { CloudServices } from './cloudServices';
import { ConnectionTester } from './connectionTester';
import { GraphClient } from './graph/graphClient';
import { SendLimiter } from './limits/sendLimiter';
import { SharedThroughput, SqlPacingStore } from './limits/sharedThroughput';
import { RetryPolicy } from './retryPolicy';
import { cloudConnectionRoutes } from './routes/connectionRoutes';
import { cloudCredentialCheckRoute } from './routes/credentialCheckRoute';
import { cloudMediaRoutes } from './routes/mediaRoutes';
import { cloudNumberRoutes } from './routes/numberRoutes';
import { cloudProfileRoutes } from './routes/profileRoutes';
import { cloudQrCodeRoutes } from './routes/qrCodeRoutes';
import { cloudTemplateRoutes } from './routes/templateRoutes';

/** Lets the sandbox answer for tokens it issued (credential checks, WABA listings with a given token). */
export interface SandboxGraphLink {
	/** The in-process simulator's Graph base, when sandbox mode runs and it knows this token. */
	graphBaseFor(accessToken: string): { baseUrl: string; version: string } | undefined;
}

export interface CloudComposerOptions {
	sandbox?: SandboxGraphLink;
	/** Overrides for tests and benchmarks (e.g. no pair limit). */
	limiter?: SendLimiter;
}

/** The Cloud API channel and its routes: media, templates, connection, tests and the credential check. */
export function cloudComposer(options: CloudComposerOptions = {}): Composer {
	return (ctx) => {
		const graph = new GraphClient({ timeoutMs: ctx.config.graph.timeoutMs, maxSockets: ctx.config.graph.maxSockets });
		const accounts = new CloudAccounts(ctx.repos, ctx.config.graph);
		const retry = new RetryPolicy(ctx.config.cloud);
		const tester = new ConnectionTester(ctx.repos, accounts, graph);
		// On MySQL several replicas may send for one number: they share its schedule. SQLite is one process.
		const throughput = ctx.storage.dialect === 'mysql' ? new SharedThroughput(new SqlPacingStore(ctx.storage.db, ctx.storage.dialect)) : undefined;
		const limiter = options.limiter ?? new SendLimiter({ maxWaitMs: ctx.config.cloud.maxWaitMs, queueLimit: ctx.config.cloud.queueLimit, ...(throughput ? { throughput } : {}) });
		const services: CloudServices = {
			ctx,
			accounts,
			graph,
			retry,
			tester,
			credentialCheckBase: (token) => options.sandbox?.graphBaseFor(token) ?? { baseUrl: ctx.config.graph.baseUrl, version: ctx.config.graph.version },
		};
		const channel = new CloudChannel({ repos: ctx.repos, accounts, graph, limiter, retry, tester, logger: ctx.logger });
		return {
			channels: [channel],
			features: [cloudMediaRoutes(services), cloudTemplateRoutes(services), cloudNumberRoutes(services), cloudProfileRoutes(services), cloudQrCodeRoutes(services), cloudConnectionRoutes(services), cloudCredentialCheckRoute(services)],
			workers: [{ name: 'graph-client', start: async () => {}, stop: async () => graph.close() }],
		};
	};
}
