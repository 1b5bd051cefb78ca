import type { MetaAppsRepository } from '../config/metaAppsRepository';

export interface Registration {
	tenantId: string;
	appSecret: string;
	verifyToken: string;
}

const TTL_MS = 30_000;
const EMPTY_TTL_MS = 1_000;
const MIN_REFRESH_INTERVAL_MS = 1_000;

/**
 * Every tenant's registration of a Meta app, secrets opened, cached briefly: reading and decrypting them per
 * webhook would cost more than the rest of the request. A signature that fails against the cache triggers one
 * fresh read (at most once a second per app), so a rotated secret works at once without letting forged
 * requests hammer the database.
 */
export class AppRegistrations {
	private readonly cache = new Map<string, { at: number; registrations: Registration[] }>();

	constructor(private readonly metaApps: MetaAppsRepository) {}

	async get(appId: string): Promise<Registration[]> {
		const cached = this.cache.get(appId);
		const ttl = cached && cached.registrations.length === 0 ? EMPTY_TTL_MS : TTL_MS;
		if (cached && Date.now() - cached.at < ttl) return cached.registrations;
		return this.load(appId);
	}

	/** A fresher copy if the cached one is older than the refresh interval; otherwise undefined (nothing new to try). */
	async refresh(appId: string): Promise<Registration[] | undefined> {
		const cached = this.cache.get(appId);
		if (cached && Date.now() - cached.at < MIN_REFRESH_INTERVAL_MS) return undefined;
		return this.load(appId);
	}

	private async load(appId: string): Promise<Registration[]> {
		const registrations = (await this.metaApps.registrationsForWebhook(appId)).map((r) => ({ tenantId: r.tenantId, appSecret: r.appSecret, verifyToken: r.verifyToken }));
		if (this.cache.size > 10_000) this.cache.clear();
		this.cache.set(appId, { at: Date.now(), registrations });
		return registrations;
	}
}
