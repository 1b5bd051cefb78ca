import type { GraphClient, GraphTarget } from './graphClient';

/** A number's WhatsApp Business profile, in Meta's field names. */
export interface GraphBusinessProfile {
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	profile_picture_url?: string;
	websites?: string[];
	vertical?: string;
}

const FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';

/**
 * The profile of a number. Meta's spec wraps each entry as `{business_profile: {...}}`; its guides show the fields
 * directly in the entry: both are read.
 */
export async function getBusinessProfile(graph: GraphClient, target: GraphTarget, phoneNumberId: string): Promise<GraphBusinessProfile> {
	const answer = await graph.request<{ data?: Array<GraphBusinessProfile & { business_profile?: GraphBusinessProfile }> }>(target, { method: 'GET', path: `${encodeURIComponent(phoneNumberId)}/whatsapp_business_profile`, params: { fields: FIELDS } });
	const [entry] = answer.data ?? [];
	return entry?.business_profile ?? entry ?? {};
}

/** Changes the given fields (a profile picture by a Resumable Upload handle). */
export async function updateBusinessProfile(graph: GraphClient, target: GraphTarget, phoneNumberId: string, changes: GraphBusinessProfile & { profile_picture_handle?: string }): Promise<void> {
	await graph.request(target, { method: 'POST', path: `${encodeURIComponent(phoneNumberId)}/whatsapp_business_profile`, data: { messaging_product: 'whatsapp', ...changes } });
}
