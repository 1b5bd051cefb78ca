import type { Generated } from 'kysely';
import type { LimitTables } from '../channels/cloud/limits/tables';
import type { WebhookTables } from '../channels/cloud/webhook/tables';
import type { WebTables } from '../channels/web/storage/tables';
import type { EventTables } from '../events/tables';

/**
 * The one schema both dialects share. Conventions that keep SQLite and MySQL identical:
 * ids are prefixed random strings (varchar), timestamps are UTC ISO-8601 strings (sortable as text),
 * booleans are 0/1 integers, JSON is stored as text and parsed by the repository that owns it.
 */
export type IsoTimestamp = string;
export type Flag = 0 | 1;

export interface TenantsTable {
	id: string;
	name: string;
	slug: string;
	status: 'active' | 'suspended';
	default_mode: 'cloud' | 'web' | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export type UserRole = 'platform_admin' | 'tenant_admin' | 'member';

export interface UsersTable {
	id: string;
	/** Null only for platform admins, who belong to no tenant. */
	tenant_id: string | null;
	email: string;
	name: string | null;
	password_hash: string;
	role: UserRole;
	disabled_at: IsoTimestamp | null;
	last_login_at: IsoTimestamp | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export interface ApiKeysTable {
	id: string;
	/** Null for platform keys (the Service Admin credential). */
	tenant_id: string | null;
	name: string;
	/** Shown in listings so a key can be recognised without revealing it. */
	prefix: string;
	/** SHA-256 of the whole key; keys are 256-bit random so a slow hash adds nothing. */
	key_hash: string;
	/** Comma-separated: read,send,admin (platform keys: platform). */
	scopes: string;
	created_by: string | null;
	created_at: IsoTimestamp;
	last_used_at: IsoTimestamp | null;
	expires_at: IsoTimestamp | null;
	revoked_at: IsoTimestamp | null;
}

export interface SystemSettingsTable {
	key: string;
	value: string;
	updated_at: IsoTimestamp;
}

export interface MetaAppsTable {
	id: string;
	tenant_id: string;
	/** Meta's app id; several tenants may register the same app (a platform app shared by tenants). */
	app_id: string;
	name: string | null;
	app_secret_enc: string;
	verify_token_enc: string;
	graph_api_version: string | null;
	graph_base_url: string | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export interface CloudNumbersTable {
	id: string;
	tenant_id: string;
	meta_app_id: string;
	phone_number_id: string;
	waba_id: string;
	display_phone_number: string | null;
	verified_name: string | null;
	access_token_enc: string;
	throughput_per_second: number;
	is_default: Flag;
	last_test_at: IsoTimestamp | null;
	last_test_ok: Flag | null;
	last_test_error: string | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export type Channel = 'cloud' | 'web';
export type Direction = 'inbound' | 'outbound';

export interface ContactsTable {
	id: string;
	tenant_id: string;
	channel: Channel;
	/** wa_id for Cloud, chat id (…@c.us) for Web. */
	address: string;
	name: string | null;
	profile_json: string | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export interface ConversationsTable {
	id: string;
	tenant_id: string;
	channel: Channel;
	/** Our side: phone_number_id for Cloud, session name for Web. */
	sender: string;
	/** Their side: wa_id for Cloud, chat id for Web. */
	peer: string;
	contact_id: string | null;
	last_message_at: IsoTimestamp | null;
	last_inbound_at: IsoTimestamp | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export interface MessagesTable {
	id: string;
	tenant_id: string;
	conversation_id: string;
	channel: Channel;
	direction: Direction;
	/** wamid for Cloud, serialized id for Web; unique per tenant and channel once known. */
	provider_id: string | null;
	type: string;
	body_json: string;
	raw_json: string | null;
	status: string;
	status_at: IsoTimestamp | null;
	error_json: string | null;
	occurred_at: IsoTimestamp;
	/** Client-supplied Idempotency-Key of the send request: a retried request returns the first result. */
	idempotency_key: string | null;
	created_at: IsoTimestamp;
	updated_at: IsoTimestamp;
}

export interface MessageStatusesTable {
	id: Generated<number>;
	tenant_id: string;
	channel: Channel;
	provider_id: string;
	status: string;
	occurred_at: IsoTimestamp;
	payload_json: string;
	created_at: IsoTimestamp;
	/** The id of the event this status emitted (added by 0003_events); tells a batch which rows it inserted. */
	record_id: string | null;
}

export interface CoreTables {
	tenants: TenantsTable;
	users: UsersTable;
	api_keys: ApiKeysTable;
	system_settings: SystemSettingsTable;
	meta_apps: MetaAppsTable;
	cloud_numbers: CloudNumbersTable;
	contacts: ContactsTable;
	conversations: ConversationsTable;
	messages: MessagesTable;
	message_statuses: MessageStatusesTable;
}

/**
 * The whole database. Each concern that owns tables declares them in its own folder and adds them here,
 * so this type stays the single view the query builder checks against.
 */
export type Database = CoreTables & EventTables & WebhookTables & WebTables & LimitTables;
