import type { GraphClient, GraphTarget } from './graphClient';
import type { GraphPage } from './templatesApi';

export interface GraphQrCode {
	code: string;
	prefilled_message: string;
	deep_link_url: string;
	qr_image_url?: string;
}

export type QrImageFormat = 'SVG' | 'PNG';

const qrPath = (phoneNumberId: string, code?: string) => `${encodeURIComponent(phoneNumberId)}/message_qrdls${code ? `/${encodeURIComponent(code)}` : ''}`;
/** A number holds a few thousand codes at most; this bounds a misbehaving pager. */
const MAX_PAGES = 100;

export async function listQrCodes(graph: GraphClient, target: GraphTarget, phoneNumberId: string, image?: QrImageFormat): Promise<GraphQrCode[]> {
	const codes: GraphQrCode[] = [];
	let after: string | undefined;
	const fields = `code,prefilled_message,deep_link_url${image ? `,qr_image_url.format(${image})` : ''}`;
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await graph.request<GraphPage<GraphQrCode>>(target, { method: 'GET', path: qrPath(phoneNumberId), params: { fields, limit: 100, after } });
		codes.push(...(response.data ?? []));
		after = response.paging?.next ? response.paging.cursors?.after : undefined;
		if (!after) break;
	}
	return codes;
}

/** Creates a code, or changes the message of `code`. */
export function saveQrCode(graph: GraphClient, target: GraphTarget, phoneNumberId: string, input: { message: string; code?: string; image?: QrImageFormat }): Promise<GraphQrCode> {
	return graph.request<GraphQrCode>(target, { method: 'POST', path: qrPath(phoneNumberId), data: { prefilled_message: input.message, ...(input.code ? { code: input.code } : {}), ...(input.image ? { generate_qr_image: input.image } : {}) } });
}

export async function deleteQrCode(graph: GraphClient, target: GraphTarget, phoneNumberId: string, code: string): Promise<void> {
	await graph.request(target, { method: 'DELETE', path: qrPath(phoneNumberId, code) });
}
