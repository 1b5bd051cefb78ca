import { MessageMedia, type Client as LibraryClient, type GroupChat } from 'whatsapp-web.js';
import { WebDriverError } from '../webDriverError';
import type { GroupChanges, GroupJoinRequest, GroupParticipantAction, GroupParticipantOutcome, JoinRequestOutcome, WebGroupInfo, WebGroups } from '../webGroups';
import { libraryCall } from './libraryCall';
import { idString } from './toSnapshot';

/** What the library keeps on a group chat beyond its typings (groupMetadata's announce and restrict flags). */
type GroupWithMetadata = GroupChat & { groupMetadata?: { announce?: boolean; restrict?: boolean; creation?: number } };

/** addParticipants' answer at runtime: per participant, or a sentence when nothing was tried (not admin, empty group). */
type AddAnswer = Record<string, { code: number; message: string; isInviteV4Sent: boolean }> | string;

/**
 * Groups through whatsapp-web.js (GroupChat and Client.createGroup / acceptInvite). The library answers
 * permission refusals with `false` or a sentence rather than an error; they become not_allowed here.
 */
export class RealGroups implements WebGroups {
	constructor(private readonly library: () => LibraryClient) {}

	async create(subject: string, participants: readonly string[]): Promise<{ group: WebGroupInfo; participants: GroupParticipantOutcome[] }> {
		const answer = await libraryCall('creating a group', () => this.library().createGroup(subject, [...participants]));
		if (typeof answer === 'string') throw new WebDriverError('send_failed', `WhatsApp did not create the group: ${answer}`);
		const outcomes = Object.entries(answer.participants).map(([id, result]) => ({ id, ok: result.statusCode === 200, code: result.statusCode, message: result.message, invited: result.isInviteV4Sent }));
		return { group: await this.get(answer.gid._serialized), participants: outcomes };
	}

	async get(groupId: string): Promise<WebGroupInfo> {
		return infoOf(await this.group(groupId));
	}

	async update(groupId: string, changes: GroupChanges): Promise<WebGroupInfo> {
		const group = await this.group(groupId);
		const refused = (what: string) => new WebDriverError('not_allowed', `WhatsApp refused to change the ${what} (only admins may, or you left the group)`);
		if (changes.subject !== undefined && !(await libraryCall('setting the subject', () => group.setSubject(changes.subject as string)))) throw refused('subject');
		if (changes.description !== undefined && !(await libraryCall('setting the description', () => group.setDescription(changes.description as string)))) throw refused('description');
		if (changes.messagesAdminsOnly !== undefined && !(await libraryCall('changing who may send', () => group.setMessagesAdminsOnly(changes.messagesAdminsOnly)))) throw refused('setting of who may send messages');
		if (changes.infoAdminsOnly !== undefined && !(await libraryCall('changing who may edit the info', () => group.setInfoAdminsOnly(changes.infoAdminsOnly)))) throw refused('setting of who may edit the group info');
		return this.get(groupId);
	}

	async changeParticipants(groupId: string, action: GroupParticipantAction, participants: readonly string[]): Promise<GroupParticipantOutcome[]> {
		const group = await this.adminGroup(groupId, 'add, remove, promote or demote participants');
		const ids = [...participants];
		if (action === 'add') {
			const answer = (await libraryCall('adding participants', () => group.addParticipants(ids))) as AddAnswer;
			if (typeof answer === 'string') throw new WebDriverError(/admin/i.test(answer) ? 'not_allowed' : 'send_failed', answer);
			return ids.map((id) => {
				const result = answer[id];
				return result ? { id, ok: result.code === 200, code: result.code, message: result.message, invited: result.isInviteV4Sent } : { id, ok: false, code: 0, message: 'WhatsApp gave no result for this participant', invited: false };
			});
		}
		// Remove, promote and demote skip people who are not members without a word: say so per participant.
		const members = new Map(group.participants.map((member) => [idString(member.id), member]));
		const present = ids.filter((id) => members.has(id));
		const change = { remove: () => group.removeParticipants(present), promote: () => group.promoteParticipants(present), demote: () => group.demoteParticipants(present) }[action];
		if (present.length > 0) await libraryCall(`${action.replace(/e$/, '')}ing participants`, change);
		return ids.map((id) => (members.has(id) ? { id, ok: true, code: 200, message: `The participant was ${action === 'remove' ? 'removed' : `${action}d`}`, invited: false } : { id, ok: false, code: 404, message: 'The participant is not a group member', invited: false }));
	}

