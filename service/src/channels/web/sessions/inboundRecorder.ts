import { createHash } from 'node:crypto';
import type { TenantScope } from '../../../auth/tenantScope';
import type { Logger } from '../../../logging/logger';
import type { HistoryAmendment, InboundItem, MessageLedger } from '../../../messages/ledger';
import { conversationKey } from '../../../messages/conversationKey';
import { snapshotOf, WEB_GROUP_EVENTS, WebAck, type WebClient, type WebGroupNotification, type WebMessage, type WebPollVote, type WebReaction } from '../driver';
import type { WebCall } from '../driver/webCalls';
import type { AccountRef } from '../../messages';
import { ackToStatus } from '../normalize/ackToStatus';
import { isGroupChat, parseMessageId } from '../normalize/chatIds';
import { reactionToNormalizedMessage, toNormalizedMessage } from '../normalize/toNormalizedMessage';

/** Library subtypes renamed in group.update events: the rest keep the library's word. */
const GROUP_TYPE_NAMES: ReadonlyMap<string, string> = new Map([['membership_approval_request', 'membership_request']]);
const JOINS: ReadonlySet<string> = new Set(['add', 'invite', 'linked_group_join']);
const LEAVES: ReadonlySet<string> = new Set(['remove', 'leave']);

/** Own sends remembered so their late echoes are not recorded twice; a few minutes of a busy session. */
const OWN_SENDS_REMEMBERED = 2000;

export interface RecorderOptions {
	ledger: MessageLedger;
	logger: Logger;
	scope: TenantScope;
	sessionName: string;
	/** Read at each message: settings change when the session restarts. */
	ignoreGroups: () => boolean;
	/** The session's account (own WhatsApp id once known). */
	account: () => AccountRef;
}

/**
 * Turns what a session's client observes into history and events through the ledger: messages in and out
 * (typed on the phone), acks as statuses, reactions as messages, revokes, edits and poll votes as events that also
 * amend the stored message, group participant and settings changes as group.update events.
 *
 * Messages sent through the API are recorded by the send route (ledger.markDispatched). Their echo
 * (`message_create`, our own reaction) usually arrives before the send call returns; recording it as well would
 * race the send's own record. So while a send is in flight echoes wait, and once it returns, those it produced
 * are dropped.
 */
export class InboundRecorder {
	private inFlight = 0;
	private held: Array<{ id: string; item: InboundItem }> = [];
	private readonly ownSends = new Set<string>();

	constructor(private readonly options: RecorderOptions) {}

	attach(client: WebClient): void {
		client.on('message', (message) => {
			if (this.wanted(message.id.remote)) this.record([{ kind: 'message', scope: this.options.scope, message: toNormalizedMessage(message, this.options.account()), raw: snapshotOf(message) }]);
		});
		client.on('message_create', (message) => {
			// Incoming messages come as `message` too; only our own (typed on the phone, or sent by us) are taken here.
			if (!message.id.fromMe || !this.wanted(message.id.remote)) return;
			this.recordOwn(message.id._serialized, { kind: 'message', scope: this.options.scope, message: toNormalizedMessage(message, this.options.account()), raw: snapshotOf(message) });
		});
		client.on('message_ack', (message, ack) => this.onAck(message, ack));
		client.on('message_reaction', (reaction) => this.onReaction(reaction));
		client.on('message_revoke_everyone', (message, original) => this.onRevoke(message, original));
		client.on('message_edit', (message, newBody, previousBody) => this.onEdit(message, newBody, previousBody));
		client.on('vote_update', (vote) => this.onVote(vote));
		for (const event of WEB_GROUP_EVENTS) {
			client.on(event, (notification) => this.onGroupNotification(notification));
		}
	}

	/** Sends in flight on the session (a restart now would fail them). */
	get sendsInFlight(): number {
		return this.inFlight;
	}

