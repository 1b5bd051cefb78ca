import type { TenantScope } from '../auth/tenantScope';
import type { AccountRef, ChannelKind, OutboundMessage } from './messages';

/** What a channel reports after handing a message to WhatsApp. */
export interface DispatchResult {
	account: AccountRef;
	/** wamid (Cloud) or serialized id (Web). */
	providerMessageId: string;
	/** The recipient as the provider resolved it (Cloud's wa_id, Web's chat id). */
	recipient: string;
	/** Cloud answers "accepted"; Web knows the message left the phone ("sent"). */
	status: 'accepted' | 'sent';
	/** Provider response kept beside the normalized record. */
	raw?: unknown;
}

/** One person's result of a block or unblock: WhatsApp answers each on their own. */
export interface BlocklistOutcome {
	/** As the caller gave it. */
	input: string;
	/** WhatsApp's id for the person (Cloud wa_id, Web user id), when known. */
	user: string | null;
	ok: boolean;
	/** Why not, when not ok: the provider's code and words. */
	code?: number | string;
	message?: string;
}

export interface AccountHealth {
	account: AccountRef;
	healthy: boolean;
	/** e.g. a Web session status (WORKING, SCAN_QR…) or a Cloud test-connection result. */
	state: string;
	reason?: string;
}

export interface ChannelHealth {
	channel: ChannelKind;
	/** At least one account (number or session) exists. */
	configured: boolean;
	/** At least one account can send now. */
	healthy: boolean;
	accounts: AccountHealth[];
	reason?: string;
}

/**
 * The one face both channels show. Everything above it (HTTP routes, events, the nodes) stays channel-agnostic;
 * what a channel cannot do it refuses with notSupportedOnChannel (HTTP 422), never by silently doing less.
 */
export interface ChannelPort {
	readonly kind: ChannelKind;

	/** Picks the account to send from: the named one, else the tenant's default, else the only one. */
	resolveAccount(scope: TenantScope, accountId: string | undefined): Promise<AccountRef>;

	/** Checks the message against what this channel accepts; throws a 400 naming the field, or 422. */
	validate(message: OutboundMessage): void;

	/**
	 * Hands the message to WhatsApp, retrying what is worth retrying. Failures throw AppError whose details carry
	 * `providerCode` (e.g. Meta's 131047), `retryable` and a `hint` saying what to do.
	 */
	dispatch(scope: TenantScope, account: AccountRef, message: OutboundMessage): Promise<DispatchResult>;

	/** Marks a received message (and those before it) read; optionally shows "typing…". */
	markRead(scope: TenantScope, account: AccountRef, messageId: string, options: { typing: boolean }): Promise<void>;

	/**
	 * Blocks or unblocks people on the account: a blocked person can no longer message it, nor it them. Refusals
	 * are per person (Cloud blocks only people who wrote in the last 24 hours), never a failure of the whole call.
	 * `users` are in the channel's own form, as the route made them: Cloud wa_ids (digits), Web user ids.
	 */
	changeBlocklist(scope: TenantScope, account: AccountRef, change: 'block' | 'unblock', users: readonly string[]): Promise<BlocklistOutcome[]>;

	/** Everyone the account has blocked (Cloud wa_ids, Web user ids). */
	blocked(scope: TenantScope, account: AccountRef): Promise<string[]>;

	health(scope: TenantScope): Promise<ChannelHealth>;
}

/** The registry the rest of the service reaches channels through. */
export interface ChannelRegistry {
	get(kind: ChannelKind): ChannelPort;
	available(): ChannelKind[];
}

/** Reads the list live: the composition root fills it after the context (which channels need) exists. */
export function createChannelRegistry(ports: readonly ChannelPort[]): ChannelRegistry {
	return {
		get(kind) {
			const port = ports.find((candidate) => candidate.kind === kind);
			if (!port) throw new Error(`Channel ${kind} is not enabled in this process`);
			return port;
		},
		available: () => ports.map((port) => port.kind),
	};
}
