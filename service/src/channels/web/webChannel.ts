import type { TenantScope } from '../../auth/tenantScope';
import { invalidField, notFound } from '../../shared/errors';
import { isWebDriverError, snapshotOf, type WebClient } from './driver';
import type { AccountRef, OutboundMessage } from '../messages';
import type { AccountHealth, BlocklistOutcome, ChannelHealth, ChannelPort, DispatchResult } from '../port';
import { toAppError } from './driverErrors';
import { parseMessageId, toChatId } from './normalize/chatIds';
import type { MediaFetchLimits } from './outbound/mediaFetcher';
import { toOutgoingContent } from './outbound/toOutgoingContent';
import { validateWebOutbound } from './outbound/validateWebOutbound';
import type { SessionManager } from './sessions/sessionManager';
import type { SessionRuntime } from './sessions/sessionRuntime';
import type { WebSession } from './sessions/webSession';

/** How long a reaction's own echo is awaited for its message id (WhatsApp Web reports our reactions back). */
const REACTION_ECHO_MS = 1500;

export function accountOf(session: WebSession): AccountRef {
	return { channel: 'web', id: session.name, ...(session.me ? { address: session.me.id } : {}) };
}

/** WhatsApp Web behind the channel port: the account is a named session, sends go through its live client. */
export class WebChannel implements ChannelPort {
	readonly kind = 'web' as const;

	constructor(
		private readonly manager: SessionManager,
		private readonly mediaLimits: MediaFetchLimits,
	) {}

	/** The session to use; one another replica runs is refused here, before the send is recorded (and forwarded). */
	async resolveAccount(scope: TenantScope, accountId: string | undefined): Promise<AccountRef> {
		const session = await this.chooseSession(scope, accountId);
		this.manager.requireNotElsewhere(session);
		return accountOf(session);
	}

	private async chooseSession(scope: TenantScope, accountId: string | undefined): Promise<WebSession> {
		if (accountId) return this.manager.get(scope, accountId);
		const sessions = await this.manager.list(scope);
		if (sessions.length === 0) throw notFound('Web session (none exists for this tenant; create one with POST /v1/web/sessions)');
		const chosen = sessions.find((session) => session.isDefault) ?? (sessions.length === 1 ? sessions[0] : undefined);
		if (!chosen) throw invalidField('body.from', `is required: this tenant has ${sessions.length} Web sessions and none is the default`);
		return chosen;
	}

	validate(message: OutboundMessage): void {
		validateWebOutbound(message);
	}

	async dispatch(scope: TenantScope, account: AccountRef, message: OutboundMessage): Promise<DispatchResult> {
		const runtime = await this.manager.runtimeFor(scope, account.id);
		const client = runtime.workingClient();
		const chatId = toChatId(message.to) as string;
		if (message.type === 'reaction' && message.reaction) return this.react(runtime, client, chatId, message.reaction);
		const { content, options } = await toOutgoingContent(message, { limits: this.mediaLimits, mediaOfMessage: (id) => client.downloadMedia(id).catch(() => undefined) });
		const sent = await runtime.recorder
			.aroundSend(
				() => client.sendMessage(chatId, content, options),
				(result) => [result.id._serialized],
			)
			.catch((error: unknown) => {
				throw toAppError(error, { session: account.id, chatField: 'body.to' });
			});
		return { account: runtime.account, providerMessageId: sent.id._serialized, recipient: sent.id.remote, status: 'sent', raw: snapshotOf(sent) };
	}

	async markRead(scope: TenantScope, account: AccountRef, messageId: string, options: { typing: boolean }): Promise<void> {
		const parsed = parseMessageId(messageId);
		if (!parsed) throw invalidField('body.messageId', 'is not a WhatsApp Web message id (true|false_<chat>_<id>)');
		const client = (await this.manager.runtimeFor(scope, account.id)).workingClient();
		try {
			// WhatsApp Web marks a whole chat seen, which covers this message and those before it.
			await client.markSeen(parsed.remote);
			if (options.typing) await client.setChatActivity(parsed.remote, 'typing');
		} catch (error) {
			throw toAppError(error, { session: account.id, chatField: 'body.messageId' });
		}
	}

	/** One person at a time, as WhatsApp Web does it; refusals for a person are that person's result. */
	async changeBlocklist(scope: TenantScope, account: AccountRef, change: 'block' | 'unblock', users: readonly string[]): Promise<BlocklistOutcome[]> {
		const client = (await this.manager.runtimeFor(scope, account.id)).workingClient();
		const outcomes: BlocklistOutcome[] = [];
		for (const user of users) {
			try {
				await client.setBlocked(user, change === 'block');
				outcomes.push({ input: user, user, ok: true });
			} catch (error) {
				if (!isWebDriverError(error) || !['chat_not_found', 'not_allowed'].includes(error.code)) throw toAppError(error, { session: account.id });
				outcomes.push({ input: user, user, ok: false, code: error.code, message: error.message });
			}
		}
		return outcomes;
	}

	async blocked(scope: TenantScope, account: AccountRef): Promise<string[]> {
		const client = (await this.manager.runtimeFor(scope, account.id)).workingClient();
		return client.blockedContacts().catch((error: unknown) => {
			throw toAppError(error, { session: account.id });
		});
	}

	async health(scope: TenantScope): Promise<ChannelHealth> {
		const sessions = await this.manager.list(scope);
		const accounts: AccountHealth[] = sessions.map((session) => ({
			account: accountOf(session),
			healthy: session.status === 'WORKING',
			state: session.status,
			...(session.reason ? { reason: session.reason } : {}),
		}));
		const healthy = accounts.some((account) => account.healthy);
		return {
			channel: 'web',
			configured: sessions.length > 0,
			healthy,
			accounts,
			...(sessions.length === 0 ? { reason: 'No WhatsApp Web session exists' } : healthy ? {} : { reason: 'No WhatsApp Web session is WORKING' }),
		};
	}

	/** Reactions return no message from the library; the id is taken from WhatsApp Web's echo of it. */
	private async react(runtime: SessionRuntime, client: WebClient, chatId: string, reaction: { messageId: string; emoji: string }): Promise<DispatchResult> {
		let echoId: string | undefined;
		const echoed = new Promise<void>((resolve) => {
			const timer = setTimeout(done, REACTION_ECHO_MS);
			function done(): void {
				clearTimeout(timer);
				client.off('message_reaction', onReaction);
				resolve();
			}
			function onReaction(echo: { id: { _serialized: string; fromMe: boolean }; msgId: { _serialized: string }; senderId: string }): void {
				if (echo.msgId._serialized !== reaction.messageId || !(echo.id.fromMe || echo.senderId === runtime.account.address)) return;
				echoId = echo.id._serialized;
				done();
			}
			client.on('message_reaction', onReaction);
		});
		await runtime.recorder
			.aroundSend(
				async () => {
					await client.react(reaction.messageId, reaction.emoji);
					await echoed;
				},
				() => (echoId ? [echoId] : []),
			)
			.catch((error: unknown) => {
				throw toAppError(error, { session: runtime.name, chatField: 'body.reaction.messageId' });
			});
		// Without an echo (an unknown message: the library stays silent), the id still has to be unique per tenant.
		const providerMessageId = echoId ?? `reaction_${reaction.messageId}_${Date.now().toString(36)}`;
		return { account: runtime.account, providerMessageId, recipient: parseMessageId(reaction.messageId)?.remote ?? chatId, status: 'sent', raw: { reaction } };
	}
}