	/** Runs a send; echoes arriving meanwhile wait, and the ids it returns are never recorded from their echo. */
	async aroundSend<T>(send: () => Promise<T>, sentIds: (result: T) => readonly string[]): Promise<T> {
		this.inFlight += 1;
		try {
			const result = await send();
			for (const id of sentIds(result)) this.remember(id);
			return result;
		} finally {
			this.inFlight -= 1;
			if (this.inFlight === 0) this.flushHeld();
		}
	}

	private wanted(chatId: string): boolean {
		// Status updates (stories) would flood history and triggers; nobody asked for them.
		if (chatId === 'status@broadcast') return false;
		return !(isGroupChat(chatId) && this.options.ignoreGroups());
	}

	private recordOwn(id: string, item: InboundItem): void {
		if (this.ownSends.has(id)) return;
		if (this.inFlight > 0) this.held.push({ id, item });
		else this.record([item]);
	}

	private flushHeld(): void {
		const items = this.held.filter(({ id }) => !this.ownSends.has(id)).map(({ item }) => item);
		this.held = [];
		if (items.length > 0) this.record(items);
	}

	private remember(id: string): void {
		this.ownSends.add(id);
		if (this.ownSends.size > OWN_SENDS_REMEMBERED) this.ownSends.delete(this.ownSends.values().next().value as string);
	}

	private onAck(message: WebMessage, ack: WebAck): void {
		// Acks matter for what we (or the phone) sent; PENDING is where every send starts, not news.
		if (!message.id.fromMe || ack === WebAck.PENDING || !this.wanted(message.id.remote)) return;
		const status = ackToStatus(ack);
		this.record([
			{
				kind: 'status',
				scope: this.options.scope,
				status: {
					messageId: message.id._serialized,
					channel: 'web',
					account: this.options.account(),
					recipient: message.id.remote,
					status,
					timestamp: new Date().toISOString(),
					...(status === 'failed' ? { errors: [{ code: 'ack_error', title: 'WhatsApp reported the message as not delivered (ack -1)' }] } : {}),
				},
				raw: { ack, message: snapshotOf(message) },
			},
		]);
	}

	private onReaction(reaction: WebReaction): void {
		if (!this.wanted(reaction.msgId.remote)) return;
		const message = reactionToNormalizedMessage(reaction, this.options.account());
		const item: InboundItem = { kind: 'message', scope: this.options.scope, message, raw: reaction };
		if (message.direction === 'outbound') this.recordOwn(message.id, item);
		else this.record([item]);
	}

	private onRevoke(message: WebMessage, original: WebMessage | undefined): void {
		if (!this.wanted(message.id.remote)) return;
		const account = this.options.account();
		const messageId = (message.protocolMessageKey ?? message.id)._serialized;
		this.recordEvent('message.revoked', message.id.remote, messageId, {
			messageId,
			channel: 'web',
			account,
			chatId: message.id.remote,
			from: message.id.fromMe ? (account.address ?? message.from) : (message.author ?? message.from),
			timestamp: new Date(message.timestamp * 1000).toISOString(),
			original: original ? toNormalizedMessage(original, account) : null,
		}, snapshotOf(message), { providerId: messageId, change: 'revoked', at: new Date(message.timestamp * 1000).toISOString() });
	}

	private onEdit(message: WebMessage, newBody: string, previousBody: string): void {
		if (!this.wanted(message.id.remote)) return;
		const account = this.options.account();
		const editedAt = message.latestEditSenderTimestampMs ? new Date(message.latestEditSenderTimestampMs).toISOString() : new Date().toISOString();
		this.recordEvent('message.edited', message.id.remote, `${message.id._serialized}\n${editedAt}`, {
			messageId: message.id._serialized,
			channel: 'web',
			account,
			chatId: message.id.remote,
			from: message.id.fromMe ? (account.address ?? message.from) : (message.author ?? message.from),
			body: newBody,
			previousBody,
			timestamp: editedAt,
			message: toNormalizedMessage(message, account),
		}, snapshotOf(message), { providerId: message.id._serialized, change: 'edited', body: newBody, previousBody, at: editedAt });
	}

