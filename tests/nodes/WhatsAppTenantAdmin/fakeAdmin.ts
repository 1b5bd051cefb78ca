import type { IDataObject, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';
import { WhatsAppTenantAdmin } from '../../../nodes/WhatsAppTenantAdmin/WhatsAppTenantAdmin.node';
import { FakeService, N8nHarness, type NodeSpec, type WorkflowRun } from '../../support/n8n';

export const PLATFORM_KEY = 'wak_platform_test_key';
export const TENANT_ID = 'ten_01jabcdefghjkmnpqrstvwxyz0';
export const OTHER_TENANT_ID = 'ten_01jzyxwvtsrqpnmkjhgfedcba0';
export const META = { appId: '123456789012345', appSecret: 'app-secret-from-meta', wabaId: '223456789012345', accessToken: 'EAAG-meta-access-token', verifyToken: '', serviceUrl: 'http://ignored.invalid' };

/** A tenant as the service answers it. */
export function tenant(overrides: IDataObject = {}): IDataObject {
	return { id: TENANT_ID, name: 'Acme', slug: 'acme', status: 'active', defaultMode: null, createdAt: '2026-11-27T10:00:00.000Z', updatedAt: '2026-11-27T10:00:00.000Z', ...overrides };
}

export function apiKey(overrides: IDataObject = {}): IDataObject {
	return { id: 'key_01jaaaaaaaaaaaaaaaaaaaaaaa', tenantId: TENANT_ID, name: 'n8n', prefix: 'wak_ab12', scopes: ['read', 'send'], createdAt: '2026-11-27T10:00:00.000Z', lastUsedAt: null, expiresAt: null, revokedAt: null, ...overrides };
}

/** The resource locator value n8n stores for an id typed in "ID" mode. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** The Tenant Admin node against a fake service, with a platform key and a Meta credential. */
export class FakeAdminWorld {
	private constructor(
		readonly service: FakeService,
		readonly n8n: N8nHarness,
	) {}

	static async start(meta: IDataObject = META): Promise<FakeAdminWorld> {
		const service = await FakeService.start();
		const n8n = await N8nHarness.start({
			listen: false,
			credentials: { whatsAppServiceAdminApi: { serviceUrl: `${service.url}/`, apiKey: PLATFORM_KEY }, whatsAppBusinessCloudApi: meta as never },
		});
		return new FakeAdminWorld(service, n8n);
	}

	/** Runs the node once over `items` with these parameters. */
	run(parameters: INodeParameters, options: { items?: IDataObject[]; onError?: NodeSpec['onError'] } = {}): Promise<WorkflowRun> {
		return this.n8n.run([{ name: 'Admin', type: 'whatsAppTenantAdmin', parameters, credentials: ['whatsAppServiceAdminApi', 'whatsAppBusinessCloudApi'], ...(options.onError ? { onError: options.onError } : {}) }], { items: options.items });
	}

	/** A load-options context (list searches, dropdowns) for the node with these form values. */
	editing(parameters: INodeParameters): ILoadOptionsFunctions {
		return this.n8n.loadOptionsContext({ name: 'Admin', type: 'whatsAppTenantAdmin', parameters, credentials: ['whatsAppServiceAdminApi'] });
	}

	readonly node = new WhatsAppTenantAdmin();

	async close(): Promise<void> {
		await this.n8n.close();
		await this.service.close();
	}
}
