import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemPlatformScope, systemScope } from '../auth/tenantScope';
import { repositories } from '../context';
import { SubscriptionsRepository } from '../events/subscriptionsRepository';
import { openStorage, type DatabaseSettings } from '../storage/database';
import { migrateToLatest } from '../storage/migrations';
import { SecretBox } from '../storage/secretBox';

/**
 * A database with one tenant, one Meta app, one number and (optionally) a subscription, written directly through
 * the repositories, plus the environment a child service needs to serve it.
 */
export interface BenchWorld {
	env: Record<string, string>;
	dialect: 'sqlite' | 'mysql';
	appId: string;
	appSecret: string;
	phoneNumberId: string;
	wabaId: string;
	tenantId: string;
	drop(): Promise<void>;
}

export async function createBenchWorld(input: { dialect: 'sqlite' | 'mysql'; mysqlUrl?: string; subscriptionUrl?: string; env?: Record<string, string> }): Promise<BenchWorld> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-'));
	const encryptionKey = randomBytes(32);
	let settings: DatabaseSettings;
	let location: Record<string, string>;
	let dropDatabase = async () => undefined as void;
	if (input.dialect === 'sqlite') {
		const file = path.join(dataDir, 'bench.db');
		settings = { dialect: 'sqlite', path: file };
		// An inherited MYSQL_URL would win over SQLITE_PATH in the child: blank it.
		location = { SQLITE_PATH: file, MYSQL_URL: '' };
	} else {
		const { createConnection } = await import('mysql2/promise');
		const base = new URL(input.mysqlUrl as string);
		const name = `wa_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
		const admin = async () => createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
		const connection = await admin();
		await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
		await connection.end();
		const url = new URL(base.toString());
		url.pathname = `/${name}`;
		settings = { dialect: 'mysql', url: url.toString(), poolSize: 10 };
		location = { MYSQL_URL: url.toString(), MYSQL_POOL_SIZE: '10' };
		dropDatabase = async () => {
			const c = await admin();
			await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
			await c.end();
		};
	}
	const storage = openStorage(settings);
	await migrateToLatest(storage.db as never, storage.dialect);
	const secrets = new SecretBox(encryptionKey);
	const repos = repositories(storage.db, secrets);
	const tenant = await repos.tenants.create(systemPlatformScope('bench'), { name: 'Bench', slug: `bench-${randomBytes(3).toString('hex')}` });
	const scope = systemScope(tenant.id, 'bench');
	const appId = '990001';
	const appSecret = randomBytes(16).toString('hex');
	const app = await repos.metaApps.create(scope, { appId, appSecret, verifyToken: 'bench-verify-token' });
	await repos.cloudNumbers.create(scope, { phoneNumberId: '990002', wabaId: '990003', metaAppRowId: app.id, metaAppId: appId, accessToken: 'bench-token', throughputPerSecond: 1000, isDefault: true });
	if (input.subscriptionUrl) await new SubscriptionsRepository(storage.db, secrets).create(scope, { targetUrl: input.subscriptionUrl, events: ['*'] });
	await storage.close();
	return {
		dialect: input.dialect,
		appId,
		appSecret,
		phoneNumberId: '990002',
		wabaId: '990003',
		tenantId: tenant.id,
		env: {
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: '0',
			LOG_LEVEL: 'info',
			DATA_DIR: dataDir,
			ENCRYPTION_KEY: encryptionKey.toString('base64'),
			JWT_KEYS: `bench:${randomBytes(32).toString('hex')}`,
			SANDBOX_MODE: 'false',
			...location,
			...input.env,
		},
		async drop() {
			await dropDatabase();
			fs.rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

/** Signed inbound text webhooks with unique wamids, spread over a pool of contacts (conversations). */
export class WebhookFactory {
	private counter = 0;
	private readonly run = randomBytes(4).toString('hex');

	constructor(
		private readonly world: Pick<BenchWorld, 'appSecret' | 'phoneNumberId' | 'wabaId'>,
		private readonly contacts = 500,
	) {}

	next(): { wamid: string; body: string; signature: string; peer: string } {
		const n = this.counter++;
		const wamid = `wamid.BENCH${this.run}${n.toString(36).padStart(8, '0')}`;
		const peer = String(15550000000 + (n % this.contacts));
		const body = JSON.stringify({
			object: 'whatsapp_business_account',
			entry: [{ id: this.world.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: this.world.phoneNumberId }, contacts: [{ profile: { name: `Contact ${peer}` }, wa_id: peer }], messages: [{ from: peer, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `Benchmark message number ${n}: does it come in another color?` } }] } }] }],
		});
		return { wamid, body, peer, signature: `sha256=${createHmac('sha256', this.world.appSecret).update(body).digest('hex')}` };
	}
}
