/**
 * Every environment variable the service reads, in one table: the parser validates against it and the README's
 * table is generated from it (`node service/dist/main.js env-docs`), so documentation cannot drift from code.
 */
export type VariableKind = 'string' | 'integer' | 'boolean' | 'url' | 'enum' | 'path';

export interface VariableSpec {
	readonly name: string;
	readonly kind: VariableKind;
	readonly description: string;
	/** Default as the user would write it; undefined means "unset unless given". */
	readonly default?: string;
	readonly values?: readonly string[];
	readonly min?: number;
	readonly max?: number;
	/** Values never echoed in error messages. */
	readonly secret?: boolean;
}

export const VARIABLES = [
	{ name: 'NODE_ENV', kind: 'enum', values: ['development', 'production', 'test'], default: 'development', description: 'production refuses to start without explicit encryption and JWT keys, and disables the sandbox by default.' },
	{ name: 'HOST', kind: 'string', default: '127.0.0.1', description: 'Interface the HTTP server listens on.' },
	{ name: 'PORT', kind: 'integer', default: '8080', min: 0, max: 65535, description: 'HTTP port (0 picks a free one).' },
	{ name: 'PUBLIC_URL', kind: 'url', description: 'Base URL under which Meta and n8n reach this service; used to print webhook URLs. Defaults to http://HOST:PORT.' },
	{ name: 'LOG_LEVEL', kind: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', description: 'pino log level (JSON logs on stdout, secrets redacted).' },
	{ name: 'DATA_DIR', kind: 'path', default: './data', description: 'Directory for the SQLite file, generated development keys, WhatsApp Web session profiles and media uploads on their way to Meta (uploads/, up to 100 MB per upload in progress, removed once answered).' },
	{ name: 'MYSQL_URL', kind: 'url', secret: true, description: 'mysql://user:pass@host:3306/db. When set, MySQL/MariaDB is used instead of SQLite.' },
	{ name: 'MYSQL_POOL_SIZE', kind: 'integer', default: '10', min: 1, max: 500, description: 'Connections in the MySQL pool.' },
	{ name: 'MYSQL_PIPELINING', kind: 'boolean', default: 'true', description: "Send a transaction's BEGIN, and writes whose answer is not needed, together with its next statement (multi-statement queries: fewer round trips). Turn off for a server or proxy that refuses multi-statement queries." },
	{ name: 'SQLITE_PATH', kind: 'path', description: 'SQLite database file. Defaults to DATA_DIR/service.db.' },
	{ name: 'ENCRYPTION_KEY', kind: 'string', secret: true, description: 'Base64 of 32 random bytes: the AES-256-GCM key for secrets at rest (Meta tokens, app secrets, signing secrets).' },
	{ name: 'ENCRYPTION_KEY_FILE', kind: 'path', description: 'File holding the encryption key (base64). Development generates DATA_DIR/encryption.key when neither is set.' },
	{ name: 'JWT_KEYS', kind: 'string', secret: true, description: 'Comma-separated kid:secret pairs (secrets of at least 32 characters). The first signs; all verify, so keys rotate without logging users out.' },
	{ name: 'JWT_ISSUER', kind: 'string', default: 'whatsapp-multitenant', description: 'iss claim issued and required.' },
	{ name: 'JWT_AUDIENCE', kind: 'string', default: 'whatsapp-multitenant-api', description: 'aud claim issued and required.' },
	{ name: 'JWT_TTL_SECONDS', kind: 'integer', default: '3600', min: 60, max: 604800, description: 'Lifetime of login tokens.' },
	{ name: 'BOOTSTRAP_TOKEN_TTL_SECONDS', kind: 'integer', default: '86400', min: 60, description: 'Lifetime of the one-time bootstrap token printed at first start when no admin exists.' },
	{ name: 'SANDBOX_MODE', kind: 'boolean', description: 'Serve the built-in Cloud API simulator and provision a sandbox tenant. Defaults to true in development, false in production.' },
	{ name: 'GRAPH_API_BASE_URL', kind: 'url', default: 'https://graph.facebook.com', description: 'Meta Graph API base URL (a Meta app may override it).' },
	{ name: 'GRAPH_API_VERSION', kind: 'string', default: 'v25.0', description: 'Graph API version used unless a Meta app sets its own.' },
	{ name: 'GRAPH_TIMEOUT_MS', kind: 'integer', default: '15000', min: 100, description: 'Timeout of one Graph API call.' },
	{ name: 'GRAPH_MAX_SOCKETS', kind: 'integer', default: '256', min: 1, max: 10000, description: 'Keep-alive connections to one Graph host, shared by every Cloud number in the process.' },
	{ name: 'CLOUD_SEND_MAX_ATTEMPTS', kind: 'integer', default: '5', min: 1, max: 20, description: 'Attempts per Cloud send when Meta answers a retryable error (130429, 131056, 5xx) or could not be reached. A send Meta received but never answered is not tried again (it may have gone out): it fails with 504 and details.outcome = unknown.' },
	{ name: 'CLOUD_RETRY_BASE_MS', kind: 'integer', default: '1000', min: 1, description: "First retry delay of a Cloud send. Pair-limit retries (131056) wait base x 4^n, Meta's advice; other retryable failures base x 2^n." },
	{ name: 'CLOUD_RETRY_MAX_MS', kind: 'integer', default: '16000', min: 1, description: 'Longest wait between two attempts of one Cloud send.' },
	{ name: 'CLOUD_SEND_QUEUE_LIMIT', kind: 'integer', default: '2000', min: 1, max: 1000000, description: "Sends that may wait for one phone number's throughput at once; more answer 429 with Retry-After." },
	{ name: 'CLOUD_SEND_MAX_WAIT_MS', kind: 'integer', default: '30000', min: 0, description: 'Longest a send waits for its turn under the throughput and pair limits before it is refused with 429.' },
	{ name: 'CLOUD_CREDENTIAL_CHECKS_PER_MINUTE', kind: 'integer', default: '10', min: 1, max: 10000, description: 'POST /v1/cloud/credential-check calls allowed per client IP per minute (it needs no tenant key).' },
	{ name: 'EVENT_DELIVERY_ENABLED', kind: 'boolean', default: 'true', description: 'Run the event delivery worker in this process (API-only replicas may turn it off; several workers share the outbox safely on MySQL).' },
	{ name: 'EVENT_DELIVERY_CONCURRENCY', kind: 'integer', default: '64', min: 1, max: 1024, description: 'Event deliveries in flight at once per process.' },
	{ name: 'EVENT_DELIVERY_TIMEOUT_MS', kind: 'integer', default: '10000', min: 100, max: 120000, description: 'How long a subscriber may take to answer one delivery before it counts as failed.' },
	{ name: 'EVENT_RETRY_BASE_MS', kind: 'integer', default: '1000', min: 10, description: 'First retry delay; each further failure doubles it (with jitter).' },
	{ name: 'EVENT_RETRY_MAX_MS', kind: 'integer', default: '300000', min: 10, description: 'Longest delay between two attempts of one delivery.' },
	{ name: 'EVENT_MAX_AGE_SECONDS', kind: 'integer', default: '86400', min: 1, description: 'A delivery still failing this long after its event was written is dead-lettered (replay it through the API).' },
	{ name: 'EVENT_POLL_INTERVAL_MS', kind: 'integer', default: '500', min: 10, max: 60000, description: 'How often the delivery worker looks for due deliveries written by other processes or scheduled for retry.' },
	{ name: 'WORKER_ID', kind: 'string', description: 'This replica\'s stable id in leases (event deliveries, and Web sessions unless WEB_WORKER_ID is set). Random per start by default; with a stable, unique value per replica, a replica restarted after a crash delivers at once what it had leased instead of waiting for the leases to expire (SQLite, one process, always does).' },
	{ name: 'EVENT_RETENTION_DAYS', kind: 'integer', default: '8', min: 1, max: 3650, description: 'Delivered events and inbound dedupe keys older than this are pruned (keep it above Meta\'s 7-day retry window, or a late retry would be taken as new).' },
	{ name: 'INGEST_MAX_BATCH', kind: 'integer', default: '256', min: 1, max: 5000, description: 'Most webhooks committed together in one transaction (group commit); each is answered after its batch commits.' },
	{ name: 'INGEST_THREAD', kind: 'boolean', default: 'true', description: "Parse, normalize and commit Meta's webhooks on a thread of their own, with its own database connections, so the HTTP event loop stays free to read requests (not for SQLite in memory)." },
	{ name: 'WEB_DRIVER', kind: 'enum', values: ['real', 'fake'], description: 'WhatsApp Web engine: real (whatsapp-web.js over Chromium) or fake (no browser; the Web sandbox, driven through /sandbox/web). Defaults to fake when SANDBOX_MODE is on, real otherwise.' },
	{ name: 'WEB_CHROMIUM_PATH', kind: 'path', default: '/usr/bin/chromium', description: 'System Chromium for WhatsApp Web sessions; a browser is never downloaded.' },
	{ name: 'WEB_CHROMIUM_ARGS', kind: 'string', description: 'Extra Chromium flags, space-separated, added to the built-in headless container flags.' },
	{ name: 'WEB_VERSION', kind: 'string', description: 'Pinned WhatsApp Web build (e.g. 2.3000.1017054665); defaults to the build whatsapp-web.js was released with.' },
	{ name: 'WEB_VERSION_CACHE_DIR', kind: 'path', description: 'Directory of <version>.html WhatsApp Web builds shared by all sessions. Defaults to DATA_DIR/web/version-cache. A successful live run saves its build here: pin it by setting WEB_VERSION to that file name.' },
	{ name: 'WEB_VERSION_REMOTE_URL', kind: 'url', description: 'Archive to download a missing pinned build from, with a {version} placeholder. Off by default (the page runs with WhatsApp credentials, so only use a source you trust).' },
	{ name: 'WEB_VERSION_FALLBACK', kind: 'enum', values: ['live', 'fail'], default: 'live', description: 'When the pinned build is neither cached nor downloadable: live runs whatever web.whatsapp.com serves (logged as a warning); fail refuses to start the session (FAILED with the reason).' },
	{ name: 'WEB_START_TIMEOUT_MS', kind: 'integer', default: '60000', min: 1000, max: 600000, description: 'Bound on launching Chromium and loading WhatsApp Web for one session start.' },
	{ name: 'WEB_MAX_SESSIONS', kind: 'integer', default: '25', min: 1, max: 100000, description: 'WhatsApp Web sessions one process runs at most (a real session costs about 300-500 MB). Starts beyond it answer 409; other replicas take the rest.' },
	{ name: 'WEB_QR_MAX_ROTATIONS', kind: 'integer', default: '8', min: 1, max: 100, description: 'QR codes offered per login attempt (WhatsApp rotates them about every 20 s); then the session stops with the reason.' },
	{ name: 'WEB_PAIRING_TIMEOUT_SECONDS', kind: 'integer', default: '300', min: 1, max: 3600, description: 'How long a pairing-code login waits for the code to be entered on the phone before the session stops.' },
	{ name: 'WEB_RESUME_STAGGER_MS', kind: 'integer', default: '5000', min: 0, max: 600000, description: 'Gap between sessions resumed at start or taken over from a stopped replica, so Chromiums do not all launch at once.' },
	{ name: 'WEB_LEASE_TTL_MS', kind: 'integer', default: '30000', min: 500, max: 3600000, description: 'How long a replica owns a session without renewing (it renews every third of this); after that another replica takes the session over.' },
	{ name: 'WEB_WORKER_ID', kind: 'string', description: 'This replica\'s id in session leases; defaults to WORKER_ID, else random per start. Set a stable, unique value per replica to resume its sessions at once after a crash.' },
	{ name: 'REPLICA_URL', kind: 'url', description: 'This replica\'s base URL as the other replicas reach it (e.g. http://10.0.0.5:8080). Kept in the lease of every WhatsApp Web session it runs, so a request for one of them reaching another replica is forwarded here instead of answered 409.' },
	{ name: 'WEB_RESTART_BASE_MS', kind: 'integer', default: '2000', min: 10, description: 'First delay before restarting a session whose browser crashed or whose start failed; doubles per attempt.' },
	{ name: 'WEB_RESTART_MAX_MS', kind: 'integer', default: '300000', min: 10, description: 'Longest delay between two restart attempts of a session.' },
	{ name: 'WEB_RESTART_MAX_ATTEMPTS', kind: 'integer', default: '5', min: 1, max: 1000, description: 'Failed starts in a row before a session is left FAILED (restart it by hand).' },
	{ name: 'WEB_BROWSER_MEMORY_LIMIT_MB', kind: 'integer', default: '0', min: 0, max: 1048576, description: 'A WORKING session whose Chromium holds more memory than this (proportional set size, checked every lease round) is restarted with its login kept, at most once per 15 minutes, after the sends in flight on it (waiting at most a minute for them); 0 never restarts for memory. See wa_web_browser_memory_bytes_max.' },
	{ name: 'WEB_MEDIA_MAX_BYTES', kind: 'integer', default: '33554432', min: 1024, max: 2147483647, description: 'Largest media a Web send fetches from a URL.' },
	{ name: 'WEB_MEDIA_FETCH_TIMEOUT_MS', kind: 'integer', default: '20000', min: 100, max: 600000, description: 'Timeout of fetching media from a URL for a Web send.' },
	{ name: 'WEB_MEDIA_ALLOW_PRIVATE_URLS', kind: 'boolean', default: 'false', description: 'Let Web sends fetch media from loopback, private and link-local addresses (off: tenants cannot make the service read its own network).' },
] as const satisfies readonly VariableSpec[];

export type VariableName = (typeof VARIABLES)[number]['name'];

/** Markdown table for the README. */
export function variablesMarkdown(): string {
	const lines = ['| Variable | Default | Description |', '| --- | --- | --- |'];
	for (const spec of VARIABLES as readonly VariableSpec[]) {
		const values = spec.values ? ` One of: ${spec.values.join(', ')}.` : '';
		lines.push(`| \`${spec.name}\` | ${spec.default !== undefined ? `\`${spec.default}\`` : ''} | ${spec.description}${values} |`);
	}
	return lines.join('\n');
}
