import type { GroupNotification, Message, MessageMedia, PollVote, Reaction } from 'whatsapp-web.js';
import {
	withMediaDownloader,
	type WebGroupNotification,
	type WebMedia,
	type WebMessage,
	type WebMessageId,
	type WebMessageSnapshot,
	type WebPollVote,
	type WebReaction,
} from '../messageSnapshot';
import type { WebAck } from '../webEvents';

type Raw = Record<string, unknown>;

/** WhatsApp Web ids reach Node either as strings or as serialized Wid objects (`{_serialized}`). */
export function idString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && typeof (value as Raw)._serialized === 'string') {
		return (value as Raw)._serialized as string;
	}
	return undefined;
}

export function toMessageId(value: unknown): WebMessageId {
	const raw = (value ?? {}) as Raw;
	const participant = idString(raw.participant);
	return {
		fromMe: raw.fromMe === true,
		remote: idString(raw.remote) ?? '',
		id: typeof raw.id === 'string' ? raw.id : '',
		...(participant ? { participant } : {}),
		_serialized: typeof raw._serialized === 'string' ? raw._serialized : '',
	};
}

function optionalString(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** Library Message -> our plain snapshot. Reads the public fields, and the raw record for what they omit. */
export function toSnapshot(message: Message): WebMessageSnapshot {
	const raw = ((message as unknown as { rawData?: Raw }).rawData ?? {}) as Raw;
	const location = message.location;
	const snapshot: WebMessageSnapshot = {
		id: toMessageId(message.id),
		from: idString(message.from) ?? '',
		to: idString(message.to) ?? '',
		...(idString(message.author) ? { author: idString(message.author) } : {}),
		body: typeof message.body === 'string' ? message.body : '',
		type: message.type,
		timestamp: typeof message.timestamp === 'number' ? message.timestamp : 0,
		ack: (typeof message.ack === 'number' ? message.ack : 0) as WebAck,
		hasMedia: message.hasMedia === true,
		...(message.hasMedia
			? {
					media: {
						mimetype: optionalString(raw.mimetype),
						filename: optionalString(raw.filename),
						filesize: optionalNumber(raw.size),
					},
				}
			: {}),
		fromMe: message.fromMe === true,
		hasQuotedMsg: message.hasQuotedMsg === true,
		...(optionalString(raw.quotedStanzaID) ? { quotedStanzaId: optionalString(raw.quotedStanzaID) } : {}),
		...(idString(raw.quotedParticipant) ? { quotedParticipant: idString(raw.quotedParticipant) } : {}),
		hasReaction: message.hasReaction === true,
		isForwarded: message.isForwarded === true,
		...(message.isStarred ? { isStarred: true } : {}),
		forwardingScore: message.forwardingScore ?? 0,
		isStatus: message.isStatus === true,
		isGif: message.isGif === true,
		broadcast: message.broadcast === true,
		deviceType: (['android', 'ios', 'web'].includes(message.deviceType) ? message.deviceType : 'web') as
			| 'android'
			| 'ios'
			| 'web',
		mentionedIds: (message.mentionedIds ?? []).map((id) => idString(id) ?? '').filter((id) => id.length > 0),
		groupMentions: (message.groupMentions ?? []).map((mention) => ({
			groupSubject: mention.groupSubject,
			groupJid: idString(mention.groupJid) ?? '',
		})),
		...(location
			? {
					location: {
						latitude: Number(location.latitude),
						longitude: Number(location.longitude),
						name: location.name,
						address: location.address,
						url: location.url,
						description: location.description,
					},
				}
			: {}),
		vCards: [...(message.vCards ?? [])],
		...(message.type === 'poll_creation'
			? {
					pollName: message.pollName,
					pollOptions: (message.pollOptions as unknown as { name: string; localId: number }[]).map((option) => ({
						name: option.name,
						localId: option.localId,
					})),
					allowMultipleAnswers: message.allowMultipleAnswers === true,
				}
			: {}),
		...(optionalNumber(message.duration) !== undefined ? { duration: optionalNumber(message.duration) } : {}),
		links: (message.links ?? []).map((link) => ({ link: link.link, isSuspicious: link.isSuspicious === true })),
		...(message.protocolMessageKey ? { protocolMessageKey: toMessageId(message.protocolMessageKey) } : {}),
		...(typeof message.latestEditSenderTimestampMs === 'number'
			? { latestEditSenderTimestampMs: message.latestEditSenderTimestampMs }
			: {}),
	};
	// Round-trip through JSON: drops undefined members and guarantees the snapshot is plain data.
	return JSON.parse(JSON.stringify(snapshot)) as WebMessageSnapshot;
}

export function toWebMedia(media: MessageMedia | null | undefined): WebMedia | undefined {
	if (!media) return undefined;
	return {
		mimetype: media.mimetype,
		data: media.data,
		...(media.filename ? { filename: media.filename } : {}),
		...(typeof media.filesize === 'number' ? { filesize: media.filesize } : {}),
	};
}

/** Snapshot plus a downloader bound to the library message (which still talks to the page). */
export function toWebMessage(message: Message): WebMessage {
	return withMediaDownloader(toSnapshot(message), async () =>
		message.hasMedia ? toWebMedia(await message.downloadMedia()) : undefined,
	);
}

export function toWebReaction(reaction: Reaction): WebReaction {
	const snapshot: WebReaction = {
		id: toMessageId(reaction.id),
		msgId: toMessageId(reaction.msgId),
		reaction: reaction.reaction ?? '',
		senderId: idString(reaction.senderId) ?? '',
		timestamp: Number(reaction.timestamp),
		read: reaction.read === true,
		orphan: reaction.orphan,
		orphanReason: reaction.orphanReason ?? null,
		...(typeof reaction.ack === 'number' ? { ack: reaction.ack as WebAck } : {}),
	};
	return JSON.parse(JSON.stringify(snapshot)) as WebReaction;
}

export function toWebPollVote(vote: PollVote): WebPollVote {
	const raw = vote as unknown as { parentMsgKey?: unknown; parentMessage?: { id?: unknown } };
	const parentId = idString(raw.parentMsgKey) ?? idString(raw.parentMessage?.id) ?? '';
	return {
		voter: idString(vote.voter) ?? '',
		selectedOptions: (vote.selectedOptions as unknown as { localId: number; name?: string }[]).map((option) => ({
			localId: option.localId,
			...(typeof option.name === 'string' ? { name: option.name } : {}),
		})),
		interactedAtTs: Number(vote.interractedAtTs),
		parentMessageId: parentId,
	};
}

/** A library GroupNotification's data fields (its methods talk to the page and stay behind). */
export function toWebGroupNotification(notification: GroupNotification): WebGroupNotification {
	const raw = notification as unknown as Raw;
	const id = toMessageId(raw.id);
	const author = idString(raw.author);
	const recipients = Array.isArray(raw.recipientIds) ? (raw.recipientIds as unknown[]) : [];
	return {
		id,
		body: typeof raw.body === 'string' ? raw.body : '',
		type: typeof raw.type === 'string' ? raw.type : 'unknown',
		timestamp: Number(raw.timestamp),
		chatId: idString(raw.chatId) ?? id.remote,
		...(author ? { author } : {}),
		recipientIds: recipients.map(idString).filter((value): value is string => value !== undefined),
	};
}
