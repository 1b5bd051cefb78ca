import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Composer } from '../../service';
import { FakeWebDriver, type SessionArchiveStore, type WebDriver } from './driver';
import { chooseDriver, type DriverChoice } from './driverFactory';
import { registerWebMetrics } from './webMetrics';
import { guardUnhandledRejections } from './processGuards';
import { webChatRoutes } from './routes/chatRoutes';
import { webGroupRoutes } from './routes/groupRoutes';
import { webLabelRoutes } from './routes/labelRoutes';
import { webPinRoutes } from './routes/pinRoutes';
import { webCallRoutes } from './routes/callRoutes';
import { webChannelAdminRoutes } from './routes/channelAdminRoutes';
import { webChannelRoutes } from './routes/channelRoutes';
import { webLoginRoutes } from './routes/loginRoutes';
import { webSessionRoutes } from './routes/sessionRoutes';
import { webSandboxRoutes } from './sandbox/webSandboxRoutes';
import { SessionManager } from './sessions/sessionManager';
import { ArchiveCipher } from './storage/archiveCipher';
import { ArchivesRepository } from './storage/archivesRepository';
import { SessionLeases } from './storage/sessionLeases';
import { SessionStatusWriter } from './storage/sessionStatusWriter';
import { SqlArchiveStore } from './storage/sqlArchiveStore';
import { WebSessionsRepository } from './storage/webSessionsRepository';
import { WebChannel } from './webChannel';

export interface WebComposerOptions {
	/** Builds the driver over the service's archive store instead of WEB_DRIVER's (tests keep the fake to play its phones). */
	driver?: (store: SessionArchiveStore) => WebDriver;
	/** Hands out the session manager once built (tests and benchmarks). */
	expose?: (web: { manager: SessionManager; driver: WebDriver }) => void;
}

/**
 * The WhatsApp Web channel: sessions (routes, lifecycle, leases, resume), the channel port sends go through,
 * and with the fake driver the Web sandbox's control routes. Its worker reaps Chromium a crashed predecessor
 * left, guards against the library's stray rejections, resumes sessions, and on stop closes every browser.
 */
export function webComposer(options: WebComposerOptions = {}): Composer {
	return async (ctx) => {
		const settings = ctx.config.web;
		const archives = new ArchivesRepository(ctx.storage.db, new ArchiveCipher(ctx.config.encryptionKey));
		const store = new SqlArchiveStore(archives);
		const choice: DriverChoice = options.driver ? { driver: options.driver(store), reapOrphans: async () => [] } : await chooseDriver(settings, store, ctx.logger);
		const repo = new WebSessionsRepository(ctx.storage.db);
		const workerId = settings.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
		const manager = new SessionManager({
			repo,
			writer: new SessionStatusWriter(ctx.storage.db, ctx.storage.dialect, ctx.outbox),
			leases: new SessionLeases(ctx.storage.db, workerId, settings.leaseTtlMs, settings.replicaUrl ?? null),
			archives,
			driver: choice.driver,
			ledger: ctx.ledger,
			settings,
			logger: ctx.logger,
		});
		options.expose?.({ manager, driver: choice.driver });
		registerWebMetrics(ctx.metrics.registry, manager);
		const channel = new WebChannel(manager, { maxBytes: settings.mediaMaxBytes, timeoutMs: settings.mediaFetchTimeoutMs, allowPrivate: settings.mediaAllowPrivateUrls });
		let removeGuard: (() => void) | undefined;
		return {
			channels: [channel],
			features: [
				async (app) => {
					await app.register(webSessionRoutes(manager), { ctx });
					await app.register(webLoginRoutes(manager), { ctx });
					await app.register(webChatRoutes(manager), { ctx });
					await app.register(webGroupRoutes(manager), { ctx });
					await app.register(webLabelRoutes(manager), { ctx });
					await app.register(webPinRoutes(manager), { ctx });
					await app.register(webChannelRoutes(manager), { ctx });
					await app.register(webChannelAdminRoutes(manager), { ctx });
					await app.register(webCallRoutes(manager), { ctx });
					if (choice.driver instanceof FakeWebDriver) await app.register(webSandboxRoutes(choice.driver, repo), { ctx });
				},
			],
			workers: [
				{
					name: 'web-sessions',
					start: async () => {
						removeGuard = guardUnhandledRejections(ctx.logger);
						const reaped = await choice.reapOrphans();
						if (reaped.length > 0) ctx.logger.warn({ pids: reaped }, 'killed Chromium processes a previous run left behind');
						ctx.logger.info({ driver: choice.driver.kind, workerId, maxSessions: settings.maxSessionsPerProcess }, 'WhatsApp Web sessions starting');
						await manager.begin();
					},
					stop: async () => {
						await manager.end();
						await choice.driver.shutdown();
						removeGuard?.();
					},
				},
			],
		};
	};
}
