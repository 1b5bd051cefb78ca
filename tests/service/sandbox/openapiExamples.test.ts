import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createSandbox, expectGraphError, IDS, openWindow, type Sandbox } from './harness';

/**
 * Every example request body Meta publishes for `POST /{Version}/{Phone-Number-ID}/messages` must be accepted
 * by the simulator, and each one broken in a typical way must be refused with Meta's code.
 */
type Json = Record<string, unknown>;

const spec = parse(readFileSync(join(__dirname, '../../fixtures/meta-openapi/business-messaging-api_v23.0.yaml'), 'utf8'));
const rawExamples = spec.paths['/{Version}/{Phone-Number-ID}/messages'].post.requestBody.content['application/json'].examples as Record<string, { value: Json }>;

/** Placeholders a developer fills in before sending; media and template ids are provisioned instead. */
const PLACEHOLDERS: Record<string, string> = {
	'{{Recipient-Phone-Number}}': IDS.user,
	'{{Recipient-WA-Phone-Number}}': IDS.user,
	'{{Flow-ID}}': '1234567890',
	'{{Flow-Name}}': 'sandbox_flow',
	'<HEADER_TYPE>': 'text',
};

function fill<T>(value: T): T {
	if (typeof value === 'string') return (PLACEHOLDERS[value] ?? value) as T;
	if (Array.isArray(value)) return value.map(fill) as T;
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)])) as T;
	return value;
}

const examples: Array<[string, Json]> = Object.entries(rawExamples).map(([name, example]) => [name, fill(example.value)]);

const MIME_BY_KIND: Record<string, string> = { image: 'image/jpeg', video: 'video/mp4', audio: 'audio/ogg', document: 'application/pdf', sticker: 'image/webp' };

/** Media ids referenced anywhere in the body, with the kind of object holding them. */
function mediaIds(body: unknown, kind = ''): Array<{ id: string; kind: string }> {
	if (Array.isArray(body)) return body.flatMap((item) => mediaIds(item, kind));
	if (!body || typeof body !== 'object') return [];
	const found: Array<{ id: string; kind: string }> = [];
	for (const [key, value] of Object.entries(body)) {
		if (key in MIME_BY_KIND && value && typeof value === 'object' && typeof (value as Json).id === 'string') found.push({ id: (value as Json).id as string, kind: key });
		found.push(...mediaIds(value, key));
	}
	return found;
}

const BUTTON_TYPE_FOR_SUB_TYPE: Record<string, Json> = {
	quick_reply: { type: 'QUICK_REPLY', text: 'Reply' },
	url: { type: 'URL', text: 'Open', url: 'https://example.com/{{1}}', example: ['x'] },
	flow: { type: 'FLOW', text: 'Open flow', flow_id: '1' },
	catalog: { type: 'CATALOG', text: 'View catalog' },
	copy_code: { type: 'COPY_CODE', example: 'CODE' },
};

/** A template definition that matches what a send body supplies: as many variables as parameters, same header kind, same buttons. */
function templateFor(body: Json): Json | undefined {
	const template = body.template as Json | undefined;
	if (!template) return undefined;
	const components = (template.components as Json[] | undefined) ?? [];
	const definition: Json[] = [];
	const header = components.find((c) => String(c.type).toLowerCase() === 'header');
	if (header) {
		const parameter = (header.parameters as Json[])[0]!;
		definition.push(parameter.type === 'text' ? { type: 'HEADER', format: 'TEXT', text: 'Header {{1}}' } : { type: 'HEADER', format: String(parameter.type).toUpperCase() });
	}
	const bodyParameters = ((components.find((c) => String(c.type).toLowerCase() === 'body')?.parameters as Json[] | undefined) ?? []).length;
	definition.push({ type: 'BODY', text: `Dear customer ${Array.from({ length: bodyParameters }, (_, i) => `{{${i + 1}}}`).join(' and ')} thanks` });
	const buttons = components.filter((c) => String(c.type).toLowerCase() === 'button');
	if (buttons.length > 0) {
		const defined: Json[] = [];
		for (const button of buttons) defined[Number(button.index)] = BUTTON_TYPE_FOR_SUB_TYPE[String(button.sub_type).toLowerCase()]!;
		definition.push({ type: 'BUTTONS', buttons: Array.from(defined, (button) => button ?? BUTTON_TYPE_FOR_SUB_TYPE.quick_reply) });
	}
	return { wabaId: IDS.wabaId, name: template.name, language: (template.language as Json).code, category: 'MARKETING', components: definition };
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await createSandbox({ config: { pairRateLimit: false, statusWebhooks: { enabled: false } } });
	await sandbox.control('PATCH', `/phone-numbers/${IDS.phoneNumberId}`, { throughputPerSecond: 10_000 });
	await openWindow(sandbox);
});
afterAll(() => sandbox.close());

async function provisionFor(body: Json): Promise<void> {
	for (const { id, kind } of mediaIds(body)) {
		if (sandbox.sim.media.get(id)) continue;
		expect((await sandbox.control('POST', '/media', { id, phoneNumberId: IDS.phoneNumberId, mimeType: MIME_BY_KIND[kind] })).statusCode).toBe(201);
	}
	const template = templateFor(body);
	if (template) expect((await sandbox.control('POST', '/templates', template)).statusCode).toBe(201);
}

test('the spec publishes the examples this test relies on', () => {
	expect(examples.length).toBeGreaterThanOrEqual(45);
});

describe("Meta's example requests are accepted", () => {
	test.each(examples)('%s', async (_name, body) => {
		await provisionFor(body);
		const response = await sandbox.send(body);
		expect([response.statusCode, response.body]).toEqual([200, expect.any(String)]);
		const answer = response.json();
		if (body.status === 'read') {
			expect(answer).toEqual({ success: true });
		} else {
			expect(answer).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: String(body.to).replace(/\D/g, '') }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
		}
	});
});

