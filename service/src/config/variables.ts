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
	{ name: 'DATA_DIR', kind: 'path', default: './data', description: 'Directory for the SQLite file, generated development keys and WhatsApp Web session profiles.' },
	{ name: 'MYSQL_URL', kind: 'url', secret: true, description: 'mysql://user:pass@host:3306/db. When set, MySQL/MariaDB is used instead of SQLite.' },
	{ name: 'MYSQL_POOL_SIZE', kind: 'integer', default: '10', min: 1, max: 500, description: 'Connections in the MySQL pool.' },
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
	{ name: 'CLOUD_SEND_MAX_ATTEMPTS', kind: 'integer', default: '5', min: 1, max: 20, description: 'Attempts per Cloud send when Meta answers a retryable error (130429, 131056, 5xx, timeouts).' },
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
	{ name: 'EVENT_RETENTION_DAYS', kind: 'integer', default: '8', min: 1, max: 3650, description: 'Delivered events and inbound dedupe keys older than this are pruned (keep it above Meta\'s 7-day retry window, or a late retry would be taken as new).' },
	{ name: 'INGEST_MAX_BATCH', kind: 'integer', default: '256', min: 1, max: 5000, description: 'Most webhooks committed together in one transaction (group commit); each is answered after its batch commits.' },
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
