/** A member of a group and their role (the creator is the super admin). */
export interface WebGroupParticipant {
	/** `<digits>@c.us` (or `@lid`). */
	readonly id: string;
	readonly isAdmin: boolean;
	readonly isSuperAdmin: boolean;
}

/** What WhatsApp Web knows of a group (library GroupChat and its groupMetadata). */
export interface WebGroupInfo {
	/** `<id>@g.us`. */
	readonly id: string;
	readonly subject: string;
	readonly description: string | null;
	/** The creator, when WhatsApp says. */
	readonly owner: string | null;
	/** Seconds; 0 when unknown. */
	readonly createdAt: number;
	readonly participants: readonly WebGroupParticipant[];
	/** Only admins may send messages (WhatsApp's "announce"). */
	readonly messagesAdminsOnly: boolean;
	/** Only admins may change the subject, description and picture (WhatsApp's "restrict"). */
	readonly infoAdminsOnly: boolean;
}

export type GroupParticipantAction = 'add' | 'remove' | 'promote' | 'demote';

/**
 * One participant's result. WhatsApp answers per person: codes as the library reports them (200 done, 403 only
 * by private invitation, 404 not on WhatsApp, 408 left recently, 409 already a member, 419 group full).
 */
export interface GroupParticipantOutcome {
	readonly id: string;
	readonly ok: boolean;
	readonly code: number;
	readonly message: string;
	/** An invitation was sent instead (people who only accept invitations). */
	readonly invited: boolean;
}

/** Someone asking to join a group that approves new members. */
export interface GroupJoinRequest {
	readonly requester: string;
	/** Who asked for them (themselves, or a member adding them); null when WhatsApp does not say. */
	readonly addedBy: string | null;
	/** Seconds. */
	readonly requestedAt: number;
	/** How they asked: InviteLink, NonAdminAdd, LinkedGroupJoin. */
	readonly method: string;
}

/** One requester's result of an approval or rejection. */
export interface JoinRequestOutcome {
	readonly requester: string;
	readonly ok: boolean;
	readonly message: string;
}

export interface GroupChanges {
	readonly subject?: string;
	readonly description?: string;
	readonly messagesAdminsOnly?: boolean;
	readonly infoAdminsOnly?: boolean;
}

/**
 * Group management on one ready session. Unknown groups (or chats that are not groups) reject with chat_not_found;
 * changes WhatsApp reserves to admins reject with not_allowed when this account is not one.
 */
export interface WebGroups {
	/** Creates a group with this account as its super admin; participants WhatsApp refuses are in the outcomes. */
	create(subject: string, participants: readonly string[]): Promise<{ group: WebGroupInfo; participants: GroupParticipantOutcome[] }>;
	get(groupId: string): Promise<WebGroupInfo>;
	/** Applies each given change; answers the group as it is afterwards. */
	update(groupId: string, changes: GroupChanges): Promise<WebGroupInfo>;
	changeParticipants(groupId: string, action: GroupParticipantAction, participants: readonly string[]): Promise<GroupParticipantOutcome[]>;
	/** The current invite code, or a new one that invalidates the old (`revoke`). Admins only. */
	inviteCode(groupId: string, options?: { revoke?: boolean }): Promise<string>;
	leave(groupId: string): Promise<void>;
	/** Sets the group's picture (a JPEG or PNG, base64) or removes it (null); like the subject, admins only once the group restricts its info. */
	setPicture(groupId: string, picture: { readonly data: string; readonly mimetype: string } | null): Promise<void>;
	/** Pending requests to join (admins only). */
	joinRequests(groupId: string): Promise<GroupJoinRequest[]>;
	/** Approves or rejects the given requesters' requests, or every pending one when none is given (admins only). */
	answerJoinRequests(groupId: string, answer: 'approve' | 'reject', requesters?: readonly string[]): Promise<JoinRequestOutcome[]>;
	/** Joins by invite code; answers the group id. invalid_argument for a code WhatsApp does not know. */
	join(inviteCode: string): Promise<string>;
}

/** The limits WhatsApp puts on groups (subject and description lengths, members per group). */
export const GROUP_LIMITS = { subject: 100, description: 2048, participants: 1024 } as const;
