import fs from 'node:fs';
import path from 'node:path';
import { cloudComposer } from '../../../service/src/channels/cloud/cloudComposer';
import { metaWebhookComposer } from '../../../service/src/channels/cloud/webhook/composer';
import { webComposer } from '../../../service/src/channels/web/webComposer';
import { eventsComposer } from '../../../service/src/events/composer';
import { replyWaitsComposer } from '../../../service/src/events/replyWaits/composer';
import { historyComposer } from '../../../service/src/messages/composer';
import { sendComposer } from '../../../service/src/messages/sendRoutes';
import { SandboxMount } from '../../../service/src/sandbox/service/sandboxComposer';
import type { SandboxInfo } from '../../../service/src/sandbox/service/sandboxProvisioner';
import type { TestDialect } from '../databases';
import { startTestService, type TestService } from '../testService';
import { N8nHarness } from './harness';

/**
 * The real product end to end, offline: the companion service with its events, reply waits, Meta webhook, Cloud
 * channel and the Cloud API simulator mounted in sandbox mode (a ready tenant and phone number), listening on a
 * port; and an n8n harness whose credential points at it with the sandbox tenant's key.
 */
export interface SandboxWorld {
	service: TestService;
	sandbox: SandboxInfo;
	n8n: N8nHarness;
	/** A simulated WhatsApp user writes to the sandbox number (Meta's webhook reaches the service). */
	userWrites(message: Record<string, unknown>, from?: string): Promise<{ wamid: string }>;
	/** What the simulated Meta received from the service, newest last. */
	sentToMeta(filter?: { type?: string; to?: string }): Promise<Array<Record<string, unknown>>>;
	/** Any call to the service as the sandbox tenant. */
	tenantCall(method: string, route: string, body?: unknown): Promise<Response>;
	close(): Promise<void>;
}

/** `web`: also the WhatsApp Web channel, on the fake driver with its sandbox control routes (/sandbox/web). */
export async function startSandboxWorld(dialect: TestDialect = 'sqlite', options: { env?: Record<string, string>; web?: boolean } = {}): Promise<SandboxWorld> {
	const mount = new SandboxMount();
	const web = options.web ? [webComposer()] : [];
	const webEnv: Record<string, string> = options.web ? { WEB_DRIVER: 'fake', WEB_RESUME_STAGGER_MS: '0', WEB_RESTART_BASE_MS: '40', WEB_RESTART_MAX_MS: '200' } : {};
	const service = await startTestService(dialect, {
		composers: [eventsComposer, replyWaitsComposer({ sweepIntervalMs: 200 }), historyComposer, metaWebhookComposer, mount.composer(), cloudComposer({ sandbox: mount }), ...web, sendComposer],
		env: { SANDBOX_MODE: 'true', EVENT_POLL_INTERVAL_MS: '50', EVENT_RETRY_BASE_MS: '100', EVENT_RETRY_MAX_MS: '500', LOG_LEVEL: 'info', ...webEnv, ...options.env },
		listen: true,
	});
	const sandbox = JSON.parse(fs.readFileSync(path.join(service.config.dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
	const n8n = await N8nHarness.start({ credentials: { whatsAppTenantApi: { serviceUrl: service.url, apiKey: sandbox.apiKey } } });
	const platform = { authorization: `Bearer ${await service.platformKey()}` };
	const control = async (method: string, route: string, body?: unknown) => {
		const response = await fetch(`${service.url}/sandbox/control${route}`, { method, headers: { ...platform, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
		if (!response.ok) throw new Error(`sandbox control ${method} ${route}: ${response.status} ${await response.text()}`);
		return (await response.json()) as Record<string, unknown>;
	};
	return {
		service,
		sandbox,
		n8n,
		async userWrites(message, from = sandbox.testUser) {
			const result = await control('POST', '/inbound', { phoneNumberId: sandbox.phoneNumberId, from, wait: true, ...message });
			return { wamid: result.wamid as string };
		},
		async sentToMeta(filter = {}) {
			const query = new URLSearchParams({ phoneNumberId: sandbox.phoneNumberId, ...(filter.type ? { type: filter.type } : {}), ...(filter.to ? { to: filter.to } : {}) });
			return ((await control('GET', `/messages?${query.toString()}`)).data as Array<Record<string, unknown>>) ?? [];
		},
		tenantCall(method, route, body) {
			return fetch(`${service.url}${route}`, { method, headers: { authorization: `Bearer ${sandbox.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
		},
		async close() {
			await n8n.close();
			await service.stop();
		},
	};
}
