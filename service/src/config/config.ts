import path from 'node:path';
import type { WebSettings } from '../channels/web/webSettings';
import { ConfigError, parseVariables } from './parseEnv';
import { resolveEncryptionKey, resolveJwtKeys, type JwtKey } from './keys';
import type { VariableName } from './variables';

export type Environment = 'development' | 'production' | 'test';

export interface EventSettings {
	readonly deliveryEnabled: boolean;
	readonly concurrency: number;
	readonly timeoutMs: number;
	readonly retryBaseMs: number;
	readonly retryMaxMs: number;
	readonly maxAgeSeconds: number;
	readonly pollIntervalMs: number;
	readonly ingestMaxBatch: number;
	/** Run the webhook intake on a thread of its own (INGEST_THREAD). */
	readonly ingestThread: boolean;
	readonly retentionDays: number;
	/** This replica's stable id (WORKER_ID), if set: its delivery leases are its own to take back after a crash. */
	readonly workerId: string | undefined;
}

/** The Cloud API channel's send limits and retry schedule. */
export interface CloudSettings {
	readonly sendMaxAttempts: number;
	readonly retryBaseMs: number;
	readonly retryMaxMs: number;
	readonly queueLimit: number;
	readonly maxWaitMs: number;
	readonly credentialChecksPerMinute: number;
}

export interface Config {
	readonly env: Environment;
	readonly host: string;
	readonly port: number;
	readonly publicUrl: string | undefined;
	readonly logLevel: string;
	readonly dataDir: string;
	readonly database:
		| { readonly dialect: 'sqlite'; readonly path: string }
		| { readonly dialect: 'mysql'; readonly url: string; readonly poolSize: number; readonly pipelining?: boolean };
	readonly encryptionKey: Buffer;
	readonly jwt: {
		readonly keys: readonly JwtKey[];
		readonly issuer: string;
		readonly audience: string;
		readonly ttlSeconds: number;
	};
	readonly bootstrapTokenTtlSeconds: number;
	readonly sandbox: boolean;
	readonly graph: { readonly baseUrl: string; readonly version: string; readonly timeoutMs: number; readonly maxSockets: number };
	readonly cloud: CloudSettings;
	readonly events: EventSettings;
	readonly web: WebSettings;
	/** Warnings to log once the logger exists (e.g. a generated development key). */
	readonly warnings: readonly string[];
}

