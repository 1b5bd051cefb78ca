import type { DesiredState, PendingCommand, WebSessionStatus } from '../storage/tables';

export type { DesiredState, PendingCommand, WebSessionStatus };

/** Per-session options, applied at the session's next start. */
export interface WebSessionSettings {
	/** Linked-device name shown on the phone. */
	deviceName?: string;
	browserName?: string;
	/** Take the session back when another WhatsApp Web opens it, instead of stopping (CONFLICT). */
	takeoverOnConflict?: boolean;
	/** Egress proxy for this session's browser, e.g. http://proxy:3128. */
	proxyServer?: string;
	/** Do not record or emit group messages. */
	ignoreGroups?: boolean;
	/** Decline every incoming call at once (a call.received event still says who called). */
	rejectCalls?: boolean;
	/** Sent to a declined caller in their chat (calls from groups get none). */
	rejectCallMessage?: string;
}

/** A session as the service knows it (from its row). */
export interface WebSession {
	id: string;
	tenantId: string;
	name: string;
	isDefault: boolean;
	pairingPhone: string | null;
	settings: WebSessionSettings;
	desired: DesiredState;
	status: WebSessionStatus;
	reason: string | null;
	statusChangedAt: string;
	qr: { value: string; rotation: number } | null;
	pairingCode: string | null;
	me: { id: string; pushName: string | null } | null;
	/** The replica holding the lease, and its REPLICA_URL when it has one. */
	owner: { id: string; leaseExpiresAt: string; url: string | null } | null;
	pendingCommand: PendingCommand | null;
	createdAt: string;
	updatedAt: string;
}

/** The `data` of a `session.status` event. */
export interface SessionStatusEvent {
	session: string;
	status: WebSessionStatus;
	previousStatus: WebSessionStatus;
	reason: string | null;
	me: { id: string; pushName: string | null } | null;
	loginMethod: 'qr' | 'pairing';
	timestamp: string;
}
