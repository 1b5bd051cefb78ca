import type { IDataObject } from 'n8n-workflow';
import { serviceRequest, type ServiceContext } from '../request';

export type BlocklistChannel = 'cloud' | 'web';

/** One person's result: WhatsApp answers each on their own (Cloud blocks only people who wrote in the last 24 hours). */
export interface BlockOutcome extends IDataObject {
	input: string;
	user: string | null;
	ok: boolean;
}

/** Blocks or unblocks people on one account (a Cloud number or a Web session; the default one when `from` is absent). */
export async function changeBlocklist(context: ServiceContext, change: 'block' | 'unblock', request: { channel: BlocklistChannel; from?: string; users: string[] }, itemIndex?: number): Promise<{ account: IDataObject; data: BlockOutcome[] }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'POST', path: `/v1/contacts/${change}`, body: { ...request }, itemIndex });
}

/** Everyone the account has blocked (Cloud wa_ids, Web user ids). */
export async function listBlocked(context: ServiceContext, request: { channel: BlocklistChannel; from?: string }, itemIndex?: number): Promise<{ account: IDataObject; data: string[] }> {
	return serviceRequest(context, 'whatsAppTenantApi', { method: 'GET', path: '/v1/contacts/blocked', qs: { ...request }, itemIndex });
}