/**
 * Builds the configuration from the environment; throws ConfigError listing every bad value.
 * In development, missing keys are generated into DATA_DIR (with a warning); production refuses.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const { values, problems } = parseVariables(env);
	const get = <T>(name: VariableName) => values.get(name) as T;
	const environment = (get<string>('NODE_ENV') ?? 'development') as Environment;
	const dataDir = path.resolve(get<string>('DATA_DIR'));
	const warnings: string[] = [];
	if (problems.length > 0) throw new ConfigError(problems);

	const encryption = resolveEncryptionKey({
		environment,
		dataDir,
		inline: get<string | undefined>('ENCRYPTION_KEY'),
		file: get<string | undefined>('ENCRYPTION_KEY_FILE'),
	});
	const jwtKeys = resolveJwtKeys({ environment, dataDir, inline: get<string | undefined>('JWT_KEYS') });
	const keyProblems = [...encryption.problems, ...jwtKeys.problems];
	if (keyProblems.length > 0) throw new ConfigError(keyProblems);
	warnings.push(...encryption.warnings, ...jwtKeys.warnings);

	const mysqlUrl = get<string | undefined>('MYSQL_URL');
	const sandbox = get<boolean | undefined>('SANDBOX_MODE') ?? environment !== 'production';
	return {
		env: environment,
		host: get<string>('HOST'),
		port: get<number>('PORT'),
		publicUrl: get<string | undefined>('PUBLIC_URL'),
		logLevel: get<string>('LOG_LEVEL'),
		dataDir,
		database: mysqlUrl
			? { dialect: 'mysql', url: mysqlUrl, poolSize: get<number>('MYSQL_POOL_SIZE'), pipelining: get<boolean>('MYSQL_PIPELINING') }
			: { dialect: 'sqlite', path: path.resolve(get<string | undefined>('SQLITE_PATH') ?? path.join(dataDir, 'service.db')) },
		encryptionKey: encryption.key as Buffer,
		jwt: {
			keys: jwtKeys.keys,
			issuer: get<string>('JWT_ISSUER'),
			audience: get<string>('JWT_AUDIENCE'),
			ttlSeconds: get<number>('JWT_TTL_SECONDS'),
		},
		bootstrapTokenTtlSeconds: get<number>('BOOTSTRAP_TOKEN_TTL_SECONDS'),
		sandbox,
		graph: {
			baseUrl: get<string>('GRAPH_API_BASE_URL'),
			version: get<string>('GRAPH_API_VERSION'),
			timeoutMs: get<number>('GRAPH_TIMEOUT_MS'),
			maxSockets: get<number>('GRAPH_MAX_SOCKETS'),
		},
		cloud: {
			sendMaxAttempts: get<number>('CLOUD_SEND_MAX_ATTEMPTS'),
			retryBaseMs: get<number>('CLOUD_RETRY_BASE_MS'),
			retryMaxMs: get<number>('CLOUD_RETRY_MAX_MS'),
			queueLimit: get<number>('CLOUD_SEND_QUEUE_LIMIT'),
			maxWaitMs: get<number>('CLOUD_SEND_MAX_WAIT_MS'),
			credentialChecksPerMinute: get<number>('CLOUD_CREDENTIAL_CHECKS_PER_MINUTE'),
		},
		events: {
			deliveryEnabled: get<boolean>('EVENT_DELIVERY_ENABLED'),
			concurrency: get<number>('EVENT_DELIVERY_CONCURRENCY'),
			timeoutMs: get<number>('EVENT_DELIVERY_TIMEOUT_MS'),
			retryBaseMs: get<number>('EVENT_RETRY_BASE_MS'),
			retryMaxMs: get<number>('EVENT_RETRY_MAX_MS'),
			maxAgeSeconds: get<number>('EVENT_MAX_AGE_SECONDS'),
			pollIntervalMs: get<number>('EVENT_POLL_INTERVAL_MS'),
			ingestMaxBatch: get<number>('INGEST_MAX_BATCH'),
			ingestThread: get<boolean>('INGEST_THREAD'),
			retentionDays: get<number>('EVENT_RETENTION_DAYS'),
			workerId: get<string | undefined>('WORKER_ID'),
		},
		web: {
			// The sandbox has no WhatsApp to reach, so its Web sessions are fakes unless asked otherwise.
			driver: get<'real' | 'fake' | undefined>('WEB_DRIVER') ?? (sandbox ? 'fake' : 'real'),
			chromiumPath: get<string>('WEB_CHROMIUM_PATH'),
			extraChromiumArgs: (get<string | undefined>('WEB_CHROMIUM_ARGS') ?? '').split(/\s+/).filter(Boolean),
			webVersion: get<string | undefined>('WEB_VERSION'),
			webVersionCacheDir: path.resolve(get<string | undefined>('WEB_VERSION_CACHE_DIR') ?? path.join(dataDir, 'web', 'version-cache')),
			webVersionRemoteUrl: get<string | undefined>('WEB_VERSION_REMOTE_URL'),
			webVersionFallback: get<'live' | 'fail'>('WEB_VERSION_FALLBACK'),
			dataPath: path.join(dataDir, 'web', 'sessions'),
			startTimeoutMs: get<number>('WEB_START_TIMEOUT_MS'),
			maxSessionsPerProcess: get<number>('WEB_MAX_SESSIONS'),
			qrMaxRotations: get<number>('WEB_QR_MAX_ROTATIONS'),
			pairingTimeoutMs: get<number>('WEB_PAIRING_TIMEOUT_SECONDS') * 1000,
			resumeStaggerMs: get<number>('WEB_RESUME_STAGGER_MS'),
			leaseTtlMs: get<number>('WEB_LEASE_TTL_MS'),
			workerId: get<string | undefined>('WEB_WORKER_ID') ?? get<string | undefined>('WORKER_ID'),
			replicaUrl: get<string | undefined>('REPLICA_URL')?.replace(/\/+$/, ''),
			restartBaseMs: get<number>('WEB_RESTART_BASE_MS'),
			restartMaxMs: get<number>('WEB_RESTART_MAX_MS'),
			restartMaxAttempts: get<number>('WEB_RESTART_MAX_ATTEMPTS'),
			browserMemoryLimitBytes: get<number>('WEB_BROWSER_MEMORY_LIMIT_MB') * 1024 * 1024,
			mediaMaxBytes: get<number>('WEB_MEDIA_MAX_BYTES'),
			mediaFetchTimeoutMs: get<number>('WEB_MEDIA_FETCH_TIMEOUT_MS'),
			mediaAllowPrivateUrls: get<boolean>('WEB_MEDIA_ALLOW_PRIVATE_URLS'),
		},
		warnings,
	};
}

/** The URL the world uses to reach us; the listening address when PUBLIC_URL is unset. */
export function publicBaseUrl(config: Config, boundPort?: number): string {
	return config.publicUrl ?? `http://${config.host}:${boundPort ?? config.port}`;
}
