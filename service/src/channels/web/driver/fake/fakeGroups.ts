import { randomBytes } from 'node:crypto';
import type { WebGroupNotificationType } from '../messageSnapshot';
import { WebDriverError } from '../webDriverError';
import { GROUP_LIMITS, type GroupChanges, type GroupJoinRequest, type JoinRequestOutcome, type GroupParticipantAction, type GroupParticipantOutcome, type WebGroupInfo, type WebGroups } from '../webGroups';
import { nowSeconds, userOf } from './fakeIds';

/** What the groups need of their client: readiness, who we are, who has WhatsApp, and the chat list and notifications. */
export interface FakeGroupsLink {
	readonly ownId: string;
	requireReady(): void;
	isOnWhatsApp(user: string): boolean;
	/** The group shows in the chat list from now on (as a chat WhatsApp Web holds). */
	openChat(chatId: string): void;
	notify(spec: { chatId: string; type: WebGroupNotificationType; author?: string; recipientIds?: readonly string[]; body?: string }): void;
}

type Role = 'member' | 'admin' | 'superadmin';

interface GroupRecord {
	id: string;
	subject: string;
	description: string | null;
	owner: string;
	createdAt: number;
	/** Member id -> role. */
	members: Map<string, Role>;
	announce: boolean;
	restrict: boolean;
	inviteCode: string;
	/** Pending requests to join, by requester. */
	requests: Map<string, GroupJoinRequest>;
	hasPicture: boolean;
}

/** Codes and texts as whatsapp-web.js reports them for participant changes. */
const OUTCOMES = {
	done: [200, 'The participant was added successfully'],
	notOnWhatsApp: [404, 'The phone number is not registered on WhatsApp'],
	alreadyMember: [409, 'The participant is already a group member'],
	full: [419, "The participant can't be added because the group is full"],
	notMember: [404, 'The participant is not a group member'],
	creator: [403, "The group's creator keeps their role and cannot be removed"],
} as const;

const inviteCodeNew = (): string => randomBytes(16).toString('base64url').slice(0, 22);
/** Newer group ids look like 1203630…@g.us. */
const groupIdNew = (): string => `1203630${randomBytes(6).readUIntBE(0, 6).toString().padStart(15, '0')}@g.us`;

/**
 * Groups as WhatsApp keeps them, for the fake driver: roles, the admins-only settings, invite codes and the limits.
 * Each change this account makes comes back as a group notification (gp2), as WhatsApp Web reports our own changes.
 */
export class FakeGroups implements WebGroups {
	private readonly groups = new Map<string, GroupRecord>();

	constructor(private readonly link: FakeGroupsLink) {}

	async create(subject: string, participants: readonly string[]): Promise<{ group: WebGroupInfo; participants: GroupParticipantOutcome[] }> {
		this.link.requireReady();
		checkSubject(subject);
		const id = groupIdNew();
		const record: GroupRecord = { id, subject, description: null, owner: this.link.ownId, createdAt: nowSeconds(), members: new Map([[this.link.ownId, 'superadmin']]), announce: false, restrict: false, inviteCode: inviteCodeNew(), requests: new Map(), hasPicture: false };
		this.groups.set(id, record);
		this.link.openChat(id);
		this.link.notify({ chatId: id, type: 'create', body: subject });
		const outcomes = this.add(record, participants);
		return { group: infoOf(record), participants: outcomes };
	}

	async get(groupId: string): Promise<WebGroupInfo> {
		return infoOf(this.group(groupId));
	}

	async update(groupId: string, changes: GroupChanges): Promise<WebGroupInfo> {
		const group = this.group(groupId);
		if (!group.members.has(this.link.ownId)) throw new WebDriverError('not_allowed', 'you are no longer a participant of this group');
		const admin = this.isAdmin(group);
		if (changes.subject !== undefined) checkSubject(changes.subject);
		if (changes.description !== undefined && changes.description.length > GROUP_LIMITS.description) throw new WebDriverError('invalid_argument', `a description has at most ${GROUP_LIMITS.description} characters`);
		// Settings are always the admins'; the subject and description too once the group restricts its info.
		if ((changes.messagesAdminsOnly !== undefined || changes.infoAdminsOnly !== undefined) && !admin) throw new WebDriverError('not_allowed', 'only group admins can change its settings');
		if ((changes.subject !== undefined || changes.description !== undefined) && group.restrict && !admin) throw new WebDriverError('not_allowed', 'only group admins can change the subject and description of this group');
		if (changes.subject !== undefined && changes.subject !== group.subject) {
			group.subject = changes.subject;
			this.link.notify({ chatId: group.id, type: 'subject', body: changes.subject });
		}
		if (changes.description !== undefined && changes.description !== (group.description ?? '')) {
			group.description = changes.description || null;
			this.link.notify({ chatId: group.id, type: 'description', body: changes.description });
		}
		if (changes.messagesAdminsOnly !== undefined && changes.messagesAdminsOnly !== group.announce) {
			group.announce = changes.messagesAdminsOnly;
			this.link.notify({ chatId: group.id, type: 'announce', body: group.announce ? 'on' : 'off' });
		}
		if (changes.infoAdminsOnly !== undefined && changes.infoAdminsOnly !== group.restrict) {
			group.restrict = changes.infoAdminsOnly;
			this.link.notify({ chatId: group.id, type: 'restrict', body: group.restrict ? 'on' : 'off' });
		}
		return infoOf(group);
	}

