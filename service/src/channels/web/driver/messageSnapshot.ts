import type { WebAck } from './webEvents';

/** whatsapp-web.js MessageId; `_serialized` is the key everything else refers to. */
export interface WebMessageId {
	readonly fromMe: boolean;
	/** The chat id. */
	readonly remote: string;
	readonly id: string;
	/** Sender inside a group, when WhatsApp puts it in the key. */
	readonly participant?: string;
	readonly _serialized: string;
}

/** Message types we name; WhatsApp invents new ones, so any string may arrive. */
export type WebMessageType =
	| 'chat'
	| 'image'
	| 'video'
	| 'audio'
	| 'ptt'
	| 'document'
	| 'sticker'
	| 'location'
	| 'vcard'
	| 'multi_vcard'
	| 'poll_creation'
	| 'reaction'
	| 'revoked'
	| 'ciphertext'
	| 'e2e_notification'
	| 'notification_template'
	| 'call_log'
	| 'gp2'
	| 'unknown'
	| (string & {});

export interface WebLocation {
	readonly latitude: number;
	readonly longitude: number;
	readonly name?: string;
	readonly address?: string;
	readonly url?: string;
	/** `name\naddress`, as the library builds it. */
	readonly description?: string;
}

export interface WebPollOption {
	readonly name: string;
	readonly localId: number;
}

/** Media metadata known without downloading (from the message record). */
export interface WebMediaInfo {
	readonly mimetype?: string;
	readonly filename?: string;
	readonly filesize?: number;
}

/**
 * Plain, JSON-serializable copy of whatsapp-web.js's Message (B.5 of the contracts).
 * Field names and meanings are the library's; `timestamp` is in seconds.
 */
export interface WebMessageSnapshot {
	readonly id: WebMessageId;
	readonly from: string;
	readonly to: string;
	readonly author?: string;
	readonly body: string;
	readonly type: WebMessageType;
	readonly timestamp: number;
	readonly ack: WebAck;
	readonly hasMedia: boolean;
	readonly media?: WebMediaInfo;
	readonly fromMe: boolean;
	readonly hasQuotedMsg: boolean;
	/** Key id (the `id.id` part) of the quoted message, from WhatsApp Web's raw record. */
	readonly quotedStanzaId?: string;
	/** Author of the quoted message, from the raw record. */
	readonly quotedParticipant?: string;
	readonly hasReaction: boolean;
	readonly isForwarded: boolean;
	/** Starred on this account; absent when not. */
	readonly isStarred?: boolean;
	readonly forwardingScore: number;
	readonly isStatus: boolean;
	readonly isGif: boolean;
	readonly broadcast: boolean;
	readonly deviceType: 'android' | 'ios' | 'web';
	readonly mentionedIds: readonly string[];
	readonly groupMentions: readonly { readonly groupSubject: string; readonly groupJid: string }[];
	readonly location?: WebLocation;
	readonly vCards: readonly string[];
	readonly pollName?: string;
	readonly pollOptions?: readonly WebPollOption[];
	readonly allowMultipleAnswers?: boolean;
	readonly duration?: number;
	readonly links: readonly { readonly link: string; readonly isSuspicious: boolean }[];
	/** For `revoked` messages: the key of the message that was deleted. */
	readonly protocolMessageKey?: WebMessageId;
	readonly latestEditSenderTimestampMs?: number;
}

/** Downloaded media: base64 payload, as MessageMedia carries it. */
export interface WebMedia {
	readonly mimetype: string;
	readonly data: string;
	readonly filename?: string;
	readonly filesize?: number;
}

/**
 * A snapshot plus a way to fetch its media. `downloadMedia` is non-enumerable, so JSON.stringify,
 * structuredClone and object spread all see only the snapshot.
 * Resolves undefined when there is no media or it can no longer be fetched (expired, re-uploading).
 */
export interface WebMessage extends WebMessageSnapshot {
	downloadMedia(): Promise<WebMedia | undefined>;
}

/** Library Reaction (`message_reaction`), flattened. `timestamp` is in seconds. */
export interface WebReaction {
	/** Id of the reaction message itself. */
	readonly id: WebMessageId;
	/** Id of the message reacted to. */
	readonly msgId: WebMessageId;
	/** Empty string means the reaction was removed. */
	readonly reaction: string;
	readonly senderId: string;
	readonly timestamp: number;
	readonly read: boolean;
	readonly orphan: number;
	readonly orphanReason?: string | null;
	readonly ack?: WebAck;
}

/** Library PollVote (`vote_update`), flattened. */
export interface WebPollVote {
	readonly voter: string;
	/** Empty when the voter deselected everything; `name` is missing when the poll is no longer in memory. */
	readonly selectedOptions: readonly { readonly localId: number; readonly name?: string }[];
	/** Milliseconds, as the library reports it. */
	readonly interactedAtTs: number;
	readonly parentMessageId: string;
}

/** Group notification subtypes whatsapp-web.js knows of (GroupNotificationTypes plus the ones its Client dispatches on); others may come. */
export type WebGroupNotificationType =
	| 'add'
	| 'invite'
	| 'linked_group_join'
	| 'remove'
	| 'leave'
	| 'promote'
	| 'demote'
	| 'membership_approval_request'
	| 'subject'
	| 'description'
	| 'picture'
	| 'announce'
	| 'restrict'
	| (string & {});

/**
 * Library GroupNotification (group_join, group_leave, group_admin_changed, group_membership_request, group_update),
 * flattened to its data fields.
 */
export interface WebGroupNotification {
	/** The id of the `gp2` message that carried the notification. */
	readonly id: WebMessageId;
	/** Extra content, e.g. the new subject; '' when none. */
	readonly body: string;
	readonly type: WebGroupNotificationType;
	/** Seconds. */
	readonly timestamp: number;
	/** The group, `<id>@g.us`. */
	readonly chatId: string;
	/** Who made the change (the requester for membership requests); missing when WhatsApp does not say. */
	readonly author?: string;
	/** The participants concerned (added, removed, promoted…); empty for settings changes. */
	readonly recipientIds: readonly string[];
}

/** Turns a snapshot into a WebMessage without making the downloader part of its data. */
export function withMediaDownloader(
	snapshot: WebMessageSnapshot,
	download: () => Promise<WebMedia | undefined>,
): WebMessage {
	const message = { ...snapshot } as WebMessage;
	Object.defineProperty(message, 'downloadMedia', { value: download, enumerable: false });
	return message;
}

/** The plain data of a WebMessage (drops the downloader). */
export function snapshotOf(message: WebMessageSnapshot): WebMessageSnapshot {
	return { ...message };
}