	async inviteCode(groupId: string, options: { revoke?: boolean } = {}): Promise<string> {
		const group = await this.group(groupId);
		if (options.revoke) await libraryCall('resetting the invite link', () => group.revokeInvite());
		const code = await libraryCall('fetching the invite link', () => group.getInviteCode());
		if (!code) throw new WebDriverError('not_allowed', "only group admins can see or reset the group's invite link");
		return code;
	}

	async setPicture(groupId: string, picture: { readonly data: string; readonly mimetype: string } | null): Promise<void> {
		const group = await this.group(groupId);
		const changed = await libraryCall('changing the group picture', () => (picture ? group.setPicture(new MessageMedia(picture.mimetype, picture.data)) : group.deletePicture()));
		if (!changed) throw new WebDriverError('not_allowed', 'WhatsApp refused to change the group picture (only admins may, or you left the group)');
	}

	async joinRequests(groupId: string): Promise<GroupJoinRequest[]> {
		const group = await this.adminGroup(groupId, 'see requests to join');
		const requests = await libraryCall('reading requests to join', () => group.getGroupMembershipRequests());
		return requests.map((request) => ({ requester: idString(request.id) ?? '', addedBy: idString(request.addedBy) ?? null, requestedAt: Number(request.t) || 0, method: String(request.requestMethod ?? '') }));
	}

	async answerJoinRequests(groupId: string, answer: 'approve' | 'reject', requesters?: readonly string[]): Promise<JoinRequestOutcome[]> {
		const group = await this.adminGroup(groupId, 'answer requests to join');
		const options = { requesterIds: requesters ? [...requesters] : null, sleep: null };
		const results = await libraryCall(`${answer === 'approve' ? 'approving' : 'rejecting'} requests to join`, () => (answer === 'approve' ? group.approveGroupMembershipRequests(options) : group.rejectGroupMembershipRequests(options)));
		return results.map((result) => ({ requester: String(Array.isArray(result.requesterId) ? result.requesterId[0] : (result.requesterId ?? '')), ok: !result.error, message: result.message }));
	}

	/** A group this account administers, for the changes WhatsApp reserves to admins. */
	private async adminGroup(groupId: string, what: string): Promise<GroupWithMetadata> {
		const group = await this.group(groupId);
		const own = idString(this.library().info?.wid);
		if (!group.participants.some((member) => idString(member.id) === own && member.isAdmin)) throw new WebDriverError('not_allowed', `only group admins can ${what}`);
		return group;
	}

	async leave(groupId: string): Promise<void> {
		const group = await this.group(groupId);
		await libraryCall('leaving the group', () => group.leave());
	}

	async join(inviteCode: string): Promise<string> {
		try {
			return await this.library().acceptInvite(inviteCode);
		} catch (error) {
			throw new WebDriverError('invalid_argument', `is not an invite code WhatsApp accepts: ${String(error)}`, { cause: error });
		}
	}

	private async group(groupId: string): Promise<GroupWithMetadata> {
		const chat = await this.library()
			.getChatById(groupId)
			.catch(() => undefined);
		if (!chat?.isGroup) throw new WebDriverError('chat_not_found', `no group ${groupId}`);
		return chat as GroupWithMetadata;
	}

}

function infoOf(group: GroupWithMetadata): WebGroupInfo {
	return {
		id: idString(group.id) ?? '',
		subject: group.name ?? '',
		description: group.description || null,
		owner: idString(group.owner) ?? null,
		createdAt: group.groupMetadata?.creation ?? 0,
		participants: (group.participants ?? []).map((member) => ({ id: idString(member.id) ?? '', isAdmin: member.isAdmin === true, isSuperAdmin: member.isSuperAdmin === true })),
		messagesAdminsOnly: group.groupMetadata?.announce === true,
		infoAdminsOnly: group.groupMetadata?.restrict === true,
	};
}
