import type { IsoTimestamp } from '../../../storage/schema';

/**
 * Webhook changes no tenant could take (unknown phone number, or the owner's app secret did not sign them).
 * Kept for the platform admin to inspect and replay once the number is registered.
 */
export interface UnroutedWebhooksTable {
	id: string;
	app_id: string;
	waba_id: string;
	phone_number_id: string | null;
	field: string;
	reason: string;
	/** JSON: { entry: { id, time }, change } exactly as Meta sent them. */
	payload: string;
	/** JSON array of tenant ids whose registration of the app verified the signature at receipt. */
	signed_by_json: string;
	received_at: IsoTimestamp;
	replayed_at: IsoTimestamp | null;
	replayed_to_tenant_id: string | null;
}

export interface WebhookTables {
	unrouted_webhooks: UnroutedWebhooksTable;
}
