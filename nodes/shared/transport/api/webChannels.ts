import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';
import { sessionPath } from './webSessions';

export interface WebChannel extends IDataObject {
	id: string;
	name: string;
	description: string;
	role: 'owner' | 'admin' | 'subscriber' | 'guest';
	inviteLink: string | null;
	subscribers: number | null;
	verified: boolean;
}

const channelsPath = (session: string) => `${sessionPath(session)}/channels`;
const channelPath = (session: string, channelId: string) => `${channelsPath(session)}/${encodeURIComponent(channelId)}`;

/** The channels the session's account owns, administers or follows. */
export async function listWebChannels(context: ServiceContext, session: string, itemIndex?: number): Promise<WebChannel[]> {
	return (await serviceRequest<{ data: WebChannel[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: channelsPath(session), itemIndex })).data;
}

export async function getWebChannel(context: ServiceContext, session: string, channelId: string, itemIndex?: number): Promise<WebChannel> {
	return serviceRequest<WebChannel>(context, 'whatsAppTenantApi', { method: 'GET', path: channelPath(session, channelId), itemIndex });
}

/** A channel by its invite link or code, followed or not. */
export async function findWebChannel(context: ServiceContext, session: string, invite: string, itemIndex?: number): Promise<WebChannel> {
	return serviceRequest<WebChannel>(context, 'whatsAppTenantApi', { method: 'GET', path: `${channelsPath(session)}/lookup`, qs: { invite }, itemIndex });
}

export async function createWebChannel(context: ServiceContext, session: string, channel: { name: string; description?: string }, itemIndex?: number): Promise<WebChannel> {
	return serviceRequest<WebChannel>(context, 'whatsAppTenantApi', { method: 'POST', path: channelsPath(session), body: channel, itemIndex });
}

export async function followWebChannel(context: ServiceContext, session: string, channelId: string, following: boolean, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: following ? 'POST' : 'DELETE', path: `${channelPath(session, channelId)}/follow`, itemIndex });
}

export async function deleteWebChannel(context: ServiceContext, session: string, channelId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'DELETE', path: channelPath(session, channelId), itemIndex });
}

export interface WebChannelSearch extends IDataObject {
	q?: string;
	/** ISO 3166-1 alpha-2 codes, comma separated. */
	countries?: string;
	view?: 'recommended' | 'trending' | 'popular' | 'new';
	limit?: number;
	skipFollowed?: boolean;
}

/** Public channels in WhatsApp's directory, followed or not. */
export async function searchWebChannels(context: ServiceContext, session: string, search: WebChannelSearch, itemIndex?: number): Promise<WebChannel[]> {
	return (await serviceRequest<{ data: WebChannel[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${channelsPath(session)}/search`, qs: search, itemIndex })).data;
}

/** Asks a person (user id) to become an admin of a channel the session owns. */
export async function inviteWebChannelAdmin(context: ServiceContext, session: string, channelId: string, invite: { user: string; comment?: string }, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'POST', path: `${channelPath(session, channelId)}/admins/invites`, body: invite, itemIndex });
}

export async function revokeWebChannelAdminInvite(context: ServiceContext, session: string, channelId: string, userId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'DELETE', path: `${channelPath(session, channelId)}/admins/invites/${encodeURIComponent(userId)}`, itemIndex });
}

/** Accepts the admin invite the session's account received for the channel. */
export async function acceptWebChannelAdminInvite(context: ServiceContext, session: string, channelId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'POST', path: `${channelPath(session, channelId)}/admins/invites/accept`, itemIndex });
}

export async function demoteWebChannelAdmin(context: ServiceContext, session: string, channelId: string, userId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'DELETE', path: `${channelPath(session, channelId)}/admins/${encodeURIComponent(userId)}`, itemIndex });
}

/** Hands the channel to one of its admins. */
export async function transferWebChannel(context: ServiceContext, session: string, channelId: string, transfer: { user: string; dismissSelfAsAdmin: boolean }, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'PUT', path: `${channelPath(session, channelId)}/owner`, body: transfer, itemIndex });
}
