import { cloudComposer, type CloudComposerOptions } from '../../../../service/src/channels/cloud/cloudComposer';
import { blocklistComposer } from '../../../../service/src/contacts/blocklistRoutes';
import { sendComposer } from '../../../../service/src/messages/sendRoutes';
import { startSimulatorServer, type ConfigPatch, type SimulatorServer } from '../../../../service/src/sandbox';
import type { TestDialect } from '../../../support/databases';
import { bearer, createTenantFixture, startTestService, type TenantFixture, type TestService } from '../../../support/testService';

/** One Meta business in the simulator and a tenant of the service connected to it over real HTTP. */
export const META = {
	appId: '880001',
	appSecret: 'cloud-test-app-secret',
	wabaId: '770001',
	phoneNumberId: '660001',
	secondPhoneNumberId: '660002',
	displayPhoneNumber: '+1 555-010-0001',
	token: 'EAAcloudTestToken0001',
	user: '16505550101',
} as const;

/** Simulator timings short enough for tests; the pair limit stays on (the service must keep under it). */
export const FAST_SIMULATOR: ConfigPatch = {
	statusWebhooks: { enabled: false },
	enforceServiceWindow: false,
};

export interface CloudWorld {
	service: TestService;
	sim: SimulatorServer;
	tenant: TenantFixture;
	/** Headers of the tenant's admin key. */
	admin: Record<string, string>;
	sender: Record<string, string>;
	close(): Promise<void>;
}

export async function startCloudWorld(
	dialect: TestDialect,
	options: { simulator?: ConfigPatch; env?: Record<string, string>; cloud?: CloudComposerOptions; numbers?: number; throughputPerSecond?: number; connect?: boolean } = {},
): Promise<CloudWorld> {
	const sim = await startSimulatorServer({ config: { ...FAST_SIMULATOR, ...options.simulator } });
	const numbers = [META.phoneNumberId, META.secondPhoneNumberId].slice(0, options.numbers ?? 1);
	sim.simulator.provision({
		apps: [{ appId: META.appId, appSecret: META.appSecret }],
		phoneNumbers: numbers.map((phoneNumberId, index) => ({
			phoneNumberId,
			wabaId: META.wabaId,
			appId: META.appId,
			displayPhoneNumber: index === 0 ? META.displayPhoneNumber : `+1 555-010-000${index + 1}`,
			verifiedName: 'Cloud Test Shop',
			accessToken: META.token,
			throughputPerSecond: options.throughputPerSecond ?? 80,
		})),
	});
	const service = await startTestService(dialect, {
		composers: [sendComposer, cloudComposer(options.cloud), blocklistComposer],
		env: { GRAPH_API_BASE_URL: sim.graphUrl, GRAPH_API_VERSION: 'v23.0', CLOUD_RETRY_BASE_MS: '5', CLOUD_RETRY_MAX_MS: '40', GRAPH_TIMEOUT_MS: '2000', ...options.env },
	});
	const tenant = await createTenantFixture(service, 'Cloud Tenant');
	const admin = bearer(tenant.adminKey);
	if (options.connect !== false) {
		const connected = await service.app.inject({
			method: 'PUT',
			url: '/v1/cloud/connection',
			headers: admin,
			payload: { appId: META.appId, appSecret: META.appSecret, wabaId: META.wabaId, accessToken: META.token, ...(options.throughputPerSecond ? { throughputPerSecond: options.throughputPerSecond } : {}) },
		});
		if (connected.statusCode !== 200) throw new Error(`connection failed: ${connected.body}`);
	}
	return {
		service,
		sim,
		tenant,
		admin,
		sender: bearer(tenant.senderKey),
		async close() {
			await service.stop();
			await sim.close();
		},
	};
}

/** POST /v1/messages as the tenant's sender key. */
export function send(world: CloudWorld, body: Record<string, unknown>, headers: Record<string, string> = {}) {
	return world.service.app.inject({ method: 'POST', url: '/v1/messages', headers: { ...world.sender, ...headers }, payload: { channel: 'cloud', to: META.user, ...body } });
}

/** A multipart/form-data body as a browser or n8n would send it: text fields, then one file. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; filename: string; contentType: string; data: Buffer }): { payload: Buffer; headers: Record<string, string> } {
	const boundary = `----cloudtest${Math.random().toString(16).slice(2)}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	if (file) {
		parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\ncontent-type: ${file.contentType}\r\n\r\n`), file.data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Bytes with a real PNG signature, so Meta's content sniffing accepts them as image/png. */
export function pngBytes(size = 64): Buffer {
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(Math.max(0, size - 8), 7)]);
}
