import type { WebGroupNotification, WebGroupNotificationType, WebMessage, WebMessageSnapshot, WebPollVote, WebReaction } from '../messageSnapshot';
import type { MediaInput } from '../outgoingContent';
import type { ChatActivity, WebClientPhase } from '../webClient';
import { WebDriverError, type WebDriverErrorCode } from '../webDriverError';
import { groupEventOf, type BrowserCrashInfo, type WAState, type WebAck, type WebClientEventName, type WebClientEvents } from '../webEvents';
import type { StoredMessage } from './fakeChatMemory';
import { nowSeconds, phoneMessageKeyId, serializeMessageId, webMessageKeyId } from './fakeIds';
import { locationOf, pollOptionsOf, type MessageDraft } from './fakeMessages';

/** What the phone may touch inside a fake client. Implemented by FakeWebClient; not for the session manager. */
export interface FakePhoneLink {
	readonly sessionKey: string;
	readonly phase: WebClientPhase;
	readonly ownId: string;
	readonly loginMode: 'qr' | 'pairing';
	readonly currentQr: string | undefined;
	readonly currentCode: string | undefined;
	readonly authenticated: boolean;
	readonly takeoverOnConflict: boolean;
	completeLogin(): Promise<void>;
	deliver(draft: MessageDraft): WebMessage;
	stored(messageId: string): StoredMessage | undefined;
	replace(messageId: string, snapshot: WebMessageSnapshot): void;
	fire<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void;
	toMessage(stored: StoredMessage): WebMessage;
	quoteOf(snapshot: WebMessageSnapshot): { stanzaId: string; participant: string };
	applyAck(messageId: string, ack: WebAck): void;
	endSession(options: { forgetLogin: boolean }): void;
	failNextSend(code: WebDriverErrorCode): void;
	chatActivity(chatId: string): ChatActivity | undefined;
	isBlocked(userId: string): boolean;
}

interface InboundCommon {
	/** The chat it arrives in: `<digits>@c.us` or a group `<id>@g.us`. */
	readonly from: string;
	/** Sender inside a group (required for groups unless fromMe). */
	readonly author?: string;
	/** Typed on the phone itself: fromMe, so only message_create fires (as with the library). */
	readonly fromMe?: boolean;
	/** Serialized id of a message this session has seen. */
	readonly quotedMessageId?: string;
	readonly mentionedIds?: readonly string[];
	readonly isForwarded?: boolean;
	/** Seconds; now by default. */
	readonly timestamp?: number;
}

export type FakeMediaType = 'image' | 'video' | 'audio' | 'ptt' | 'document' | 'sticker';

/** A message the phone side sends into the session. */
export type InboundSpec = InboundCommon &
	(
		| { readonly type: 'chat'; readonly body: string }
		| {
				readonly type: FakeMediaType;
				readonly media: MediaInput;
				readonly caption?: string;
				/** Seconds, for audio/ptt/video. */
				readonly duration?: number;
				readonly isGif?: boolean;
		  }
		| {
				readonly type: 'location';
				readonly latitude: number;
				readonly longitude: number;
				readonly name?: string;
				readonly address?: string;
				readonly url?: string;
		  }
		| { readonly type: 'vcard'; readonly vcard: string }
		| { readonly type: 'multi_vcard'; readonly vcards: readonly string[] }
		| {
				readonly type: 'poll_creation';
				readonly pollName: string;
				readonly pollOptions: readonly string[];
				readonly allowMultipleAnswers?: boolean;
		  }
	);

/** States the library tolerates without disconnecting (Client.js ACCEPTED_STATES). */
const ACCEPTED_STATES: ReadonlySet<WAState> = new Set(['CONNECTED', 'OPENING', 'PAIRING', 'TIMEOUT']);
const UNLINKED_STATES: ReadonlySet<WAState> = new Set(['UNPAIRED', 'UNPAIRED_IDLE']);

