import type { TenantScope } from '../../service/src/auth/tenantScope';
import type { AccountRef, ChannelKind, OutboundMessage } from '../../service/src/channels/messages';
import type { BlocklistOutcome, ChannelHealth, ChannelPort, DispatchResult } from '../../service/src/channels/port';

/** A channel whose health and behaviour a test sets per tenant; it records what it was asked to do. */
export class FakeChannel implements ChannelPort {
	readonly dispatched: Array<{ tenantId: string; account: AccountRef; message: OutboundMessage }> = [];
	/** Who is blocked, per account id. */
	readonly blocklist = new Map<string, Set<string>>();
	private readonly healthByTenant = new Map<string, Omit<ChannelHealth, 'channel'>>();

	constructor(readonly kind: ChannelKind) {}

	setHealth(tenantId: string, health: Omit<ChannelHealth, 'channel'>): void {
		this.healthByTenant.set(tenantId, health);
	}

	async resolveAccount(_scope: TenantScope, accountId: string | undefined): Promise<AccountRef> {
		return { channel: this.kind, id: accountId ?? 'default' };
	}

	validate(): void {}

	async dispatch(scope: TenantScope, account: AccountRef, message: OutboundMessage): Promise<DispatchResult> {
		this.dispatched.push({ tenantId: scope.tenantId, account, message });
		return { account, providerMessageId: `fake.${this.dispatched.length}`, recipient: message.to, status: 'accepted' };
	}

	async markRead(): Promise<void> {}

	async changeBlocklist(_scope: TenantScope, account: AccountRef, change: 'block' | 'unblock', users: readonly string[]): Promise<BlocklistOutcome[]> {
		const list = this.blocklist.get(account.id) ?? new Set<string>();
		this.blocklist.set(account.id, list);
		for (const user of users) (change === 'block' ? list.add(user) : list.delete(user));
		return users.map((input) => ({ input, user: input, ok: true }));
	}

	async blocked(_scope: TenantScope, account: AccountRef): Promise<string[]> {
		return [...(this.blocklist.get(account.id) ?? [])];
	}

	async health(scope: TenantScope): Promise<ChannelHealth> {
		return { channel: this.kind, ...(this.healthByTenant.get(scope.tenantId) ?? { configured: false, healthy: false, accounts: [] }) };
	}
}
