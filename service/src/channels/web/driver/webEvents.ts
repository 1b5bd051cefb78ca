import type { WebGroupNotification, WebMessage, WebPollVote, WebReaction } from './messageSnapshot';
import type { WebCall } from './webCalls';
import type { WebDriverError } from './webDriverError';

/** WhatsApp Web socket states, as whatsapp-web.js reports them (Constants.WAState). */
export type WAState =
	| 'CONFLICT'
	| 'CONNECTED'
	| 'DEPRECATED_VERSION'
	| 'OPENING'
	| 'PAIRING'
	| 'PROXYBLOCK'
	| 'SMB_TOS_BLOCK'
	| 'TIMEOUT'
	| 'TOS_BLOCK'
	| 'UNLAUNCHED'
	| 'UNPAIRED'
	| 'UNPAIRED_IDLE';

/**
 * Why the library said `disconnected`: a WAState outside CONNECTED/OPENING/PAIRING/TIMEOUT,
 * 'LOGOUT' (unlinked from the phone) or the QR cap message.
 */
export type DisconnectReason = WAState | 'LOGOUT' | typeof QR_RETRIES_EXHAUSTED;

/** The exact string whatsapp-web.js emits when qrMaxRetries is exceeded. */
export const QR_RETRIES_EXHAUSTED = 'Max qrcode retries reached' as const;

/** Message acks (Constants.MessageAck). */
export const WebAck = {
	ERROR: -1,
	PENDING: 0,
	SERVER: 1,
	DEVICE: 2,
	READ: 3,
	PLAYED: 4,
} as const;
export type WebAck = (typeof WebAck)[keyof typeof WebAck];

/** What the driver saw when the browser went away without being asked to. */
export interface BrowserCrashInfo {
	/** browser_disconnected: CDP link lost (process died or was killed); page_closed/page_crashed: the WhatsApp tab. */
	readonly reason: 'browser_disconnected' | 'page_closed' | 'page_crashed';
	readonly pid: number | null;
	readonly message: string;
}

/**
 * Events of one client. Names and argument shapes are whatsapp-web.js's (B.3 of the contracts), with
 * library objects replaced by plain snapshots; `browser_crashed` and `driver_error` are ours.
 *
 * After `disconnected`, `auth_failure` or `browser_crashed` the client is finished (browser gone);
 * create a new client to start again.
 */
export interface WebClientEvents {
	qr: [qr: string];
	code: [code: string];
	/** Payload is undefined with RemoteAuth; may fire more than once (library issue #5801). */
	authenticated: [payload: unknown];
	auth_failure: [message: string];
	/** May fire more than once per client (each WhatsApp Web re-sync); handle idempotently. */
	ready: [];
	loading_screen: [percent: number, message: string];
	change_state: [state: WAState];
	disconnected: [reason: DisconnectReason];
	message: [message: WebMessage];
	message_create: [message: WebMessage];
	message_ack: [message: WebMessage, ack: WebAck];
	message_revoke_everyone: [message: WebMessage, revokedMessage: WebMessage | undefined];
	message_edit: [message: WebMessage, newBody: string, prevBody: string];
	message_reaction: [reaction: WebReaction];
	vote_update: [vote: WebPollVote];
	/** A call is ringing (WhatsApp Web can only decline it: rejectCall). */
	call: [call: WebCall];
	/** A participant was added, joined by invite link or through a linked community group (see groupEventOf). */
	group_join: [notification: WebGroupNotification];
	/** A participant was removed or left. */
	group_leave: [notification: WebGroupNotification];
	/** A participant was promoted to admin or demoted. */
	group_admin_changed: [notification: WebGroupNotification];
	/** Someone asked to join a group that approves new members (subtype membership_approval_request). */
	group_membership_request: [notification: WebGroupNotification];
	/** Any other group change: subject, description, picture, announce, restrict… */
	group_update: [notification: WebGroupNotification];
	remote_session_saved: [];
	browser_crashed: [info: BrowserCrashInfo];
	/** Asynchronous trouble that is not a crash, e.g. `ready` never followed `authenticated`. */
	driver_error: [error: WebDriverError];
}

export type WebClientEventName = keyof WebClientEvents;

/** The five events a group notification (a `gp2` message) arrives as. */
export const WEB_GROUP_EVENTS = ['group_join', 'group_leave', 'group_admin_changed', 'group_membership_request', 'group_update'] as const;
export type WebGroupEventName = (typeof WEB_GROUP_EVENTS)[number];

/** Which event whatsapp-web.js emits for a group notification subtype (Client.attachEventListeners, onAddMessageEvent). */
export function groupEventOf(type: string): WebGroupEventName {
	if (type === 'add' || type === 'invite' || type === 'linked_group_join') return 'group_join';
	if (type === 'remove' || type === 'leave') return 'group_leave';
	if (type === 'promote' || type === 'demote') return 'group_admin_changed';
	if (type === 'membership_approval_request') return 'group_membership_request';
	return 'group_update';
}
