import { Authenticator } from './auth/authenticator';
import type { JwtSettings } from './auth/jwt';
import { CloudNumbersRepository } from './channels/cloud/config/cloudNumbersRepository';
import { MetaAppsRepository } from './channels/cloud/config/metaAppsRepository';
import type { ChannelRegistry } from './channels/port';
import type { Config } from './config/config';
import type { Logger } from './logging/logger';
import type { Storage } from './storage/database';
import { SecretBox } from './storage/secretBox';
import { ApiKeysRepository } from './tenants/apiKeysRepository';
import { SystemSettingsRepository } from './tenants/systemSettingsRepository';
import { TenantsRepository } from './tenants/tenantsRepository';
import { UsersRepository } from './tenants/usersRepository';

/** Repositories over one executor; `repositories(trx)` gives the same set bound to a transaction. */
export function repositories(db: Storage['db'], secrets: SecretBox) {
	return {
		tenants: new TenantsRepository(db),
		users: new UsersRepository(db),
		apiKeys: new ApiKeysRepository(db),
		systemSettings: new SystemSettingsRepository(db),
		metaApps: new MetaAppsRepository(db, secrets),
		cloudNumbers: new CloudNumbersRepository(db, secrets),
	};
}
export type Repositories = ReturnType<typeof repositories>;

/** Everything the HTTP plugins and workers need, built once at start and passed in (never imported globally). */
export interface AppContext {
	readonly config: Config;
	readonly logger: Logger;
	readonly storage: Storage;
	readonly secrets: SecretBox;
	readonly jwt: JwtSettings;
	readonly repos: Repositories;
	readonly authenticator: Authenticator;
	readonly channels: ChannelRegistry;
	/** Filled once the server listens (PORT may be 0). */
	publicUrl: string;
}

export function createContext(input: { config: Config; logger: Logger; storage: Storage; channels: ChannelRegistry }): AppContext {
	const secrets = new SecretBox(input.config.encryptionKey);
	const repos = repositories(input.storage.db, secrets);
	const jwt: JwtSettings = input.config.jwt;
	return {
		...input,
		secrets,
		jwt,
		repos,
		authenticator: new Authenticator(jwt, repos.users, repos.apiKeys),
		publicUrl: input.config.publicUrl ?? `http://${input.config.host}:${input.config.port}`,
	};
}
