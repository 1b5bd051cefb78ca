import type { Flag, IsoTimestamp } from '../../../storage/schema';

export const WEB_SESSION_STATUSES = ['STOPPED', 'STARTING', 'SCAN_QR', 'WORKING', 'FAILED'] as const;
export type WebSessionStatus = (typeof WEB_SESSION_STATUSES)[number];

/** What should happen to a session: run (resumed after restarts, taken over by another replica) or stay stopped. */
export type DesiredState = 'running' | 'stopped';

/** A lifecycle request made on a replica that does not run the session, for the replica that does. */
export type PendingCommand = 'start' | 'stop' | 'restart' | 'logout';

/**
 * One named WhatsApp Web session of a tenant. The process running it holds a lease (owner_id until
 * lease_expires_at) and renews it; when the lease runs out another replica may take the session over.
 */
export interface WebSessionsTable {
	id: string;
	tenant_id: string;
	name: string;
	is_default: Flag;
	/** Log in with a pairing code sent to this number instead of a QR code. */
	pairing_phone: string | null;
	/** JSON: WebSessionSettings. */
	settings_json: string;
	desired: DesiredState;
	status: WebSessionStatus;
	status_reason: string | null;
	status_changed_at: IsoTimestamp;
	/** The QR (raw string) on offer while SCAN_QR, so any replica can serve it. */
	qr_value: string | null;
	qr_rotation: number;
	pairing_code: string | null;
	/** Own WhatsApp id (…@c.us) and push name, from the last time the session was WORKING. */
	own_id: string | null;
	push_name: string | null;
	owner_id: string | null;
	/** The owner's REPLICA_URL, if it has one: where other replicas forward this session's requests. */
	owner_url: string | null;
	lease_expires_at: IsoTimestamp | null;
	pending_command: PendingCommand | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

/** The session's login (whatsapp-web.js RemoteAuth zip), encrypted; one per session, apart so listings never read it. */
export interface WebSessionArchivesTable {
	session_id: string;
	tenant_id: string;
	archive: Buffer;
	size_bytes: number;
	saved_at: IsoTimestamp;
}

export interface WebTables {
	web_sessions: WebSessionsTable;
	web_session_archives: WebSessionArchivesTable;
}
