import type { WebMessage, WebMessageSnapshot } from '../messageSnapshot';
import type { OutgoingContent, SendOptions } from '../outgoingContent';
import { validateOutgoing } from '../validateOutgoing';
import type { WebClientPhase } from '../webClient';
import { WebDriverError, type WebDriverErrorCode } from '../webDriverError';
import { WebAck, type WebClientEventName, type WebClientEvents } from '../webEvents';
import type { FakeChats } from './fakeChats';
import { userOf, webMessageKeyId } from './fakeIds';
import { outgoingDraft, type MessageDraft } from './fakeMessages';
import type { FakePhone } from './fakePhone';

/** What WhatsApp lets you edit after sending, and for how long. */
const EDITABLE_TYPES = new Set(['chat', 'image', 'video', 'document']);
const EDIT_WINDOW_SECONDS = 15 * 60;
/** What WhatsApp forwards (polls, revoked messages and the like are not). */
const FORWARDABLE_TYPES = new Set(['chat', 'image', 'video', 'audio', 'ptt', 'document', 'sticker', 'location', 'vcard', 'multi_vcard']);

/** What the message actions need of their client. */
export interface FakeMessageActionsLink {
	readonly ownId: string;
	readonly phase: WebClientPhase;
	/** The phone reports reactions, edits and deletions back, as WhatsApp Web does for our own. */
	readonly phone: FakePhone;
	requireReady(): void;
	emit<E extends WebClientEventName>(event: E, ...args: WebClientEvents[E]): void;
	isOnWhatsApp(user: string): boolean;
	isBlocked(chatId: string): boolean;
	/** Why WhatsApp would refuse a post to this channel, if it would. */
	postRefusal(chatId: string): WebDriverError | undefined;
}

/**
 * What a fake session does with messages: send (with acks 1 -> 2 -> 3 when autoAck is on), forward, react, edit,
 * star and delete, with WhatsApp's rules on each; and the messages the phone delivers.
 */
export class FakeMessageActions {
	private ackTimers: Set<ReturnType<typeof setTimeout>> | undefined;
	private nextSendFailure: WebDriverErrorCode | undefined;

	constructor(
		private readonly chats: FakeChats,
		private readonly settings: { readonly autoAck: boolean; readonly ackDelayMs: number },
		private readonly link: FakeMessageActionsLink,
	) {}

