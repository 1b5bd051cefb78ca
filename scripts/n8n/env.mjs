// Environment shared by every n8n process we start (server, CLI import/execute).
//
// Goals: the same encryption key and user folder for every process touching one
// database; offline and quiet (no telemetry, version checks, templates,
// banners, license renewals); our community package loaded from
// <userFolder>/.n8n/nodes; plain HTTP on loopback.

import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Major version number of an n8n version string ("1.123.81" -> 1). */
export function majorOf(version) {
	return Number(String(version).split('.')[0]);
}

/**
 * The encryption key for a user folder. n8n writes the key into
 * <userFolder>/.n8n/config the first time it starts and refuses to start if
 * N8N_ENCRYPTION_KEY later differs, so reuse the stored key when there is one;
 * otherwise create one and store it the way n8n would.
 */
export function encryptionKeyFor(userFolder) {
	const configFile = path.join(userFolder, '.n8n', 'config');
	try {
		const cfg = JSON.parse(fs.readFileSync(configFile, 'utf8'));
		if (cfg.encryptionKey) return cfg.encryptionKey;
	} catch {
		// no config yet
	}
	const key = crypto.randomBytes(24).toString('base64url');
	fs.mkdirSync(path.dirname(configFile), { recursive: true });
	fs.writeFileSync(configFile, JSON.stringify({ encryptionKey: key }, null, '\t'), { mode: 0o600 });
	return key;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Builds the environment for one n8n process.
 * @param {object} o
 * @param {string} o.version      n8n version (1.x gets the legacy expression engine)
 * @param {string} o.userFolder   N8N_USER_FOLDER; n8n keeps its data in <userFolder>/.n8n
 * @param {number} [o.port]       N8N_PORT (HTTP server)
 * @param {number} [o.brokerPort] N8N_RUNNERS_BROKER_PORT; every concurrently running n8n
 *                                process (a server plus an `n8n execute`) needs its own
 * @param {object} [o.env]        extra variables, applied last (override anything here)
 */
export function n8nEnv({ version, userFolder, port, brokerPort, env = {} }) {
	const base = { ...process.env };
	// Variables from a developer's shell that would change n8n's behaviour.
	for (const k of Object.keys(base)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODES_(INCLUDE|EXCLUDE)$)/.test(k)) delete base[k];
	}
	const out = {
		...base,
		// Run n8n's child processes (task runner) under the same Node.
		PATH: `${path.dirname(process.execPath)}${path.delimiter}${base.PATH || ''}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKeyFor(userFolder),
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',

		// HTTP: loopback, plain http.
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',

		// Community packages from <userFolder>/.n8n/nodes, unverified ones allowed.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',

		// Offline and quiet.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_DIAGNOSTICS_POSTHOG_API_HOST: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',

		// Task runners: the JS runner as n8n's own child process (internal mode;
		// 2.x logs a deprecation notice for it, but "external" needs the separate
		// launcher binary we cannot download), no Python runner (it needs a
		// Python venv we do not ship).
		N8N_RUNNERS_MODE: 'internal',
		N8N_PYTHON_ENABLED: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',

		// Housekeeping.
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		NO_COLOR: '1',
		FORCE_COLOR: '0',
	};
	const major = majorOf(version);
	if (port) {
		out.N8N_PORT = String(port);
		out.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${port}/`;
		// 2.x renamed WEBHOOK_URL (now deprecated) to N8N_WEBHOOK_URL.
		out[major >= 2 ? 'N8N_WEBHOOK_URL' : 'WEBHOOK_URL'] = `http://127.0.0.1:${port}/`;
	}
	if (brokerPort) out.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	if (major >= 2) {
		// 2.x: the MCP server registry module fetches api.n8n.io/api/mcp-servers
		// at start-up and logs a stack trace when it cannot (1.x has no such
		// module, and an unknown module name is a start-up error there).
		out.N8N_DISABLED_MODULES = 'mcp-registry';
		// Pin the values whose defaults 2.x announces will change, to the
		// future defaults, so start-up is quieter and tests fail fast.
		out.N8N_RUNNERS_TASK_TIMEOUT = '60';
		out.N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES = String(256 * 1024 * 1024);
		out.N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES = '1000';
	}
	if (major < 2) {
		// 1.x: task runners are opt-in (2.x always has them and calls the
		// variable obsolete); the classic in-process expression evaluator;
		// and a setting whose absence 1.x warns about at every start.
		out.N8N_RUNNERS_ENABLED = 'true';
		out.N8N_EXPRESSION_ENGINE = 'legacy';
		out.N8N_GIT_NODE_DISABLE_BARE_REPOS = 'true';
	}
	return { ...out, ...env };
}
