import type { TenantScope } from '../../auth/tenantScope';
import type { Config } from '../../config/config';
import type { Repositories } from '../../context';
import { invalidField, notFound } from '../../shared/errors';
import type { AccountRef } from '../messages';
import type { GraphTarget } from './graph/graphClient';

/** Everything needed to send from one number: its Graph target (host, version, token) and its limits. */
export interface CloudSender {
	phoneNumberId: string;
	wabaId: string;
	displayPhoneNumber: string | null;
	throughputPerSecond: number;
	target: GraphTarget;
}

/**
 * A send reads its number's token and app settings; at thousands of sends a second that would be a query and
 * a decryption each, so senders are kept briefly. A token rotated through the API is used within SENDER_TTL_MS;
 * a token Meta refuses (190) is dropped at once so the next send reads the stored one again.
 */
const SENDER_TTL_MS = 2000;

export class CloudAccounts {
	private readonly cache = new Map<string, { sender: CloudSender; until: number }>();

	constructor(
		private readonly repos: Pick<Repositories, 'cloudNumbers' | 'metaApps'>,
		private readonly graphDefaults: Pick<Config['graph'], 'baseUrl' | 'version'>,
	) {}

	/** The named number, else the tenant's default, else its only one. */
	async resolve(scope: TenantScope, requested: string | undefined): Promise<AccountRef> {
		if (requested) {
			const sender = await this.sender(scope, requested);
			return { channel: 'cloud', id: sender.phoneNumberId, ...(sender.displayPhoneNumber ? { address: sender.displayPhoneNumber } : {}) };
		}
		const accounts = await this.repos.cloudNumbers.accounts(scope);
		if (accounts.length === 0) throw notFound('Cloud phone number (none is registered for this tenant; add one with PUT /v1/cloud/connection or POST /v1/cloud/numbers)');
		const chosen = accounts.length === 1 ? accounts[0] : accounts.find((account) => account.isDefault);
		if (!chosen) throw invalidField('body.from', `is required: this tenant has ${accounts.length} Cloud numbers and none is the default`);
		return { channel: 'cloud', id: chosen.phoneNumberId, ...(chosen.displayPhoneNumber ? { address: chosen.displayPhoneNumber } : {}) };
	}

	async sender(scope: TenantScope, phoneNumberId: string): Promise<CloudSender> {
		const key = `${scope.tenantId}|${phoneNumberId}`;
		const cached = this.cache.get(key);
		if (cached && cached.until > Date.now()) return cached.sender;
		const credentials = await this.repos.cloudNumbers.credentials(scope, phoneNumberId);
		if (!credentials) throw notFound('Phone number', phoneNumberId);
		const app = await this.repos.metaApps.graphSettings(scope, credentials.metaAppRowId);
		const sender: CloudSender = {
			phoneNumberId: credentials.phoneNumberId,
			wabaId: credentials.wabaId,
			displayPhoneNumber: credentials.displayPhoneNumber,
			throughputPerSecond: credentials.throughputPerSecond,
			target: { baseUrl: app?.graphBaseUrl ?? this.graphDefaults.baseUrl, version: app?.graphApiVersion ?? this.graphDefaults.version, accessToken: credentials.accessToken },
		};
		if (this.cache.size > 50_000) this.cache.clear();
		this.cache.set(key, { sender, until: Date.now() + SENDER_TTL_MS });
		return sender;
	}

	/** A number of this tenant on the given WABA (its token reads the WABA), else 404. */
	async senderForWaba(scope: TenantScope, wabaId: string): Promise<CloudSender> {
		const account = (await this.repos.cloudNumbers.accounts(scope)).find((candidate) => candidate.wabaId === wabaId);
		if (!account) throw notFound('WhatsApp Business Account', wabaId);
		return this.sender(scope, account.phoneNumberId);
	}

	/** The number named by `from`, or the WABA named by `wabaId`, or the default number. */
	async senderFor(scope: TenantScope, choice: { from?: string; wabaId?: string }): Promise<CloudSender> {
		if (choice.from) return this.sender(scope, choice.from);
		if (choice.wabaId) return this.senderForWaba(scope, choice.wabaId);
		return this.sender(scope, (await this.resolve(scope, undefined)).id);
	}

	forget(scope: TenantScope, phoneNumberId: string): void {
		this.cache.delete(`${scope.tenantId}|${phoneNumberId}`);
	}
}
