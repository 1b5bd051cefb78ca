import { Authenticator } from './auth/authenticator';
import type { JwtSettings } from './auth/jwt';
import { CloudNumbersRepository } from './channels/cloud/config/cloudNumbersRepository';
import { MetaAppsRepository } from './channels/cloud/config/metaAppsRepository';
import type { ChannelRegistry } from './channels/port';
import type { Config } from './config/config';
import { ServiceMetrics } from './events/metrics';
import { EventOutbox } from './events/outbox';
import type { MessageLedger } from './messages/ledger';
import { SqlMessageLedger } from './messages/sqlMessageLedger';
import type { Logger } from './logging/logger';
import type { Storage } from './storage/database';
import { SecretBox } from './storage/secretBox';
import { ApiKeysRepository } from './tenants/apiKeysRepository';
import { SystemSettingsRepository } from './tenants/systemSettingsRepository';
import { TenantsRepository } from './tenants/tenantsRepository';
import { UsersRepository } from './tenants/usersRepository';

/** Repositories over one executor; `repositories(trx)` gives the same set bound to a transaction. */
export function repositories(db: Storage['db'], secrets: SecretBox) {
	const apiKeys = new ApiKeysRepository(db);
	return {
		tenants: new TenantsRepository(db, () => apiKeys.forgetAuthenticated()),
		users: new UsersRepository(db),
		apiKeys,
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
	/** Prometheus registry and the service's own metrics; concerns may register more on `metrics.registry`. */
	readonly metrics: ServiceMetrics;
	/** Where events are written, in the transaction of their cause. */
	readonly outbox: EventOutbox;
	/** History and events for sends and inbound items of every channel. */
	readonly ledger: MessageLedger;
	/** Filled once the server listens (PORT may be 0). */
	publicUrl: string;
}

export function createContext(input: { config: Config; logger: Logger; storage: Storage; channels: ChannelRegistry }): AppContext {
	const secrets = new SecretBox(input.config.encryptionKey);
	const repos = repositories(input.storage.db, secrets);
	const jwt: JwtSettings = input.config.jwt;
	const metrics = new ServiceMetrics();
	const outbox = new EventOutbox(input.storage.dialect);
	return {
		...input,
		metrics,
		outbox,
		ledger: new SqlMessageLedger(input.storage.db, input.storage.dialect, outbox, metrics, input.config.events.ingestMaxBatch),
		secrets,
		jwt,
		repos,
		authenticator: new Authenticator(jwt, repos.users, repos.apiKeys),
		publicUrl: input.config.publicUrl ?? `http://${input.config.host}:${input.config.port}`,
	};
}
