import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';
import { sessionPath } from './webSessions';

export interface WebChat extends IDataObject {
	id: string;
	name: string;
	isGroup: boolean;
	unreadCount: number;
	lastMessageAt: string | null;
}

export type TypingState = 'typing' | 'recording' | 'paused';

const chatPath = (session: string, chatId: string) => `${sessionPath(session)}/chats/${encodeURIComponent(chatId)}`;
const messagePath = (session: string, messageId: string) => `${sessionPath(session)}/messages/${encodeURIComponent(messageId)}`;

/** Chats of a WORKING session, most recent first (the service caps a page at 500). */
export async function listWebChats(context: ServiceContext, session: string, limit: number, itemIndex?: number): Promise<WebChat[]> {
	const answer = await serviceRequest<{ data: WebChat[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${sessionPath(session)}/chats`, qs: { limit }, itemIndex });
	return answer.data;
}

/** Archives, pins, mutes or marks a chat unread (and undoes each); answers the chat as it is now. */
export async function updateWebChat(context: ServiceContext, session: string, chatId: string, changes: IDataObject, itemIndex?: number): Promise<WebChat> {
	return serviceRequest<WebChat>(context, 'whatsAppTenantApi', { method: 'PATCH', path: chatPath(session, chatId), body: changes, itemIndex });
}

/** A chat's newest messages, oldest first, in the shape of message.received events. */
export async function listWebChatMessages(context: ServiceContext, session: string, chatId: string, limit: number, itemIndex?: number): Promise<IDataObject[]> {
	const answer = await serviceRequest<{ data: IDataObject[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${chatPath(session, chatId)}/messages`, qs: { limit }, itemIndex });
	return answer.data;
}

export async function markWebChatSeen(context: ServiceContext, session: string, chatId: string, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${chatPath(session, chatId)}/seen`, itemIndex });
}

export async function setWebChatTyping(context: ServiceContext, session: string, chatId: string, state: TypingState, itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${chatPath(session, chatId)}/typing`, body: { state }, itemIndex });
}

/** A person as WhatsApp shows them to the session: names, business flag, blocked, About, picture. */
export async function getWebContact(context: ServiceContext, session: string, contactId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'GET', path: `${sessionPath(session)}/contacts/${encodeURIComponent(contactId)}`, itemIndex });
}

/** Whether a number has WhatsApp, and the chat id to write to it. */
export async function checkWebNumber(context: ServiceContext, session: string, digits: string, itemIndex?: number): Promise<{ number: string; exists: boolean; chatId: string | null }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'GET', path: `${sessionPath(session)}/contacts/${encodeURIComponent(digits)}/check`, itemIndex });
}

export interface DownloadedWebMedia {
	content: Buffer;
	mimeType: string;
	filename?: string;
}

/** The bytes of a message's media (Web media ids are message ids). */
export async function downloadWebMedia(context: ServiceContext, session: string, messageId: string, itemIndex?: number): Promise<DownloadedWebMedia> {
	const response = await serviceRequest<{ body: Buffer | ArrayBuffer; headers: Record<string, unknown> }>(context, 'whatsAppTenantApi', {
		method: 'GET',
		path: `${messagePath(session, messageId)}/media`,
		binary: true,
		itemIndex,
	});
	const content = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
	const mimeType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const filename = /filename="?([^";]+)"?/i.exec(String(response.headers['content-disposition'] ?? ''))?.[1];
	return { content, mimeType, ...(filename ? { filename } : {}) };
}

/** Changes the text or caption of a message the session sent; answers the edited message. */
export async function editWebMessage(context: ServiceContext, session: string, messageId: string, text: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'PATCH', path: messagePath(session, messageId), body: { text }, itemIndex });
}

/** Declines a call while it rings (404 once it stopped ringing). */
export async function rejectWebCall(context: ServiceContext, session: string, callId: string, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'POST', path: `${sessionPath(session)}/calls/${encodeURIComponent(callId)}/reject`, itemIndex });
}

export type PinDuration = '24h' | '7d' | '30d';

/** Pins a message in its chat for a while, or unpins it; answers {success, messageId, pinned, expiresAt?}. */
export async function pinWebMessage(context: ServiceContext, session: string, messageId: string, pin: { pinned: true; duration: PinDuration } | { pinned: false }, itemIndex?: number): Promise<IDataObject> {
	const path = `${messagePath(session, messageId)}/pin`;
	return pin.pinned ? serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'POST', path, body: { duration: pin.duration }, itemIndex }) : serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'DELETE', path, itemIndex });
}

/** A chat's pinned messages, oldest pin first, in the shape of message.received events. */
export async function listWebPinnedMessages(context: ServiceContext, session: string, chatId: string, itemIndex?: number): Promise<IDataObject[]> {
	const answer = await serviceRequest<{ data: IDataObject[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${chatPath(session, chatId)}/pinned`, itemIndex });
	return answer.data;
}

/** Stars or unstars a message; answers the message. */
export async function starWebMessage(context: ServiceContext, session: string, messageId: string, starred: boolean, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'POST', path: `${messagePath(session, messageId)}/star`, body: { starred }, itemIndex });
}

/** Deletes a message for everyone (one the session sent) or only from the session's device. */
export async function deleteWebMessage(context: ServiceContext, session: string, messageId: string, forEveryone: boolean, itemIndex?: number): Promise<{ success: true; messageId: string; forEveryone: boolean }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'DELETE', path: messagePath(session, messageId), qs: { forEveryone }, itemIndex });
}

/** Forwards a message to a chat (a phone number or chat id); answers the chat it went to. */
export async function forwardWebMessage(context: ServiceContext, session: string, messageId: string, to: string, itemIndex?: number): Promise<{ success: true; messageId: string; to: string }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${messagePath(session, messageId)}/forward`, body: { to }, itemIndex });
}

export interface WebLabel extends IDataObject {
	id: string;
	name: string;
	color: string | null;
}

/** The account's WhatsApp Business app labels. */
export async function listWebLabels(context: ServiceContext, session: string, itemIndex?: number): Promise<WebLabel[]> {
	return (await serviceRequest<{ data: WebLabel[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${sessionPath(session)}/labels`, itemIndex })).data;
}

export async function getWebChatLabels(context: ServiceContext, session: string, chatId: string, itemIndex?: number): Promise<WebLabel[]> {
	return (await serviceRequest<{ data: WebLabel[] }>(context, 'whatsAppTenantApi', { method: 'GET', path: `${chatPath(session, chatId)}/labels`, itemIndex })).data;
}

/** Gives the chat exactly these labels; answers them. */
export async function setWebChatLabels(context: ServiceContext, session: string, chatId: string, labelIds: string[], itemIndex?: number): Promise<WebLabel[]> {
	return (await serviceRequest<{ data: WebLabel[] }>(context, 'whatsAppTenantApi', { method: 'PUT', path: `${chatPath(session, chatId)}/labels`, body: { labelIds }, itemIndex })).data;
}

/** Shows the account online (available) or offline to everyone. */
export async function setWebPresence(context: ServiceContext, session: string, state: 'available' | 'unavailable', itemIndex?: number): Promise<void> {
	await serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `${sessionPath(session)}/presence`, body: { state }, itemIndex });
}

/** Changes the session account's name, About or picture; answers the account. */
export async function updateWebProfile(context: ServiceContext, session: string, changes: IDataObject, itemIndex?: number): Promise<IDataObject> {
	return serviceRequest<IDataObject>(context, 'whatsAppTenantApi', { method: 'PATCH', path: `${sessionPath(session)}/me`, body: changes, itemIndex });
}
