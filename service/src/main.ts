#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { hashPassword, passwordProblem } from './auth/passwords';
import { systemPlatformScope } from './auth/tenantScope';
import { productComposers } from './composition';
import { ConfigError } from './config/parseEnv';
import { loadConfig } from './config/config';
import { variablesMarkdown } from './config/variables';
import { createLogger } from './logging/logger';
import { startService } from './service';
import { openStorage } from './storage/database';
import { migrateToLatest } from './storage/migrations';
import { UsersRepository } from './tenants/usersRepository';

const USAGE = `usage: node service/dist/main.js <command>
  serve          start the service (default)
  migrate        apply database migrations and exit
  create-admin   create a platform admin (ADMIN_EMAIL / ADMIN_PASSWORD, or asked interactively)
  env-docs       print the environment variable table (markdown)`;

async function serve(): Promise<void> {
	const config = loadConfig();
	const logger = createLogger({ level: config.logLevel });
	const service = await startService(config, logger, productComposers());
	logger.info({ url: service.url, database: config.database.dialect, sandbox: config.sandbox }, `Service listening on ${service.url} (OpenAPI: ${service.url}/openapi.json)`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) {
			logger.warn(`${signal} again: exiting without waiting`);
			process.exit(1);
		}
		stopping = true;
		logger.info(`${signal}: finishing in-flight work, then exiting`);
		service.close().then(
			() => process.exit(0),
			(error) => {
				logger.error({ err: error }, 'shutdown failed');
				process.exit(1);
			},
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

async function migrate(): Promise<void> {
	const config = loadConfig();
	const storage = openStorage(config.database);
	const result = await migrateToLatest(storage.db as never, storage.dialect);
	for (const step of result.results ?? []) console.log(`${step.status}: ${step.migrationName}`);
	if (!result.results?.length) console.log('Database is up to date');
	await storage.close();
}

async function ask(question: string): Promise<string> {
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	try {
		return (await rl.question(question)).trim();
	} finally {
		rl.close();
	}
}

async function createAdmin(): Promise<void> {
	const config = loadConfig();
	const email = process.env.ADMIN_EMAIL ?? (await ask('Admin email: '));
	const password = process.env.ADMIN_PASSWORD ?? (await ask('Admin password (12+ characters): '));
	const problem = passwordProblem(password);
	if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('That is not an email address');
	if (problem) throw new Error(`Password ${problem}`);
	const storage = openStorage(config.database);
	try {
		await migrateToLatest(storage.db as never, storage.dialect);
		const users = new UsersRepository(storage.db);
		if (await users.emailTaken(email)) throw new Error(`A user with email ${email} already exists`);
		const user = await users.createPlatformAdmin(systemPlatformScope('cli'), { email, passwordHash: await hashPassword(password) });
		console.log(`Created platform admin ${user.email} (${user.id}). Log in with POST /v1/auth/login.`);
	} finally {
		await storage.close();
	}
}

async function main(): Promise<void> {
	const command = process.argv[2] ?? 'serve';
	if (command === 'serve') return serve();
	if (command === 'migrate') return migrate();
	if (command === 'create-admin') return createAdmin();
	if (command === 'env-docs') return void console.log(variablesMarkdown());
	console.error(USAGE);
	process.exit(2);
}

main().catch((error) => {
	console.error(error instanceof ConfigError ? error.message : `Error: ${(error as Error).message}`);
	process.exit(1);
});
