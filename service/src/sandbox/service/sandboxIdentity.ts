/**
 * The sandbox tenant's Meta identity inside the simulator. Fixed ids keep sandbox.json, n8n credentials and
 * scripts valid across restarts; secrets are generated once and kept (encrypted) in the service's database.
 */
export const SANDBOX_TENANT = { name: 'Sandbox', slug: 'sandbox' } as const;

export const SANDBOX_META = {
	appId: '900000000000001',
	wabaId: '900000000000002',
	phoneNumberId: '900000000000003',
	displayPhoneNumber: '+1 555-000-0100',
	verifiedName: 'Sandbox Business',
	/** A user of the simulated WhatsApp, to write to (inject a message from them first: the 24 h window applies). */
	testUser: '15550001234',
} as const;

/** Where the sandbox tenant's id is remembered (system_settings). */
export const SANDBOX_TENANT_SETTING = 'sandbox.tenant_id';

export const SANDBOX_PREFIX = '/sandbox';
