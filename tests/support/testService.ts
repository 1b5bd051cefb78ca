import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateApiKey } from '../../service/src/auth/apiKeys';
import { hashPassword } from '../../service/src/auth/passwords';
import type { ApiScope } from '../../service/src/auth/principal';
import { systemPlatformScope } from '../../service/src/auth/tenantScope';
import { loadConfig, type Config } from '../../service/src/config/config';
import { createLogger } from '../../service/src/logging/logger';
import { startService, type Composer, type RunningService } from '../../service/src/service';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases';
import { LogCapture } from './logCapture';

export interface TestService extends RunningService {
	readonly dialect: TestDialect;
	readonly logs: LogCapture;
	readonly database: TestDatabase;
	readonly config: Config;
	/** A platform admin API key, minted directly (no HTTP) for arranging tests. */
	platformKey(): Promise<string>;
	stop(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export function testEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-data-'));
	return {
		NODE_ENV: 'test',
		HOST: '127.0.0.1',
		PORT: '0',
		LOG_LEVEL: 'debug',
		DATA_DIR: dataDir,
		ENCRYPTION_KEY: randomBytes(32).toString('base64'),
		JWT_KEYS: `k1:${randomBytes(32).toString('hex')}`,
		SANDBOX_MODE: 'false',
		...overrides,
	};
}

/**
 * A whole service on a fresh database: SQLite in a temp dir, or a new MariaDB database. Logs are captured so
 * tests can check what was (and was not) written. With `database`, a second process of the same deployment:
 * it runs on that database and leaves dropping it to whoever created it.
 */
export async function startTestService(dialect: TestDialect, options: { composers?: Composer[]; env?: Record<string, string>; listen?: boolean; database?: TestDatabase } = {}): Promise<TestService> {
	const database = options.database ?? (await createTestDatabase(dialect));
	const env = testEnv(options.env);
	const base = loadConfig(env);
	const config: Config = { ...base, database: database.settings };
	const logs = new LogCapture();
	const logger = createLogger({ level: config.logLevel, destination: logs });
	const service = await startService(config, logger, options.composers ?? [], { listen: options.listen ?? false });
	let platformKey: string | undefined;
	return {
		...service,
		dialect,
		logs,
		database,
		config,
		async platformKey() {
			if (!platformKey) {
				const generated = generateApiKey();
				await service.ctx.repos.apiKeys.create({ platform: systemPlatformScope('test') }, { name: 'test platform key', prefix: generated.prefix, hash: generated.hash, scopes: ['read', 'send', 'admin'], createdBy: 'test' });
				platformKey = generated.key;
			}
			return platformKey;
		},
		async stop() {
			await service.close();
			if (!options.database) await database.drop();
			fs.rmSync(env.DATA_DIR as string, { recursive: true, force: true });
		},
	};
}

export interface TenantFixture {
	id: string;
	/** Keys by scope set: admin (read,send,admin), sender (read,send), reader (read). */
	adminKey: string;
	senderKey: string;
	readerKey: string;
}

/** A tenant with three keys, arranged through the API as a platform admin would. */
export async function createTenantFixture(service: TestService, name: string): Promise<TenantFixture> {
	const platformKey = await service.platformKey();
	const created = await service.app.inject({ method: 'POST', url: '/v1/tenants', headers: { authorization: `Bearer ${platformKey}` }, payload: { name } });
	if (created.statusCode !== 201) throw new Error(`tenant create failed: ${created.body}`);
	const tenantId = created.json().id as string;
	const mint = async (scopes: ApiScope[]) => {
		const response = await service.app.inject({ method: 'POST', url: `/v1/tenants/${tenantId}/api-keys`, headers: { authorization: `Bearer ${platformKey}` }, payload: { name: scopes.join('+'), scopes } });
		if (response.statusCode !== 201) throw new Error(`key create failed: ${response.body}`);
		return response.json().key as string;
	};
	return { id: tenantId, adminKey: await mint(['read', 'send', 'admin']), senderKey: await mint(['read', 'send']), readerKey: await mint(['read']) };
}

export async function createPlatformAdminUser(service: TestService, email = 'root@example.com'): Promise<void> {
	await service.ctx.repos.users.createPlatformAdmin(systemPlatformScope('test'), { email, passwordHash: await hashPassword(TEST_PASSWORD) });
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