function misuse(message: string): never {
	throw new WebDriverError('invalid_argument', `fake phone: ${message}`);
}

/**
 * The user's phone for one fake session: scans the QR, types the pairing code, sends every kind of
 * message, reacts, deletes, edits, votes, reads our messages, and ends the session the ways the real
 * one ends (logout from the phone, auth failure, conflict, browser crash). Each method emits exactly
 * what whatsapp-web.js would, in its order.
 */
export class FakePhone {
	constructor(private readonly link: FakePhoneLink) {}

	/** The QR currently on screen, or undefined. */
	get qr(): string | undefined {
		return this.link.currentQr;
	}

	/** The pairing code currently valid, or undefined. */
	get pairingCode(): string | undefined {
		return this.link.currentCode;
	}

	/** Links the device by QR: authenticated, then ready. Resolves after ready. */
	async scanQr(qr?: string): Promise<void> {
		const onScreen = this.link.currentQr;
		if (!onScreen) misuse(`no QR on screen (phase ${this.link.phase}, mode ${this.link.loginMode})`);
		if (qr !== undefined && qr !== onScreen) misuse('that QR has expired');
		await this.link.completeLogin();
	}

	/** Links the device by typing the pairing code on the phone. */
	async enterPairingCode(code: string): Promise<void> {
		const current = this.link.currentCode;
		if (!current) misuse('no pairing code is being offered');
		if (code.replace(/-/g, '').toUpperCase() !== current) misuse('wrong pairing code');
		await this.link.completeLogin();
	}

	/** Delivers one message: message_create, then message (unless fromMe). */
	receive(spec: InboundSpec): WebMessage {
		this.requireReady();
		const group = spec.from.endsWith('@g.us');
		if (group && !spec.fromMe && !spec.author) misuse('group messages need an author');
		if (!group && !spec.fromMe && this.link.isBlocked(spec.from)) misuse(`${spec.from} is blocked by this session: WhatsApp does not deliver their messages`);
		const draft: MessageDraft = {
			fromMe: spec.fromMe === true,
			chatId: spec.from,
			author: group ? spec.author : undefined,
			keyId: phoneMessageKeyId(),
			quoted: spec.quotedMessageId ? this.quote(spec.quotedMessageId) : undefined,
			mentionedIds: spec.mentionedIds,
			isForwarded: spec.isForwarded,
			timestamp: spec.timestamp,
			...this.contentOf(spec),
		};
		return this.link.deliver(draft);
	}

	/** Someone reacts to a message (empty emoji removes the reaction): message_reaction. */
	react(spec: { from: string; messageId: string; emoji: string; author?: string }): WebReaction {
		this.requireReady();
		const target = this.link.stored(spec.messageId) ?? misuse(`unknown message ${spec.messageId}`);
		return this.emitReaction(target, { senderId: spec.author ?? spec.from, fromMe: false, emoji: spec.emoji });
	}

	/** The sender deletes a message for everyone: message_revoke_everyone(revoked, original?). */
	revoke(messageId: string, options: { withOriginal?: boolean } = {}): WebMessage {
		this.requireReady();
		const stored = this.link.stored(messageId) ?? misuse(`unknown message ${messageId}`);
		const original = this.link.toMessage({ ...stored });
		// The library's revoked message is the same record with its content gone and type 'revoked'.
		const { id, from, to, author, timestamp, ack, fromMe, isStatus, broadcast, deviceType } = stored.snapshot;
		const revoked: WebMessageSnapshot = {
			id,
			from,
			to,
			...(author ? { author } : {}),
			body: '',
			type: 'revoked',
			timestamp,
			ack,
			hasMedia: false,
			fromMe,
			hasQuotedMsg: false,
			hasReaction: false,
			isForwarded: false,
			forwardingScore: 0,
			isStatus,
			isGif: false,
			broadcast,
			deviceType,
			mentionedIds: [],
			groupMentions: [],
			vCards: [],
			links: [],
			protocolMessageKey: id,
		};
		this.link.replace(messageId, revoked);
		const message = this.link.toMessage({ snapshot: revoked });
		this.link.fire('message_revoke_everyone', message, options.withOriginal === false ? undefined : original);
		return message;
	}

