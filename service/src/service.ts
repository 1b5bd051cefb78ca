import type { Kysely } from 'kysely';
import { issueBootstrapTokenIfNeeded } from './auth/bootstrap';
import { createChannelRegistry, type ChannelPort } from './channels/port';
import type { Config } from './config/config';
import { createContext, type AppContext } from './context';
import { buildApp, type App, type FeaturePlugin } from './http/app';
import type { Logger } from './logging/logger';
import { openStorage } from './storage/database';
import { innoDbAdvice, readInnoDbSizes } from './storage/innoDbAdvice';
import { migrateToLatest } from './storage/migrations';

export interface RunningService {
	readonly app: App;
	readonly ctx: AppContext;
	/** The base URL it listens on. */
	readonly url: string;
	close(): Promise<void>;
}

/** Background work that starts after the server listens and stops before the database closes. */
export interface Worker {
	readonly name: string;
	start(): Promise<void>;
	stop(): Promise<void>;
}

export interface Composition {
	channels: ChannelPort[];
	features: FeaturePlugin[];
	workers: Worker[];
}

/** Each concern contributes its channel, routes and workers here, so the composition root stays one list. */
export type Composer = (ctx: AppContext) => Promise<Partial<Composition>> | Partial<Composition>;

/**
 * The composition root: storage, migrations, context, HTTP app and workers, in that order, and their shutdown
 * in reverse. `listen: false` builds everything without a socket (tests use inject).
 */
export async function startService(config: Config, logger: Logger, composers: readonly Composer[] = [], options: { listen?: boolean } = {}): Promise<RunningService> {
	for (const warning of config.warnings) logger.warn(warning);
	// A long-running process: WAL checkpoints run off the main thread (see WalCheckpointer).
	const storage = openStorage(config.database, { backgroundCheckpoints: true });
	await migrateToLatest(storage.db as never, storage.dialect);
	if (storage.dialect === 'mysql') await adviseOnInnoDb(storage.db as never, logger);

	const channels: ChannelPort[] = [];
	const ctx = createContext({ config, logger, storage, channels: createChannelRegistry(channels) });
	const features: FeaturePlugin[] = [];
	const workers: Worker[] = [];
	for (const compose of composers) {
		const part = await compose(ctx);
		channels.push(...(part.channels ?? []));
		features.push(...(part.features ?? []));
		workers.push(...(part.workers ?? []));
	}

	const app = await buildApp(ctx, features);
	let url = `http://${config.host}:${config.port}`;
	if (options.listen !== false) {
		url = await app.listen({ host: config.host, port: config.port });
		const port = Number(new URL(url).port);
		ctx.publicUrl = config.publicUrl ?? `http://${config.host}:${port}`;
		url = `http://${config.host}:${port}`;
	} else {
		await app.ready();
	}
	for (const worker of workers) await worker.start();

	const bootstrapToken = await issueBootstrapTokenIfNeeded(ctx);
	if (bootstrapToken) {
		logger.warn(
			{ bootstrap: { expiresInSeconds: config.bootstrapTokenTtlSeconds } },
			`No platform admin exists. Create one within ${Math.round(config.bootstrapTokenTtlSeconds / 3600)} h with this one-time token: ` +
				`curl -X POST ${ctx.publicUrl}/v1/auth/bootstrap -H 'content-type: application/json' -d '{"token":"${bootstrapToken}","email":"you@example.com","password":"<12+ characters>"}'` +
				` (or run: npm run create-admin)`,
		);
	}

	let closed = false;
	return {
		app,
		ctx,
		url,
		async close() {
			if (closed) return;
			closed = true;
			await app.close();
			for (const worker of [...workers].reverse()) await worker.stop().catch((error) => logger.error({ err: error, worker: worker.name }, 'worker failed to stop'));
			await storage.close();
		},
	};
}

/** Warns once at start when the MySQL server is sized to stall commits under load (see innoDbAdvice). */
async function adviseOnInnoDb(db: Kysely<unknown>, logger: Logger): Promise<void> {
	try {
		const sizes = await readInnoDbSizes(db);
		const advice = sizes && innoDbAdvice(sizes);
		if (advice) logger.warn({ innodb: sizes }, advice);
	} catch (error) {
		// Advice only: a server that will not say must not stop the service.
		logger.debug({ err: error }, 'could not read the InnoDB sizes');
	}
}
