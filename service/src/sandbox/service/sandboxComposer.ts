import type { AddressInfo } from 'node:net';
import type { SandboxGraphLink } from '../../channels/cloud/cloudComposer';
import type { App } from '../../http/app';
import type { Composer } from '../../service';
import { sandboxPlugin } from '../plugin';
import { Simulator } from '../simulator';
import { sandboxControlGuard } from './controlGuard';
import { SANDBOX_PREFIX } from './sandboxIdentity';
import { provisionSandbox, sandboxFile, type SandboxInfo } from './sandboxProvisioner';
import { usageText } from './usageText';

/**
 * The simulator inside the service (SANDBOX_MODE): Graph at /sandbox/graph, the guarded control API at
 * /sandbox/control, and a ready "sandbox" tenant whose Meta app calls it. Statuses and injected inbound messages
 * reach the service's real webhook endpoint, so the whole path runs offline.
 */
export class SandboxMount implements SandboxGraphLink {
	private simulator: Simulator | undefined;
	private localUrl: string | undefined;
	private graphVersion = 'v25.0';
	info: SandboxInfo | undefined;

	graphBaseFor(accessToken: string): { baseUrl: string; version: string } | undefined {
		if (!this.simulator || !this.localUrl || !this.simulator.registry.tokens.has(accessToken)) return undefined;
		return { baseUrl: `${this.localUrl}${SANDBOX_PREFIX}/graph`, version: this.graphVersion };
	}

	get sim(): Simulator | undefined {
		return this.simulator;
	}

	composer(): Composer {
		return (ctx) => {
			if (!ctx.config.sandbox) return {};
			const simulator = new Simulator({ config: { templateAutoApproveMs: 3000 } });
			this.simulator = simulator;
			this.graphVersion = ctx.config.graph.version;
			let app: App | undefined;
			return {
				features: [
					async (host) => {
						app = host;
						await host.register(async (scoped) => {
							// The simulator's routes are Meta's, not ours: kept out of the service's OpenAPI document.
							scoped.addHook('onRoute', (route) => {
								route.schema = { ...route.schema, hide: true };
							});
							scoped.addHook('onRequest', sandboxControlGuard(ctx));
							await scoped.register(sandboxPlugin, { prefix: SANDBOX_PREFIX, simulator, exposeControl: true });
						});
					},
				],
				workers: [
					{
						name: 'sandbox',
						start: async () => {
							const address = app?.server.address() as AddressInfo | null | undefined;
							// The simulator calls the service on the loopback, whatever address it listens on.
							this.localUrl = address?.port ? `http://127.0.0.1:${address.port}` : ctx.publicUrl;
							this.info = await provisionSandbox(ctx, simulator, this.localUrl);
							ctx.logger.info({ sandbox: { tenantId: this.info.tenantId, phoneNumberId: this.info.phoneNumberId, file: sandboxFile(ctx) } }, usageText(this.info, sandboxFile(ctx)));
						},
						stop: async () => simulator.close(),
					},
				],
			};
		};
	}
}
