import type { GraphClient, GraphTarget } from './graphClient';

/** Meta's answer to an accepted send (contract A.1): accepted, not yet delivered. */
export interface GraphSendResponse {
	messaging_product: 'whatsapp';
	contacts?: Array<{ input?: string; wa_id?: string }>;
	messages?: Array<{ id: string; message_status?: string; group_id?: string }>;
}

export function sendMessage(graph: GraphClient, target: GraphTarget, phoneNumberId: string, body: Record<string, unknown>): Promise<GraphSendResponse> {
	return graph.request<GraphSendResponse>(target, { method: 'POST', path: `${phoneNumberId}/messages`, data: body });
}

/** Marks a received message (and the ones before it) read; with `typing`, shows "typing…" until we reply or 25 s pass. */
export async function markRead(graph: GraphClient, target: GraphTarget, phoneNumberId: string, messageId: string, typing: boolean): Promise<void> {
	await graph.request(target, {
		method: 'POST',
		path: `${phoneNumberId}/messages`,
		data: { messaging_product: 'whatsapp', status: 'read', message_id: messageId, ...(typing ? { typing_indicator: { type: 'text' } } : {}) },
	});
}