	async changeParticipants(groupId: string, action: GroupParticipantAction, participants: readonly string[]): Promise<GroupParticipantOutcome[]> {
		const group = this.group(groupId);
		if (!this.isAdmin(group)) throw new WebDriverError('not_allowed', 'only group admins can add, remove, promote or demote participants');
		if (action === 'add') return this.add(group, participants);
		const changed: string[] = [];
		const outcomes = participants.map((id) => {
			const role = group.members.get(id);
			if (!role) return outcome(id, OUTCOMES.notMember);
			if (role === 'superadmin') return outcome(id, OUTCOMES.creator);
			if (action === 'remove') group.members.delete(id);
			else group.members.set(id, action === 'promote' ? 'admin' : 'member');
			changed.push(id);
			return outcome(id, [200, action === 'remove' ? 'The participant was removed' : `The participant was ${action}d`]);
		});
		if (changed.length > 0) this.link.notify({ chatId: group.id, type: action, recipientIds: changed });
		return outcomes;
	}

	async inviteCode(groupId: string, options: { revoke?: boolean } = {}): Promise<string> {
		const group = this.group(groupId);
		if (!this.isAdmin(group)) throw new WebDriverError('not_allowed', "only group admins can see or reset the group's invite link");
		if (options.revoke) group.inviteCode = inviteCodeNew();
		return group.inviteCode;
	}

	async setPicture(groupId: string, picture: { readonly data: string; readonly mimetype: string } | null): Promise<void> {
		const group = this.group(groupId);
		if (!group.members.has(this.link.ownId)) throw new WebDriverError('not_allowed', 'you are no longer a participant of this group');
		if (group.restrict && !this.isAdmin(group)) throw new WebDriverError('not_allowed', 'only group admins can change the picture of this group');
		group.hasPicture = picture !== null;
		this.link.notify({ chatId: group.id, type: 'picture', body: picture ? 'set' : 'removed' });
	}

	/** Test helper: whether the group has a picture now. */
	hasPicture(groupId: string): boolean {
		return this.groups.get(groupId)?.hasPicture === true;
	}

	async joinRequests(groupId: string): Promise<GroupJoinRequest[]> {
		const group = this.group(groupId);
		if (!this.isAdmin(group)) throw new WebDriverError('not_allowed', 'only group admins can see requests to join');
		return [...group.requests.values()];
	}

	async answerJoinRequests(groupId: string, answer: 'approve' | 'reject', requesters?: readonly string[]): Promise<JoinRequestOutcome[]> {
		const group = this.group(groupId);
		if (!this.isAdmin(group)) throw new WebDriverError('not_allowed', 'only group admins can answer requests to join');
		const approved: string[] = [];
		const outcomes = (requesters ?? [...group.requests.keys()]).map((requester) => {
			if (!group.requests.delete(requester)) return { requester, ok: false, message: 'No pending request from this person' };
			if (answer === 'approve') {
				group.members.set(requester, 'member');
				approved.push(requester);
			}
			return { requester, ok: true, message: answer === 'approve' ? 'Approved: now a participant' : 'Rejected' };
		});
		if (approved.length > 0) this.link.notify({ chatId: group.id, type: 'add', recipientIds: approved });
		return outcomes;
	}

	/** Test helper: someone asks to join (as by an invite link of a group that approves new members). */
	requestToJoin(groupId: string, requester: string): void {
		const group = this.group(groupId);
		group.requests.set(requester, { requester, addedBy: requester, requestedAt: nowSeconds(), method: 'InviteLink' });
		this.link.notify({ chatId: group.id, type: 'membership_approval_request', author: requester, recipientIds: [requester] });
	}

