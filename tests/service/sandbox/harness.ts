import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { type ConfigPatch, manualClock, Simulator, sandboxPlugin, type SimulatorClock } from '../../../service/src/sandbox';

/** Shared fixtures for the simulator tests: one provisioned business, a Fastify app to inject into, a webhook receiver. */
export const IDS = {
	appId: '1234567890',
	appSecret: 'test-app-secret',
	wabaId: '102290129340398',
	phoneNumberId: '106540352242922',
	displayPhoneNumber: '+1 555-078-3881',
	token: 'EAAtesttoken0001',
	user: '16505551234',
	otherWabaId: '102290129340399',
	otherPhoneNumberId: '106540352242923',
	otherToken: 'EAAtesttoken0002',
} as const;

/** Status webhooks and retries fast enough for tests. */
export const FAST_CONFIG: ConfigPatch = {
	statusWebhooks: { sentDelayMs: 0, deliveredDelayMs: 5, readDelayMs: 10 },
	webhookDelivery: { retryDelaysMs: [10, 20], timeoutMs: 2000 },
};

export interface Sandbox {
	app: FastifyInstance;
	sim: Simulator;
	clock: SimulatorClock;
	inject(method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH', url: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
	send(body: unknown, options?: { token?: string | null; phoneNumberId?: string; version?: string }): Promise<LightMyRequestResponse>;
	control(method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<LightMyRequestResponse>;
	close(): Promise<void>;
}

export async function createSandbox(options: { config?: ConfigPatch; random?: () => number; prefix?: string } = {}): Promise<Sandbox> {
	const clock = manualClock();
	const sim = new Simulator({ clock, random: options.random, config: { ...FAST_CONFIG, ...options.config } });
	sim.provision({
		apps: [{ appId: IDS.appId, appSecret: IDS.appSecret }],
		wabas: [{ wabaId: IDS.wabaId, appId: IDS.appId }, { wabaId: IDS.otherWabaId, appId: IDS.appId }],
		phoneNumbers: [
			{ phoneNumberId: IDS.phoneNumberId, wabaId: IDS.wabaId, appId: IDS.appId, displayPhoneNumber: IDS.displayPhoneNumber, verifiedName: 'Test Shop', accessToken: IDS.token },
			{ phoneNumberId: IDS.otherPhoneNumberId, wabaId: IDS.otherWabaId, appId: IDS.appId, displayPhoneNumber: '+1 555-000-0002', verifiedName: 'Other Shop', accessToken: IDS.otherToken },
		],
	});
	const app = Fastify();
	const prefix = options.prefix ?? '';
	await app.register(sandboxPlugin, { simulator: sim, exposeControl: true, prefix });
	await app.ready();

	const inject: Sandbox['inject'] = (method, url, { body, token = IDS.token, headers = {} } = {}) =>
		app.inject({
			method,
			url: `${prefix}${url}`,
			headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
			...(body !== undefined ? { payload: body as object } : {}),
		});
	return {
		app,
		sim,
		clock,
		inject,
		send: (body, { token, phoneNumberId = IDS.phoneNumberId, version = 'v23.0' } = {}) =>
			inject('POST', `/graph/${version}/${phoneNumberId}/messages`, { body, token }),
		control: (method, path, body) => inject(method, `/control${path}`, { body, token: null }),
		close: async () => {
			await app.close();
		},
	};
}

export function textMessage(to: string = IDS.user, body = 'Hello'): Record<string, unknown> {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body } };
}

/** Makes the user write first, so free-form messages are inside the 24 h window. */
export async function openWindow(sandbox: Sandbox, from: string = IDS.user): Promise<void> {
	const response = await sandbox.control('POST', '/inbound', { phoneNumberId: IDS.phoneNumberId, from, type: 'text', text: { body: 'hi' } });
	expect(response.statusCode).toBe(201);
}

export interface GraphErrorJson {
	error: { message: string; type: string; code: number; error_subcode?: number; error_data?: { messaging_product: string; details: string }; fbtrace_id: string };
}

/** Asserts Meta's error shape and returns it for further checks. */
export function expectGraphError(response: LightMyRequestResponse, code: number, httpStatus: number): GraphErrorJson['error'] {
	if (response.statusCode !== httpStatus) throw new Error(`expected HTTP ${httpStatus}, got ${response.statusCode}: ${response.body}`);
	const body = response.json() as GraphErrorJson;
	expect(body.error.code).toBe(code);
	expect(typeof body.error.message).toBe('string');
	expect(typeof body.error.type).toBe('string');
	expect(typeof body.error.fbtrace_id).toBe('string');
	return body.error;
}

export interface ReceivedWebhook {
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	body: { object: string; entry: Array<{ id: string; time?: number; changes: Array<{ field: string; value: Record<string, unknown> }> }> };
	signatureValid: boolean;
}

export interface WebhookReceiver {
	url: string;
	received: ReceivedWebhook[];
	/** Status codes to answer, in order; after the list runs out, 200. */
	respondWith: number[];
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
	close(): Promise<void>;
}

/** A real HTTP endpoint that checks `X-Hub-Signature-256` on its own, independently of the simulator's signer. */
export async function startReceiver(appSecret: string = IDS.appSecret): Promise<WebhookReceiver> {
	const received: ReceivedWebhook[] = [];
	const waiters: Array<() => void> = [];
	const receiver: WebhookReceiver = {
		url: '',
		received,
		respondWith: [],
		waitFor: (count, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				const check = (): void => {
					if (received.length < count) {
						waiters.push(check);
						return;
					}
					clearTimeout(timer);
					resolve(received);
				};
				const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} webhooks arrived`)), timeoutMs);
				check();
			}),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const raw = Buffer.concat(chunks);
			const expected = Buffer.from(`sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`);
			const given = Buffer.from(String(request.headers['x-hub-signature-256'] ?? ''));
			const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
			const status = receiver.respondWith.shift() ?? 200;
			response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'EVENT_RECEIVED' : 'no');
			if (status === 200) {
				received.push({ headers: request.headers, raw, body: JSON.parse(raw.toString('utf8')), signatureValid });
				for (const waiter of waiters.splice(0)) waiter();
			}
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	return receiver;
}

/** The `statuses[]` of received status webhooks, flattened. */
export function statusesOf(webhooks: ReceivedWebhook[]): Array<Record<string, unknown>> {
	return webhooks.flatMap((webhook) =>
		webhook.body.entry.flatMap((entry) => entry.changes.flatMap((change) => (change.value.statuses as Array<Record<string, unknown>> | undefined) ?? [])),
	);
}
