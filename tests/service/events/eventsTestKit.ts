import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { metaWebhookComposer } from '../../../service/src/channels/cloud/webhook/composer';
import { eventsComposer } from '../../../service/src/events/composer';
import { historyComposer } from '../../../service/src/messages/composer';
import type { TestDialect } from '../../support/databases';
import { bearer, createTenantFixture, startTestService, type TenantFixture, type TestService } from '../../support/testService';

/** The composers of this concern: events delivery, history routes and the Meta webhook. */
export const EVENT_COMPOSERS = [eventsComposer, historyComposer, metaWebhookComposer];

export function startEventsService(dialect: TestDialect, env: Record<string, string> = {}): Promise<TestService> {
	return startTestService(dialect, { composers: EVENT_COMPOSERS, env: { EVENT_POLL_INTERVAL_MS: '50', EVENT_RETRY_BASE_MS: '50', EVENT_RETRY_MAX_MS: '200', LOG_LEVEL: 'info', ...env } });
}

export function hubSignature(body: string | Buffer, secret: string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function registerApp(service: TestService, tenant: TenantFixture, appId: string, appSecret: string, verifyToken = `verify-${appId}-token`): Promise<void> {
	const response = await service.app.inject({ method: 'POST', url: '/v1/meta-apps', headers: bearer(tenant.adminKey), payload: { appId, appSecret, verifyToken } });
	if (response.statusCode !== 201) throw new Error(`meta app: ${response.body}`);
}

export async function registerNumber(service: TestService, tenant: TenantFixture, appId: string, phoneNumberId: string, wabaId: string): Promise<void> {
	const response = await service.app.inject({ method: 'POST', url: '/v1/cloud/numbers', headers: bearer(tenant.adminKey), payload: { phoneNumberId, wabaId, metaAppId: appId, accessToken: `token-for-${phoneNumberId}`, displayPhoneNumber: '15550001111' } });
	if (response.statusCode !== 201) throw new Error(`number: ${response.body}`);
}

export function postWebhook(service: TestService, appId: string, body: unknown, secret: string | undefined) {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	return service.app.inject({ method: 'POST', url: `/webhooks/meta/${appId}`, headers: { 'content-type': 'application/json', ...(secret ? { 'x-hub-signature-256': hubSignature(raw, secret) } : {}) }, payload: raw });
}

export async function subscribe(service: TestService, key: string, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
	const response = await service.app.inject({ method: 'POST', url: '/v1/subscriptions', headers: bearer(key), payload: body });
	if (response.statusCode !== 201) throw new Error(`subscription: ${response.body}`);
	return response.json();
}

let wamidCounter = 0;
export const newWamid = () => `wamid.TEST${Date.now().toString(36)}${(wamidCounter++).toString(36).padStart(6, '0')}`;

export function messagesChange(phoneNumberId: string, value: Record<string, unknown>) {
	return { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId }, ...value } };
}

export function webhook(wabaId: string, ...changes: unknown[]) {
	return { object: 'whatsapp_business_account', entry: [{ id: wabaId, changes }] };
}

export function textMessage(from: string, id: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
	return { from, id, timestamp: String(timestamp), type: 'text', text: { body } };
}

export function inboundText(phoneNumberId: string, wabaId: string, from: string, id: string, body: string) {
	return webhook(wabaId, messagesChange(phoneNumberId, { contacts: [{ profile: { name: `Name ${from}` }, wa_id: from }], messages: [textMessage(from, id, body)] }));
}

export function statusWebhook(phoneNumberId: string, wabaId: string, id: string, status: string, recipient: string, extra: Record<string, unknown> = {}) {
	return webhook(wabaId, messagesChange(phoneNumberId, { statuses: [{ id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: recipient, ...extra }] }));
}

export interface Delivery {
	headers: http.IncomingHttpHeaders;
	body: string;
	event: { id: string; type: string; tenantId: string; channel: string; data: Record<string, unknown>; raw?: unknown; occurredAt: string };
}

/** A subscriber: records what it receives; `status` decides what it answers (e.g. 503 while "down"). */
export class Sink {
	readonly received: Delivery[] = [];
	/** Requests that reached the sink, answered or not yet (see delayMs). */
	arrived = 0;
	status = 200;
	delayMs = 0;
	private server!: http.Server;
	url = '';

	async start(): Promise<this> {
		this.server = http.createServer((request, response) => {
			const parts: Buffer[] = [];
			request.on('data', (part: Buffer) => parts.push(part));
			request.on('end', () => {
				this.arrived++;
				const answer = () => {
					const body = Buffer.concat(parts).toString('utf8');
					if (this.status >= 200 && this.status < 300) this.received.push({ headers: request.headers, body, event: JSON.parse(body) });
					response.writeHead(this.status).end();
				};
				if (this.delayMs > 0) setTimeout(answer, this.delayMs);
				else answer();
			});
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
		return this;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	ofType(type: string): Delivery[] {
		return this.received.filter((d) => d.event.type === type);
	}
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await predicate())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export async function countRows(service: TestService, table: 'messages' | 'message_statuses' | 'events' | 'outbox' | 'unrouted_webhooks' | 'dead_letters' | 'conversations'): Promise<number> {
	const row = await service.ctx.storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** A service with one tenant owning `number` (of WABA `waba`) under the Meta app `app`, subscribed to `events` at a sink of its own. */
export async function subscribedTenantService(
	dialect: TestDialect,
	options: { env?: Record<string, string>; tenantName: string; app: string; secret: string; number: string; waba: string; events: string[] },
): Promise<{ service: TestService; tenant: TenantFixture; sink: Sink }> {
	const service = await startEventsService(dialect, options.env);
	const tenant = await createTenantFixture(service, options.tenantName);
	await registerApp(service, tenant, options.app, options.secret);
	await registerNumber(service, tenant, options.app, options.number, options.waba);
	const sink = await new Sink().start();
	await subscribe(service, tenant.senderKey, { targetUrl: sink.url, events: options.events });
	return { service, tenant, sink };
}