	async leave(groupId: string): Promise<void> {
		const group = this.group(groupId);
		if (!group.members.delete(this.link.ownId)) throw new WebDriverError('not_allowed', 'you are not a participant of this group');
		this.link.notify({ chatId: group.id, type: 'leave', recipientIds: [this.link.ownId] });
	}

	async join(inviteCode: string): Promise<string> {
		this.link.requireReady();
		const group = [...this.groups.values()].find((candidate) => candidate.inviteCode === inviteCode);
		if (!group) throw new WebDriverError('invalid_argument', 'is not a valid invite code (reset, or never issued)');
		if (!group.members.has(this.link.ownId)) {
			group.members.set(this.link.ownId, 'member');
			this.link.openChat(group.id);
			this.link.notify({ chatId: group.id, type: 'invite', recipientIds: [this.link.ownId] });
		}
		return group.id;
	}

	/** A group's subject, for the chat list. */
	subjectOf(chatId: string): string | undefined {
		return this.groups.get(chatId)?.subject;
	}

	/** Whether this account may change what the whole group sees (info, pins): any member, or only admins once restricted. */
	mayEditInfo(chatId: string): boolean {
		const group = this.groups.get(chatId);
		if (!group) return true;
		return group.members.has(this.link.ownId) && (!group.restrict || this.isAdmin(group));
	}

	/** Test helper: a group someone else created, with this account as a member (or admin) and an invite code to join by. */
	seed(spec: { subject: string; owner: string; members?: readonly string[]; admins?: readonly string[]; includeMe?: 'member' | 'admin' | false; infoAdminsOnly?: boolean }): { id: string; inviteCode: string } {
		const id = groupIdNew();
		const members = new Map<string, Role>([[spec.owner, 'superadmin']]);
		for (const member of spec.members ?? []) members.set(member, 'member');
		for (const admin of spec.admins ?? []) members.set(admin, 'admin');
		if (spec.includeMe !== false) members.set(this.link.ownId, spec.includeMe ?? 'member');
		const record: GroupRecord = { id, subject: spec.subject, description: null, owner: spec.owner, createdAt: nowSeconds(), members, announce: false, restrict: spec.infoAdminsOnly ?? false, inviteCode: inviteCodeNew(), requests: new Map(), hasPicture: false };
		this.groups.set(id, record);
		if (spec.includeMe !== false) this.link.openChat(id);
		return { id, inviteCode: record.inviteCode };
	}

	private add(group: GroupRecord, participants: readonly string[]): GroupParticipantOutcome[] {
		const added: string[] = [];
		const outcomes = participants.map((id) => {
			if (group.members.has(id)) return outcome(id, OUTCOMES.alreadyMember);
			if (!id.endsWith('@c.us') || !this.link.isOnWhatsApp(userOf(id))) return outcome(id, OUTCOMES.notOnWhatsApp);
			if (group.members.size >= GROUP_LIMITS.participants) return outcome(id, OUTCOMES.full);
			group.members.set(id, 'member');
			added.push(id);
			return outcome(id, OUTCOMES.done);
		});
		if (added.length > 0) this.link.notify({ chatId: group.id, type: 'add', recipientIds: added });
		return outcomes;
	}

	private group(groupId: string): GroupRecord {
		this.link.requireReady();
		const group = this.groups.get(groupId);
		if (!group) throw new WebDriverError('chat_not_found', `no group ${groupId}`);
		return group;
	}

	private isAdmin(group: GroupRecord): boolean {
		const role = group.members.get(this.link.ownId);
		return role === 'admin' || role === 'superadmin';
	}
}

function checkSubject(subject: string): void {
	if (subject.trim().length === 0 || subject.length > GROUP_LIMITS.subject) throw new WebDriverError('invalid_argument', `a group subject has 1 to ${GROUP_LIMITS.subject} characters`);
}

function outcome(id: string, [code, message]: readonly [number, string]): GroupParticipantOutcome {
	return { id, ok: code === 200, code, message, invited: false };
}

function infoOf(group: GroupRecord): WebGroupInfo {
	return {
		id: group.id,
		subject: group.subject,
		description: group.description,
		owner: group.owner,
		createdAt: group.createdAt,
		participants: [...group.members.entries()].map(([id, role]) => ({ id, isAdmin: role !== 'member', isSuperAdmin: role === 'superadmin' })),
		messagesAdminsOnly: group.announce,
		infoAdminsOnly: group.restrict,
	};
}
