import { testDialects } from '../../../../support/databases';
import { createTenantFixture, type TestService } from '../../../../support/testService';
import { countRows, hubSignature, inboundText, postWebhook, registerApp, registerNumber, startEventsService, statusWebhook } from '../../../events/eventsTestKit';

/** A small seeded generator so a failure reproduces. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const SECRET = 'fuzz-app-secret';
const VALID = [inboundText('9300001', '8300001', '15550001', 'wamid.FUZZ-BASE', 'base'), statusWebhook('9300001', '8300001', 'wamid.FUZZ-S', 'read', '15550001')];
const WEIRD_VALUES: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(300), [], {}, [[]], { a: { b: {} } }, true, '🙂', '\u0000', 'wamid.' + 'Z'.repeat(400)];

/** Replaces one random node of a JSON value with a weird value. */
function mutate(value: unknown, random: () => number): unknown {
	if (value === null || typeof value !== 'object') return WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
	const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
	const keys = Object.keys(copy);
	if (keys.length === 0 || random() < 0.15) return WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
	const key = keys[Math.floor(random() * keys.length)] as string;
	copy[key] = mutate(copy[key], random);
	return copy;
}

function garbage(random: () => number): string {
	const text = JSON.stringify(VALID[Math.floor(random() * VALID.length)]);
	switch (Math.floor(random() * 5)) {
		case 0:
			return text.slice(0, Math.floor(random() * text.length));
		case 1:
			return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256))).toString('latin1');
		case 2:
			return text.replace(/[{}[\]]/, '');
		case 3:
			return JSON.stringify(WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)]);
		default:
			return `${text}}`;
	}
}

describe.each(testDialects())('fuzzing the webhook on %s', (dialect) => {
	let service: TestService;
	beforeAll(async () => {
		service = await startEventsService(dialect, { LOG_LEVEL: 'warn' });
		const tenant = await createTenantFixture(service, 'Fuzz');
		await registerApp(service, tenant, '730001', SECRET);
		await registerNumber(service, tenant, '730001', '9300001', '8300001');
	});
	afterAll(() => service.stop());

	const stored = async () => Promise.all((['messages', 'message_statuses', 'unrouted_webhooks', 'events', 'conversations'] as const).map((table) => countRows(service, table)));

	test('thousands of forged bodies are refused with 401 and store nothing', async () => {
		const random = prng(1);
		const before = await stored();
		for (let i = 0; i < 1500; i++) {
			const body = random() < 0.5 ? JSON.stringify(mutate(VALID[i % 2], random)) : garbage(random);
			const header = random() < 0.3 ? undefined : random() < 0.5 ? hubSignature(body, `not-${SECRET}-${i}`) : `sha256=${Buffer.from(body).toString('hex').slice(0, 64)}`;
			const response = await service.app.inject({ method: 'POST', url: '/webhooks/meta/730001', headers: { 'content-type': random() < 0.8 ? 'application/json' : 'text/plain', ...(header ? { 'x-hub-signature-256': header } : {}) }, payload: body });
			expect(response.statusCode).toBe(401);
		}
		expect(await stored()).toEqual(before);
	});

	test('thousands of signed bodies that are not webhooks answer 400 and store nothing', async () => {
		const random = prng(2);
		const before = await stored();
		for (let i = 0; i < 1500; i++) {
			const body = garbage(random);
			const response = await service.app.inject({ method: 'POST', url: '/webhooks/meta/730001', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(body, SECRET) }, payload: body });
			if (response.statusCode !== 400) {
				// A truncation can still be valid JSON of the right shape (e.g. an empty entry list): then it is simply empty.
				expect(response.statusCode).toBe(200);
				expect(response.json()).toEqual({ accepted: 0, duplicates: 0, unrouted: 0 });
			}
		}
		expect(await stored()).toEqual(before);
	});

	test('signed payloads with odd values anywhere never cause a 5xx', async () => {
		const random = prng(3);
		for (let i = 0; i < 1500; i++) {
			const body = JSON.stringify(mutate(mutate(VALID[i % 2], random), random));
			const response = await postWebhook(service, '730001', body, SECRET);
			expect([200, 400]).toContain(response.statusCode);
		}
		expect(service.logs.text()).not.toMatch(/"level":50/);
	});
});
