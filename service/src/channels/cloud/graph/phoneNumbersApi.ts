import type { GraphClient, GraphTarget } from './graphClient';
import type { GraphPage } from './templatesApi';

export interface GraphPhoneNumber {
	id: string;
	display_phone_number?: string;
	verified_name?: string;
	quality_rating?: string;
	throughput?: { level?: string };
	code_verification_status?: string;
	platform_type?: string;
}

const PHONE_FIELDS = 'id,display_phone_number,verified_name,quality_rating,throughput,code_verification_status,platform_type';
/** A WABA has a handful of numbers; this bounds a misbehaving pager, not a real account. */
const MAX_PAGES = 50;

/** Every phone number of a WABA, all pages: also the cheapest proof that a token may act on that WABA. */
export async function listPhoneNumbers(graph: GraphClient, target: GraphTarget, wabaId: string): Promise<GraphPhoneNumber[]> {
	const numbers: GraphPhoneNumber[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await graph.request<GraphPage<GraphPhoneNumber>>(target, { method: 'GET', path: `${encodeURIComponent(wabaId)}/phone_numbers`, params: { fields: PHONE_FIELDS, limit: 100, after } });
		numbers.push(...(response.data ?? []));
		after = response.paging?.next ? response.paging.cursors?.after : undefined;
		if (!after) break;
	}
	return numbers;
}

/** One number's profile: the "test connection" call. */
export function getPhoneNumber(graph: GraphClient, target: GraphTarget, phoneNumberId: string): Promise<GraphPhoneNumber> {
	return graph.request<GraphPhoneNumber>(target, { method: 'GET', path: encodeURIComponent(phoneNumberId), params: { fields: 'id,display_phone_number,verified_name,quality_rating,throughput' } });
}
