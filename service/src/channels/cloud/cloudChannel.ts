import type { TenantScope } from '../../auth/tenantScope';
import type { Repositories } from '../../context';
import type { Logger } from '../../logging/logger';
import { AppError } from '../../shared/errors';
import type { AccountRef, OutboundMessage } from '../messages';
import type { AccountHealth, BlocklistOutcome, ChannelHealth, ChannelPort, DispatchResult } from '../port';
import type { CloudAccounts, CloudSender } from './cloudAccounts';
import { changeBlockedUsers, listBlockedUsers } from './graph/blockUsersApi';
import type { GraphClient } from './graph/graphClient';
import { uploadMedia } from './graph/mediaApi';
import { markRead, sendMessage } from './graph/messagesApi';
import type { SendLimiter } from './limits/sendLimiter';
import { requestFieldOf } from './outbound/fieldPaths';
import { mediaTypeOf, toGraphMessage } from './outbound/toGraphMessage';
import { validateOutbound } from './outbound/validateOutbound';
import type { RetryPolicy } from './retryPolicy';
import type { ConnectionTester } from './connectionTester';

export interface CloudChannelDeps {
	repos: Pick<Repositories, 'cloudNumbers'>;
	accounts: CloudAccounts;
	graph: GraphClient;
	limiter: SendLimiter;
	retry: RetryPolicy;
	tester: ConnectionTester;
	logger: Logger;
}

/** WhatsApp Business Cloud API behind the channel port: Meta's rules checked first, Meta's limits kept, transient failures retried. */
export class CloudChannel implements ChannelPort {
	readonly kind = 'cloud' as const;

	constructor(private readonly deps: CloudChannelDeps) {}

	resolveAccount(scope: TenantScope, accountId: string | undefined): Promise<AccountRef> {
		return this.deps.accounts.resolve(scope, accountId);
	}

	validate(message: OutboundMessage): void {
		validateOutbound(message);
	}

	async dispatch(scope: TenantScope, account: AccountRef, message: OutboundMessage): Promise<DispatchResult> {
		const sender = await this.deps.accounts.sender(scope, account.id);
		const uploadedMediaId = await this.uploadInlineMedia(scope, sender, message);
		const body = toGraphMessage(message, uploadedMediaId);
		const recipientKey = message.to.replace(/\D/g, '') || message.to;
		const response = await this.withRetries(
			scope,
			sender,
			async () => {
				await this.deps.limiter.acquire(sender.phoneNumberId, sender.throughputPerSecond, recipientKey);
				return sendMessage(this.deps.graph, sender.target, sender.phoneNumberId, body);
			},
			requestFieldOf,
			{ atMostOnce: true },
		);
		const sent = response.messages?.[0];
		if (!sent?.id) throw new AppError(502, 'upstream_error', 'Graph accepted the send but returned no message id', { retryable: false, hint: 'Check the message in WhatsApp Manager before sending it again' });
		return {
			account,
			providerMessageId: sent.id,
			recipient: response.contacts?.[0]?.wa_id ?? recipientKey,
			status: 'accepted',
			raw: response,
		};
	}

	async markRead(scope: TenantScope, account: AccountRef, messageId: string, options: { typing: boolean }): Promise<void> {
		const sender = await this.deps.accounts.sender(scope, account.id);
		await this.withRetries(scope, sender, () => markRead(this.deps.graph, sender.target, sender.phoneNumberId, messageId, options.typing), (field) => (field === 'message_id' ? 'body.messageId' : `body.${field}`));
	}

	/** Blocking is harmless to repeat, so it is retried like a read receipt. */
	async changeBlocklist(scope: TenantScope, account: AccountRef, change: 'block' | 'unblock', users: readonly string[]): Promise<BlocklistOutcome[]> {
		const sender = await this.deps.accounts.sender(scope, account.id);
		const results = await this.withRetries(scope, sender, () => changeBlockedUsers(this.deps.graph, sender.target, sender.phoneNumberId, change, users), (field) => (field.startsWith('block_users') ? 'body.users' : `body.${field}`));
		return results.map((result) => ({ input: result.input, user: result.waId, ok: result.ok, ...(result.code !== undefined ? { code: result.code } : {}), ...(result.message ? { message: result.message } : {}) }));
	}

	async blocked(scope: TenantScope, account: AccountRef): Promise<string[]> {
		const sender = await this.deps.accounts.sender(scope, account.id);
		return this.withRetries(scope, sender, () => listBlockedUsers(this.deps.graph, sender.target, sender.phoneNumberId));
	}

	async health(scope: TenantScope): Promise<ChannelHealth> {
		const accounts = await this.deps.repos.cloudNumbers.accounts(scope);
		const reports: AccountHealth[] = [];
		for (const account of accounts) {
			// A number never tested is tested now, so a tenant can switch to cloud right after registering it.
			const lastTest: { ok: boolean; error: string | null } =
				account.lastTest ?? (await this.deps.tester.test(scope, account.phoneNumberId).then((result) => ({ ok: result.ok, error: result.error?.message ?? null })));
			reports.push({
				account: { channel: 'cloud', id: account.phoneNumberId, ...(account.displayPhoneNumber ? { address: account.displayPhoneNumber } : {}) },
				healthy: lastTest.ok,
				state: lastTest.ok ? 'CONNECTED' : 'FAILED',
				...(lastTest.ok ? {} : { reason: lastTest.error ?? 'The last connection test failed' }),
			});
		}
		const healthy = reports.some((report) => report.healthy);
		return {
			channel: 'cloud',
			configured: accounts.length > 0,
			healthy,
			accounts: reports,
			...(accounts.length === 0 ? { reason: 'No Cloud API phone number is registered' } : healthy ? {} : { reason: 'No Cloud number passed its connection test' }),
		};
	}

	/** Inline (base64) media is uploaded to the number first; the message then goes by media id. */
	private async uploadInlineMedia(scope: TenantScope, sender: CloudSender, message: OutboundMessage): Promise<string | undefined> {
		const type = mediaTypeOf(message);
		const source = type ? message[type] : undefined;
		if (!source?.base64 || !source.mimeType) return undefined;
		const data = Buffer.from(source.base64, 'base64');
		const mimeType = source.mimeType;
		return this.withRetries(scope, sender, () => uploadMedia(this.deps.graph, sender.target, sender.phoneNumberId, { content: data, mimeType, filename: source.filename }));
	}

	private withRetries<T>(scope: TenantScope, sender: CloudSender, call: () => Promise<T>, fieldPath: (metaField: string) => string = requestFieldOf, options: { atMostOnce?: boolean } = {}): Promise<T> {
		return this.deps.retry
			.run(call, { fieldPath, ...options }, (error, attempt, delayMs) => {
				this.deps.logger.debug({ phoneNumberId: sender.phoneNumberId, providerCode: error.code ?? error.kind, attempt, delayMs: Math.round(delayMs) }, 'Graph call failed; retrying');
			})
			.catch((error: unknown) => {
				if ((error as { details?: { providerCode?: unknown } }).details?.providerCode === 190) this.deps.accounts.forget(scope, sender.phoneNumberId);
				throw error;
			});
	}
}
