import type { WebMessageSnapshot, WebReaction } from '../driver';
import type { AccountRef, InboundType, NormalizedMessage } from '../../messages';
import { isGroupChat, serializeMessageId, userPart } from './chatIds';
import { vCardToContact } from './vcard';

const isoOfSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

const MEDIA: Record<string, 'image' | 'video' | 'audio' | 'document' | 'sticker'> = {
	image: 'image',
	video: 'video',
	audio: 'audio',
	ptt: 'audio',
	document: 'document',
	sticker: 'sticker',
};

/** WhatsApp's own notices (group changes, security codes, calls): kept as `system` so nothing is silently dropped. */
const SYSTEM_TYPES = new Set(['gp2', 'e2e_notification', 'notification_template', 'call_log', 'notification', 'protocol']);

/**
 * A WhatsApp Web message in the channel-agnostic shape the Cloud channel also produces. The chat is the
 * conversation (a group for group messages); `from` is who wrote it. Media is referenced by the message's own
 * id: GET /v1/web/sessions/{name}/messages/{id}/media fetches it, and sends may reuse it by that id.
 */
export function toNormalizedMessage(message: WebMessageSnapshot, account: AccountRef): NormalizedMessage {
	const chatId = message.id.remote;
	const fromMe = message.id.fromMe;
	const sender = fromMe ? (account.address ?? message.from) : (message.author ?? message.from);
	const normalized: NormalizedMessage = {
		id: message.id._serialized,
		channel: 'web',
		direction: fromMe ? 'outbound' : 'inbound',
		account,
		chatId,
		from: sender,
		to: fromMe ? chatId : (account.address ?? message.to),
		timestamp: isoOfSeconds(message.timestamp),
		type: 'unsupported',
		...(isGroupChat(chatId) ? { isGroup: true } : {}),
		...(fromMe ? {} : { contact: { waId: userPart(sender), userId: sender } }),
	};
	Object.assign(normalized, contentOf(message));
	const context = contextOf(message, chatId, account);
	if (context) normalized.context = context;
	if (message.mentionedIds.length > 0) normalized.mentions = [...message.mentionedIds];
	if (message.isStarred) normalized.starred = true;
	return normalized;
}

function contentOf(message: WebMessageSnapshot): Partial<NormalizedMessage> & { type: InboundType } {
	const media = MEDIA[message.type];
	if (media) {
		return {
			type: media,
			media: {
				id: message.id._serialized,
				...(message.media?.mimetype ? { mimeType: message.media.mimetype } : {}),
				...(message.body ? { caption: message.body } : {}),
				...(message.media?.filename ? { filename: message.media.filename } : {}),
				...(message.type === 'ptt' ? { voice: true } : {}),
				...(message.isGif ? { animated: true } : {}),
				...(message.media?.filesize !== undefined ? { fileSize: message.media.filesize } : {}),
			},
		};
	}
	switch (message.type) {
		case 'chat':
			return { type: 'text', text: { body: message.body } };
		case 'location': {
			const location = message.location;
			if (!location) return { type: 'unsupported' };
			return {
				type: 'location',
				location: {
					latitude: location.latitude,
					longitude: location.longitude,
					...(location.name ? { name: location.name } : {}),
					...(location.address ? { address: location.address } : {}),
					...(location.url ? { url: location.url } : {}),
				},
			};
		}
		case 'vcard':
		case 'multi_vcard':
			return { type: 'contacts', contacts: message.vCards.map(vCardToContact) };
		case 'poll_creation':
			return {
				type: 'poll',
				poll: { name: message.pollName ?? message.body, options: (message.pollOptions ?? []).map((option) => option.name), allowMultipleAnswers: message.allowMultipleAnswers === true },
			};
		case 'revoked':
			return { type: 'revoked' };
		default:
			if (SYSTEM_TYPES.has(message.type)) return { type: 'system', system: { type: message.type, ...(message.body ? { body: message.body } : {}) } };
			return { type: 'unsupported', errors: [{ code: 'unsupported_type', title: `WhatsApp Web message type ${message.type} is not normalized` }] };
	}
}

function contextOf(message: WebMessageSnapshot, chatId: string, account: AccountRef): NormalizedMessage['context'] | undefined {
	const context: NonNullable<NormalizedMessage['context']> = {};
	if (message.hasQuotedMsg && message.quotedStanzaId) {
		// The library gives the quoted message's key id and author; its serialized id follows from them.
		const author = message.quotedParticipant;
		const fromMe = author !== undefined && author === account.address;
		context.messageId = serializeMessageId({ fromMe, remote: chatId, id: message.quotedStanzaId, ...(isGroupChat(chatId) && author ? { participant: author } : {}) });
		if (author) context.from = author;
	}
	if (message.isForwarded) {
		context.forwarded = true;
		// WhatsApp marks "forwarded many times" from a score of 5 on.
		if (message.forwardingScore >= 5) context.frequentlyForwarded = true;
	}
	return Object.keys(context).length > 0 ? context : undefined;
}

/** A reaction is a message of its own (as on the Cloud channel): who reacted, with what, to which message. */
export function reactionToNormalizedMessage(reaction: WebReaction, account: AccountRef): NormalizedMessage {
	const fromMe = reaction.id.fromMe || reaction.senderId === account.address;
	const chatId = reaction.msgId.remote;
	return {
		id: reaction.id._serialized,
		channel: 'web',
		direction: fromMe ? 'outbound' : 'inbound',
		account,
		chatId,
		from: fromMe ? (account.address ?? reaction.senderId) : reaction.senderId,
		to: fromMe ? chatId : (account.address ?? chatId),
		timestamp: isoOfSeconds(reaction.timestamp),
		type: 'reaction',
		reaction: { messageId: reaction.msgId._serialized, emoji: reaction.reaction === '' ? null : reaction.reaction },
		...(isGroupChat(chatId) ? { isGroup: true } : {}),
		...(fromMe ? {} : { contact: { waId: userPart(reaction.senderId), userId: reaction.senderId } }),
	};
}
