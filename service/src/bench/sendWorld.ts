import { generateApiKey } from '../auth/apiKeys';
import { systemScope } from '../auth/tenantScope';
import { repositories } from '../context';
import { openStorage, type DatabaseSettings } from '../storage/database';
import { SecretBox } from '../storage/secretBox';
import { createBenchWorld, type BenchWorld } from './benchWorld';

/** A bench world for sends: the tenant gets N Cloud numbers on an app that calls the simulator, and an API key. */
export interface SendWorld extends BenchWorld {
	apiKey: string;
	numbers: string[];
	token: string;
	/** Sets every number's throughput in the service's database (the simulator is told separately). */
	setThroughput(perSecond: number): Promise<void>;
}

export const BENCH_TOKEN = 'EAAbenchSendToken0001';
const FIRST_NUMBER = 880000000001;

function settingsOf(env: Record<string, string>): DatabaseSettings {
	return env.MYSQL_URL ? { dialect: 'mysql', url: env.MYSQL_URL, poolSize: 4 } : { dialect: 'sqlite', path: env.SQLITE_PATH as string };
}

export async function createSendWorld(input: { dialect: 'sqlite' | 'mysql'; mysqlUrl?: string; numbers: number; graphBaseUrl: string; env?: Record<string, string> }): Promise<SendWorld> {
	const world = await createBenchWorld({ dialect: input.dialect, mysqlUrl: input.mysqlUrl, env: input.env });
	const withStorage = async <T>(work: (repos: ReturnType<typeof repositories>) => Promise<T>): Promise<T> => {
		const storage = openStorage(settingsOf(world.env));
		try {
			return await work(repositories(storage.db, new SecretBox(Buffer.from(world.env.ENCRYPTION_KEY as string, 'base64'))));
		} finally {
			await storage.close();
		}
	};
	const scope = systemScope(world.tenantId, 'bench');
	const numbers = Array.from({ length: input.numbers }, (_, i) => String(FIRST_NUMBER + i));
	const apiKey = await withStorage(async (repos) => {
		await repos.metaApps.update(scope, world.appId, { graphBaseUrl: input.graphBaseUrl, graphApiVersion: 'v23.0' });
		const app = (await repos.metaApps.getSecrets(scope, world.appId))!;
		for (const [index, phoneNumberId] of numbers.entries()) {
			await repos.cloudNumbers.create(scope, { phoneNumberId, wabaId: world.wabaId, metaAppRowId: app.id, metaAppId: world.appId, accessToken: BENCH_TOKEN, throughputPerSecond: 80, isDefault: index === 0 });
		}
		const key = generateApiKey();
		await repos.apiKeys.create({ tenant: scope }, { name: 'bench', prefix: key.prefix, hash: key.hash, scopes: ['read', 'send'], createdBy: 'bench' });
		return key.key;
	});
	return {
		...world,
		apiKey,
		numbers,
		token: BENCH_TOKEN,
		setThroughput: (perSecond) => withStorage(async (repos) => {
			for (const phoneNumberId of numbers) await repos.cloudNumbers.update(scope, phoneNumberId, { throughputPerSecond: perSecond });
		}),
	};
}