	async sendMessage(chatId: string, content: OutgoingContent, options: SendOptions = {}): Promise<WebMessage> {
		validateOutgoing(chatId, content, options);
		this.link.requireReady();
		if (this.nextSendFailure) {
			const code = this.nextSendFailure;
			this.nextSendFailure = undefined;
			throw new WebDriverError(code, `scripted send failure to ${chatId}`);
		}
		if (chatId.endsWith('@c.us') && !this.link.isOnWhatsApp(userOf(chatId))) {
			throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId} (or cannot send this there)`);
		}
		if (this.link.isBlocked(chatId)) throw new WebDriverError('not_allowed', `${chatId} is blocked: unblock them to send`);
		const refusal = this.link.postRefusal(chatId);
		if (refusal) throw refusal;
		// The library sends without the quote when it cannot find it (ignoreQuoteErrors).
		const quotedMessage = options.quotedMessageId ? this.chats.get(options.quotedMessageId) : undefined;
		const draft = outgoingDraft(content, {
			chatId,
			keyId: webMessageKeyId(),
			quoted: quotedMessage ? quoteOf(quotedMessage.snapshot) : undefined,
			mentionedIds: options.mentions,
		});
		const stored = this.chats.store(draft);
		if (options.sendSeen !== false) this.chats.seen(chatId);
		this.link.emit('message_create', this.chats.toMessage(stored));
		if (this.settings.autoAck) this.scheduleAcks(stored.snapshot.id._serialized);
		return this.chats.toMessage(stored);
	}

	async react(messageId: string, emoji: string): Promise<void> {
		this.link.requireReady();
		const target = this.chats.get(messageId);
		if (!target) return; // the library resolves silently for unknown messages
		this.link.phone.emitReaction(target, { senderId: this.link.ownId, fromMe: true, emoji });
	}

	async editMessage(messageId: string, text: string): Promise<WebMessage> {
		const stored = this.chats.message(messageId);
		const { fromMe, type, timestamp } = stored.snapshot;
		if (!fromMe) throw new WebDriverError('not_allowed', 'only your own messages can be edited');
		if (!EDITABLE_TYPES.has(type)) throw new WebDriverError('not_allowed', `a ${type} message has no text to edit`);
		if (Date.now() / 1000 - timestamp > EDIT_WINDOW_SECONDS) throw new WebDriverError('not_allowed', 'WhatsApp allows edits for 15 minutes after sending');
		// WhatsApp Web reports our own edit back (message_edit), as the phone's edits.
		return this.link.phone.edit(messageId, text);
	}

	async starMessage(messageId: string, starred: boolean): Promise<WebMessage> {
		const stored = this.chats.message(messageId);
		const { isStarred: _previous, ...rest } = stored.snapshot;
		stored.snapshot = starred ? { ...rest, isStarred: true } : rest;
		return this.chats.toMessage(stored);
	}

	async forwardMessage(messageId: string, chatId: string): Promise<void> {
		const stored = this.chats.message(messageId);
		if (chatId.endsWith('@c.us') && !this.link.isOnWhatsApp(userOf(chatId))) throw new WebDriverError('chat_not_found', `WhatsApp Web has no chat ${chatId}`);
		const { type, body, location, vCards, isGif, duration } = stored.snapshot;
		if (!FORWARDABLE_TYPES.has(type)) throw new WebDriverError('not_allowed', `a ${type} message cannot be forwarded`);
		const copy = this.chats.store({
			fromMe: true,
			chatId,
			keyId: webMessageKeyId(),
			type,
			text: body,
			...(stored.media ? { media: stored.media } : {}),
			...(location ? { location } : {}),
			vCards,
			...(isGif ? { isGif } : {}),
			...(duration !== undefined ? { duration } : {}),
			isForwarded: true,
		});
		this.link.emit('message_create', this.chats.toMessage(copy));
		if (this.settings.autoAck) this.scheduleAcks(copy.snapshot.id._serialized);
	}

	async deleteMessage(messageId: string, forEveryone: boolean): Promise<void> {
		const stored = this.chats.message(messageId);
		if (!forEveryone) {
			this.chats.remove(messageId);
			return;
		}
		if (!stored.snapshot.fromMe) throw new WebDriverError('not_allowed', "only your own messages can be deleted for everyone (someone else's only for you)");
		this.link.phone.revoke(messageId);
	}

	/** A message from the phone's side (or typed on the phone) arrives in the session. */
	deliver(draft: MessageDraft): WebMessage {
		const stored = this.chats.store(draft);
		this.link.emit('message_create', this.chats.toMessage(stored));
		// The library emits `message` only for messages not sent by us (id.fromMe false).
		if (!stored.snapshot.fromMe) this.link.emit('message', this.chats.toMessage(stored));
		return this.chats.toMessage(stored);
	}

	applyAck(messageId: string, ack: WebAck): void {
		const stored = this.chats.find(messageId);
		if (!stored || this.link.phase === 'closed') return;
		// Acks only move forward, except the error ack.
		if (ack !== WebAck.ERROR && ack <= stored.snapshot.ack) return;
		stored.snapshot = { ...stored.snapshot, ack };
		this.link.emit('message_ack', this.chats.toMessage(stored), ack);
	}

	failNextSend(code: WebDriverErrorCode): void {
		this.nextSendFailure = code;
	}

	/** The client closed: acks still on their way never arrive. */
	stop(): void {
		this.ackTimers?.forEach((timer) => clearTimeout(timer));
		this.ackTimers = undefined;
	}

	private scheduleAcks(messageId: string): void {
		const steps = [WebAck.SERVER, WebAck.DEVICE, WebAck.READ];
		const timers = (this.ackTimers ??= new Set());
		const step = (index: number): void => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				this.applyAck(messageId, steps[index] as WebAck);
				if (index + 1 < steps.length && this.link.phase === 'ready') step(index + 1);
			}, this.settings.ackDelayMs);
			timers.add(timer);
		};
		step(0);
	}
}

/** How a reply points at the message it quotes. */
export function quoteOf(snapshot: WebMessageSnapshot): { stanzaId: string; participant: string } {
	return { stanzaId: snapshot.id.id, participant: snapshot.author ?? snapshot.from };
}