	/** The sender edits a text or caption: message_edit(message, newBody, prevBody). */
	edit(messageId: string, newBody: string): WebMessage {
		this.requireReady();
		const stored = this.link.stored(messageId) ?? misuse(`unknown message ${messageId}`);
		const prevBody = stored.snapshot.body;
		const edited: WebMessageSnapshot = { ...stored.snapshot, body: newBody, latestEditSenderTimestampMs: Date.now() };
		this.link.replace(messageId, edited);
		const message = this.link.toMessage({ ...stored, snapshot: edited });
		this.link.fire('message_edit', message, newBody, prevBody);
		return message;
	}

	/** A participant votes on a poll (empty selection = vote withdrawn): vote_update. */
	votePoll(spec: { voter: string; pollMessageId: string; selected: readonly string[] }): WebPollVote {
		this.requireReady();
		const poll = this.link.stored(spec.pollMessageId)?.snapshot;
		if (poll?.type !== 'poll_creation') misuse(`${spec.pollMessageId} is not a poll`);
		const selectedOptions = spec.selected.map(
			(name) => (poll.pollOptions ?? []).find((option) => option.name === name) ?? misuse(`poll has no option "${name}"`),
		);
		const vote: WebPollVote = {
			voter: spec.voter,
			selectedOptions: selectedOptions.map((option) => ({ localId: option.localId, name: option.name })),
			interactedAtTs: Date.now(),
			parentMessageId: spec.pollMessageId,
		};
		this.link.fire('vote_update', vote);
		return vote;
	}

	/**
	 * Something changes in a group (a `gp2` notification): fired as the library does, group_join for
	 * add/invite/linked_group_join, group_leave for remove/leave, group_admin_changed for promote/demote,
	 * group_membership_request for membership_approval_request and group_update for anything else.
	 */
	groupNotification(spec: {
		chatId: string;
		type: WebGroupNotificationType;
		author?: string;
		recipientIds?: readonly string[];
		body?: string;
		/** Seconds; now by default. */
		timestamp?: number;
	}): WebGroupNotification {
		this.requireReady();
		if (!spec.chatId.endsWith('@g.us')) misuse(`${spec.chatId} is not a group`);
		const keyId = phoneMessageKeyId();
		const author = spec.author ?? this.link.ownId;
		const notification: WebGroupNotification = {
			id: { fromMe: author === this.link.ownId, remote: spec.chatId, id: keyId, participant: author, _serialized: serializeMessageId(author === this.link.ownId, spec.chatId, keyId, author) },
			body: spec.body ?? '',
			type: spec.type,
			timestamp: spec.timestamp ?? nowSeconds(),
			chatId: spec.chatId,
			author,
			recipientIds: [...(spec.recipientIds ?? [])],
		};
		this.link.fire(groupEventOf(spec.type), notification);
		return notification;
	}

	/** Moves one of our sends to `ack` (use with autoAck off, or for PLAYED / ERROR). */
	ack(messageId: string, ack: WebAck): void {
		this.requireReady();
		if (!this.link.stored(messageId)) misuse(`unknown message ${messageId}`);
		this.link.applyAck(messageId, ack);
	}

	/** The user unlinks this device on the phone: disconnected('LOGOUT'); the stored login is deleted. */
	logout(): void {
		this.requireAlive();
		this.link.fire('disconnected', 'LOGOUT');
		this.link.endSession({ forgetLogin: true });
	}

	/** WhatsApp refuses the session: auth_failure(message), then the client is gone. */
	failAuth(message = 'Unable to log in. Are the session details valid?'): void {
		this.requireAlive();
		this.link.fire('auth_failure', message);
		this.link.endSession({ forgetLogin: false });
	}

