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