	private onVote(vote: WebPollVote): void {
		const chatId = parseMessageId(vote.parentMessageId)?.remote;
		if (!chatId || !this.wanted(chatId)) return;
		const at = new Date(vote.interactedAtTs).toISOString();
		const options = vote.selectedOptions.map((option) => option.name ?? `#${option.localId}`);
		this.recordEvent('poll.vote', chatId, `${vote.parentMessageId}\n${vote.voter}\n${vote.interactedAtTs}`, {
			pollMessageId: vote.parentMessageId,
			channel: 'web',
			account: this.options.account(),
			chatId,
			from: vote.voter,
			selectedOptions: vote.selectedOptions.map((option) => ({ name: option.name ?? null, localId: option.localId })),
			timestamp: at,
		}, vote, { providerId: vote.parentMessageId, change: 'voted', voter: vote.voter, options, at });
	}

	private onGroupNotification(notification: WebGroupNotification): void {
		const groupId = notification.chatId;
		if (!this.wanted(groupId)) return;
		const type = GROUP_TYPE_NAMES.get(notification.type) ?? notification.type;
		const participants = [...notification.recipientIds];
		const timestamp = Number.isFinite(notification.timestamp) && notification.timestamp > 0 ? new Date(notification.timestamp * 1000).toISOString() : new Date().toISOString();
		this.recordEvent('group.update', groupId, `${notification.id._serialized}\n${notification.type}`, {
			channel: 'web',
			account: this.options.account(),
			chatId: groupId,
			groupId,
			type,
			author: notification.author ?? null,
			participants,
			// The Cloud channel's names for the same facts, where a notification carries them.
			...(JOINS.has(type) ? { addedParticipants: participants } : {}),
			...(LEAVES.has(type) ? { removedParticipants: participants } : {}),
			...((type === 'subject' || type === 'create') && notification.body ? { subject: notification.body } : {}),
			...(type === 'description' && notification.body ? { description: notification.body } : {}),
			body: notification.body,
			timestamp,
		}, notification);
	}

	/** A call rang: who, audio or video, and whether the session declined it (see answerCalls). */
	recordCall(call: WebCall, rejected: boolean): void {
		this.recordEvent('call.received', call.from, call.id, {
			channel: 'web',
			account: this.options.account(),
			callId: call.id,
			chatId: call.from,
			from: call.from,
			isVideo: call.isVideo,
			isGroup: call.isGroup,
			rejected,
			timestamp: new Date(call.timestamp * 1000).toISOString(),
		}, call);
	}

	/**
	 * `identity` names the happening (a message id, an edit time, a voter…); it is hashed into the dedupe key, because
	 * group ids, message ids and participants together can pass the key's 128 characters, and a cut key would let two
	 * different happenings collide.
	 */
	private recordEvent(type: 'message.revoked' | 'message.edited' | 'poll.vote' | 'group.update' | 'call.received', chatId: string, identity: string, data: unknown, raw: unknown, amends?: HistoryAmendment): void {
		const dedupeKey = `web:${type}:${createHash('sha256').update(identity).digest('base64url')}`;
		const sessionName = this.options.sessionName;
		this.record([{ kind: 'event', scope: this.options.scope, type, channel: 'web', data, raw, accountId: sessionName, orderingKey: conversationKey('web', sessionName, chatId), dedupeKey, ...(amends ? { amends } : {}) }]);
	}

	private record(items: InboundItem[]): void {
		this.options.ledger.recordInbound(items).catch((error: unknown) => {
			this.options.logger.error({ err: error, session: this.options.sessionName, kinds: items.map((item) => item.kind) }, 'recording WhatsApp Web events failed; they are lost');
		});
	}
}