	/** Another WhatsApp Web took the session over. Without takeoverOnConflict the library disconnects. */
	conflict(): void {
		this.changeState('CONFLICT');
	}

	/**
	 * WhatsApp Web's socket changes state: change_state(state); outside the accepted states the library
	 * then says disconnected(state) and destroys the client. Only after ready (the library listens from then).
	 */
	changeState(state: WAState): void {
		this.requireReady();
		this.link.fire('change_state', state);
		if (state === 'CONFLICT' && this.link.takeoverOnConflict) {
			setImmediate(() => this.link.fire('change_state', 'CONNECTED'));
			return;
		}
		if (ACCEPTED_STATES.has(state)) return;
		this.link.fire('disconnected', state);
		this.link.endSession({ forgetLogin: UNLINKED_STATES.has(state) });
	}

	/** Chromium dies: browser_crashed, and the client is finished (stored login kept). */
	crashBrowser(reason: BrowserCrashInfo['reason'] = 'browser_disconnected'): void {
		this.requireAlive();
		this.link.fire('browser_crashed', { reason, pid: null, message: `fake ${reason}` });
		this.link.endSession({ forgetLogin: false });
	}

	/** The next sendMessage rejects with this code. */
	failNextSend(code: WebDriverErrorCode = 'send_failed'): void {
		this.link.failNextSend(code);
	}

	/** What setChatActivity last showed in a chat. */
	chatActivity(chatId: string): ChatActivity | undefined {
		return this.link.chatActivity(chatId);
	}

	/** Builds and fires a reaction event (used for ours too: the library reports reactions we send). */
	emitReaction(target: StoredMessage, who: { senderId: string; fromMe: boolean; emoji: string }): WebReaction {
		const chatId = target.snapshot.id.remote;
		const keyId = who.fromMe ? webMessageKeyId() : phoneMessageKeyId();
		const reaction: WebReaction = {
			id: { fromMe: who.fromMe, remote: chatId, id: keyId, _serialized: serializeMessageId(who.fromMe, chatId, keyId) },
			msgId: target.snapshot.id,
			reaction: who.emoji,
			senderId: who.senderId,
			timestamp: nowSeconds(),
			read: who.fromMe,
			orphan: 0,
			orphanReason: null,
		};
		target.snapshot = { ...target.snapshot, hasReaction: who.emoji !== '' };
		this.link.fire('message_reaction', reaction);
		return reaction;
	}

	private contentOf(spec: InboundSpec): Omit<MessageDraft, 'fromMe' | 'chatId' | 'keyId'> {
		switch (spec.type) {
			case 'chat':
				return { type: 'chat', text: spec.body };
			case 'location':
				return { type: 'location', text: '', location: locationOf(spec) };
			case 'vcard':
				return { type: 'vcard', text: spec.vcard, vCards: [spec.vcard] };
			case 'multi_vcard':
				return { type: 'multi_vcard', text: '', vCards: [...spec.vcards] };
			case 'poll_creation':
				return {
					type: 'poll_creation',
					text: spec.pollName,
					poll: {
						name: spec.pollName,
						options: pollOptionsOf(spec.pollOptions),
						allowMultipleAnswers: spec.allowMultipleAnswers === true,
					},
				};
			default:
				return {
					type: spec.type,
					text: spec.caption ?? '',
					media: { ...spec.media },
					isGif: spec.isGif,
					duration: spec.duration,
				};
		}
	}

	private quote(messageId: string): { stanzaId: string; participant: string } {
		const quoted = this.link.stored(messageId) ?? misuse(`cannot quote unknown message ${messageId}`);
		return this.link.quoteOf(quoted.snapshot);
	}

	private requireReady(): void {
		if (this.link.phase !== 'ready') misuse(`session ${this.link.sessionKey} is not ready (${this.link.phase})`);
	}

	private requireAlive(): void {
		if (this.link.phase === 'closed' || this.link.phase === 'created') misuse(`session ${this.link.sessionKey} is not running`);
	}
}
