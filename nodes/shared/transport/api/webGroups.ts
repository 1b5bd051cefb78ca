import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';
import type { WebChat } from './webChats';
import { sessionPath } from './webSessions';

export interface WebGroup extends IDataObject {
	id: string;
	subject: string;
	description: string | null;
	owner: string | null;
	size: number;
	participants: Array<{ id: string; isAdmin: boolean; isSuperAdmin: boolean }>;
	messagesAdminsOnly: boolean;
	infoAdminsOnly: boolean;
}

/** One participant's result: WhatsApp answers each person on their own. */
export interface ParticipantOutcome extends IDataObject {
	id: string;
	ok: boolean;
	code: number;
	message: string;
	invited: boolean;
}

export type ParticipantAction = 'add' | 'remove' | 'promote' | 'demote';

export interface GroupChanges extends IDataObject {
	subject?: string;
	description?: string;
	messagesAdminsOnly?: boolean;
	infoAdminsOnly?: boolean;
}

export interface GroupInvite extends IDataObject {
	groupId: string;
	code: string;
	url: string;
}

const groupsPath = (session: string) => `${sessionPath(session)}/groups`;
const groupPath = (session: string, groupId: string) => `${groupsPath(session)}/${encodeURIComponent(groupId)}`;

export async function listWebGroups(context: ServiceContext, session: string, limit: number, itemIndex?: number): Promise<WebChat[]> {
	return (await serviceRequest<{ data: WebChat[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: groupsPath(session), qs: { limit }, itemIndex })).data;
}

export async function createWebGroup(context: ServiceContext, session: string, subject: string, participants: string[], itemIndex?: number): Promise<{ group: WebGroup; participants: ParticipantOutcome[] }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: groupsPath(session), body: { subject, participants }, itemIndex });
}

export async function getWebGroup(context: ServiceContext, session: string, groupId: string, itemIndex?: number): Promise<WebGroup> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'GET', path: groupPath(session, groupId), itemIndex });
}

export async function updateWebGroup(context: ServiceContext, session: string, groupId: string, changes: GroupChanges, itemIndex?: number): Promise<WebGroup> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'PATCH', path: groupPath(session, groupId), body: changes, itemIndex });
}

export async function changeWebGroupParticipants(context: ServiceContext, session: string, groupId: string, action: ParticipantAction, participants: string[], itemIndex?: number): Promise<ParticipantOutcome[]> {
	return (await serviceRequest<{ data: ParticipantOutcome[] }>(context, 'whatsAppTenantApi', { method: 'POST', path: `${groupPath(session, groupId)}/participants`, body: { action, participants }, itemIndex })).data;
}

/** The group's invite link; `reset` makes a new one and the old stops working. */
export async function webGroupInvite(context: ServiceContext, session: string, groupId: string, reset: boolean, itemIndex?: number): Promise<GroupInvite> {
	return reset
		? serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${groupPath(session, groupId)}/invite/revoke`, itemIndex })
		: serviceRequest(context, 'whatsAppTenantApi', { method: 'GET', path: `${groupPath(session, groupId)}/invite`, itemIndex });
}

export async function joinWebGroup(context: ServiceContext, session: string, invite: string, itemIndex?: number): Promise<{ groupId: string }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${groupsPath(session)}/join`, body: { invite }, itemIndex });
}

export async function leaveWebGroup(context: ServiceContext, session: string, groupId: string, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${groupPath(session, groupId)}/leave`, itemIndex });
}

export interface JoinRequest extends IDataObject {
	requester: string;
	addedBy: string | null;
	requestedAt: string | null;
	method: string;
}

/** Pending requests to join (admins only). */
export async function listWebGroupJoinRequests(context: ServiceContext, session: string, groupId: string, itemIndex?: number): Promise<JoinRequest[]> {
	return (await serviceRequest<{ data: JoinRequest[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${groupPath(session, groupId)}/requests`, itemIndex })).data;
}

/** Approves or rejects the given requesters, or every pending one when none is given; one result per requester. */
export async function answerWebGroupJoinRequests(context: ServiceContext, session: string, groupId: string, action: 'approve' | 'reject', requesters: string[] | undefined, itemIndex?: number): Promise<IDataObject[]> {
	return (await serviceRequest<{ data: IDataObject[] }>(context, 'whatsAppTenantApi', { method: 'POST', path: `${groupPath(session, groupId)}/requests`, body: { action, ...(requesters ? { requesters } : {}) }, itemIndex })).data;
}

export async function setWebGroupPicture(context: ServiceContext, session: string, groupId: string, picture: { base64: string; mimeType: string }, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'PUT', path: `${groupPath(session, groupId)}/picture`, body: picture, itemIndex });
}

export async function removeWebGroupPicture(context: ServiceContext, session: string, groupId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'DELETE', path: `${groupPath(session, groupId)}/picture`, itemIndex });
}