/** A broken copy of an example, and the error Meta answers for it. */
interface Mutation {
	name: string;
	body: Json;
	code: number;
	http: number;
	details?: RegExp;
}

const clone = (value: Json): Json => structuredClone(value);

function mutationsOf(example: Json): Mutation[] {
	const mutations: Mutation[] = [];
	const add = (name: string, change: (body: Json) => void, code = 100, details?: RegExp, http = 400) => {
		const body = clone(example);
		change(body);
		mutations.push({ name, body, code, http, details });
	};
	add('without messaging_product', (b) => delete b.messaging_product, 100, /messaging_product is required/);
	add('with messaging_product "sms"', (b) => (b.messaging_product = 'sms'), 100, /messaging_product must be one of/);
	if (example.status === 'read') {
		add('without message_id', (b) => delete b.message_id, 100, /message_id is required/);
		return mutations;
	}
	add('without to', (b) => delete b.to, 100, /parameter to is required/);
	if (example.type !== undefined) add('with an unknown type', (b) => (b.type = 'hologram'), 100, /Param type must be one of/);
	const type = (example.type as string | undefined) ?? Object.keys(MIME_BY_KIND).concat(['text', 'interactive', 'location', 'contacts', 'template', 'reaction']).find((t) => example[t] !== undefined)!;
	const object = (b: Json) => b[type] as Json;
	switch (type) {
		case 'text':
			add('without text.body', (b) => delete object(b).body, 100, /text\.body is required/);
			add('with a 4097-character text', (b) => (object(b).body = 'x'.repeat(4097)), 100, /text\.body must be at most 4096/);
			break;
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker':
			add('with both id and link', (b) => Object.assign(object(b), { id: '123', link: 'https://example.com/x' }), 100, new RegExp(`${type} must contain either id or link, not both`));
			add('with neither id nor link', (b) => (b[type] = {}), 100, new RegExp(`${type}\\.id or ${type}\\.link is required`));
			if (['image', 'video', 'document'].includes(type)) add('with a 1025-character caption', (b) => (object(b).caption = 'c'.repeat(1025)), 100, new RegExp(`${type}\\.caption must be at most 1024`));
			break;
		case 'location':
			add('without latitude', (b) => delete object(b).latitude, 100, /location\.latitude is required/);
			break;
		case 'contacts':
			add('with no contacts', (b) => (b.contacts = []), 100, /contacts must have at least 1/);
			add('with six contacts', (b) => (b.contacts = Array.from({ length: 6 }, () => (example.contacts as Json[])[0])), 100, /contacts must have at most 5/);
			break;
		case 'reaction':
			add('without reaction.message_id', (b) => delete object(b).message_id, 100, /reaction\.message_id is required/);
			break;
		case 'interactive': {
			add('without interactive.action', (b) => delete object(b).action, 100, /interactive\.action is required/);
			const interactive = example.interactive as Json;
			const action = interactive.action as Json;
			if (interactive.type === 'button') {
				add('with four reply buttons', (b) => {
					(object(b).action as Json).buttons = Array.from({ length: 4 }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Button ${i}` } }));
				}, 100, /buttons must have at most 3/);
			}
			if (interactive.type === 'list') {
				add('with eleven rows in a section', (b) => {
					const section = ((object(b).action as Json).sections as Json[])[0]!;
					section.rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
				}, 100, /rows must have at most 10/);
			}
			if ((interactive.header as Json | undefined)?.type === 'text') {
				add('with a 61-character header', (b) => ((object(b).header as Json).text = 'h'.repeat(61)), 100, /interactive\.header\.text must be at most 60/);
			}
			if (action.name !== undefined) add('with the wrong action name', (b) => ((object(b).action as Json).name = 'something_else'), 100, /interactive\.action\.name must be one of/);
			break;
		}
		case 'template': {
			add('naming a template that does not exist', (b) => (object(b).name = 'no_such_template_anywhere'), 132001, /does not exist/, 404);
			const components = ((example.template as Json).components as Json[] | undefined) ?? [];
			const body = components.findIndex((c) => c.type === 'body');
			if (body >= 0) {
				add('with one body parameter too many', (b) => {
					const parameters = ((object(b).components as Json[])[body]!.parameters as Json[]);
					parameters.push({ type: 'text', text: 'extra' });
				}, 132000, /body: number of localizable_params/);
			} else {
				add('with an unexpected body parameter', (b) => {
					object(b).components = [...((object(b).components as Json[] | undefined) ?? []), { type: 'body', parameters: [{ type: 'text', text: 'extra' }] }];
				}, 132000, /body: number of localizable_params \(1\)/);
			}
			add('without a language', (b) => delete object(b).language, 100, /template\.language is required/);
			break;
		}
	}
	return mutations;
}

const mutations: Array<[string, Json, Mutation]> = examples.flatMap(([name, example]) => mutationsOf(example).map((mutation): [string, Json, Mutation] => [`${name} ${mutation.name}`, example, mutation]));

describe('broken copies of the examples are refused with the right code', () => {
	test('every example has at least three mutations', () => {
		for (const [name, example] of examples) expect([name, mutationsOf(example).length >= 3]).toEqual([name, true]);
	});

	test.each(mutations)('%s', async (_name, example, mutation) => {
		await provisionFor(example);
		const error = expectGraphError(await sandbox.send(mutation.body), mutation.code, mutation.http);
		if (mutation.details) expect(error.error_data?.details).toMatch(mutation.details);
	});
});
