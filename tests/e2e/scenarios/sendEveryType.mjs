// (1) examples/whatsapp-business-send-every-type.json, run as it is (Manual Trigger) with `n8n execute --id`: every
// node sends one message through the service, and the Cloud simulator must have received each in Meta's shape.
import assert from 'node:assert/strict';
import { executeWorkflow, importWorkflow, nodeOutput } from '../../../scripts/n8n/index.mjs';
import { prepareExample } from '../../../examples/setup.mjs';

const LINK = 'https://example.com/media/';

/** Node name in the example -> what Meta must have received (the Graph request body) and a short description. */
const EXPECTED = {
	Text: (r) => {
		assert.equal(r.type, 'text');
		assert.match(r.text.body, /^Hello from n8n!/);
		return `text "${r.text.body.slice(0, 20)}…"`;
	},
	Image: (r) => media(r, 'image', 'picture.jpg', { caption: 'A picture' }),
	Video: (r) => media(r, 'video', 'clip.mp4', { caption: 'A video' }),
	Audio: (r) => media(r, 'audio', 'voice.ogg'),
	Document: (r) => media(r, 'document', 'invoice.pdf', { caption: 'Your invoice', filename: 'invoice-1001.pdf' }),
	Sticker: (r) => media(r, 'sticker', 'thumbs-up.webp'),
	Location: (r) => {
		assert.equal(r.type, 'location');
		assert.deepEqual(r.location, { latitude: 52.520008, longitude: 13.404954, name: 'Our shop', address: 'Alexanderplatz 1, Berlin' });
		return 'location with name and address';
	},
	Contacts: (r) => {
		assert.equal(r.type, 'contacts');
		const [card] = r.contacts;
		assert.equal(card.name.formatted_name, 'Ada Lovelace');
		assert.equal(card.name.first_name, 'Ada');
		assert.deepEqual(card.phones, [{ phone: '+15550009999', type: 'WORK', wa_id: '15550009999' }]);
		assert.equal(card.emails[0].email, 'ada@example.com');
		assert.equal(card.org.company, 'Analytical Engines');
		return 'contacts: one card with name, phone (wa_id), email, org';
	},
	'Reply Buttons': (r) => {
		assert.equal(r.type, 'interactive');
		assert.equal(r.interactive.type, 'button');
		assert.equal(r.interactive.body.text, 'Did your order arrive?');
		assert.deepEqual(r.interactive.header, { type: 'text', text: 'Order #1001' });
		assert.deepEqual(r.interactive.footer, { text: 'Tap a button' });
		assert.deepEqual(r.interactive.action.buttons, [
			{ type: 'reply', reply: { id: 'arrived', title: 'Yes' } },
			{ type: 'reply', reply: { id: 'not-yet', title: 'Not yet' } },
		]);
		return 'interactive button: 2 reply buttons, header, footer';
	},
	List: (r) => {
		assert.equal(r.type, 'interactive');
		assert.equal(r.interactive.type, 'list');
		assert.equal(r.interactive.action.button, 'Pick a slot');
		assert.deepEqual(r.interactive.action.sections, [
			{ title: 'Tomorrow', rows: [{ id: 'am', title: 'Morning', description: '8:00 to 12:00' }, { id: 'pm', title: 'Afternoon', description: '12:00 to 18:00' }] },
		]);
		return 'interactive list: 1 section, 2 rows';
	},
	'Call to Action URL': (r) => {
		assert.equal(r.type, 'interactive');
		assert.equal(r.interactive.type, 'cta_url');
		assert.equal(r.interactive.action.name, 'cta_url');
		assert.deepEqual(r.interactive.action.parameters, { display_text: 'Track order', url: 'https://example.com/orders/1001' });
		return 'interactive cta_url';
	},
	Template: (r) => {
		assert.equal(r.type, 'template');
		assert.equal(r.template.name, 'hello_world');
		assert.equal(r.template.language.code, 'en_US');
		return 'template hello_world (en_US, language picked automatically)';
	},
	'Document from a file': (r) => {
		assert.equal(r.type, 'document');
		assert.match(r.document.id, /^\d+$/);
		assert.equal(r.document.filename, 'order-1001.txt');
		assert.equal(r.document.caption, 'Your shipping note');
		return 'document by the id of the n8n binary file just uploaded, with its filename';
	},
};

/** The text "Order note" put into the file; the uploaded media must hold exactly these bytes. */
const NOTE = 'Order #1001\nShipped today with DHL, tracking 00340434161234567890.\n';

function media(request, type, file, extra = {}) {
	assert.equal(request.type, type);
	assert.deepEqual(request[type], { link: `${LINK}${file}`, ...extra });
	return `${type} by link${Object.keys(extra).length ? ` with ${Object.keys(extra).join(', ')}` : ''}`;
}

export async function sendEveryType({ t, n8n, service, credential }) {
	const workflowId = await importWorkflow(n8n, prepareExample('sendEveryType', credential), { via: 'api' });
	let result;
	const run = await t.check('send every type: `n8n execute --id` of the example succeeds', async () => {
		result = await executeWorkflow(n8n, workflowId, { timeoutMs: 180_000 });
		if (!result.ok) throw new Error(`exit ${result.exitCode}: ${result.error?.message ?? ''} ${result.error?.description ?? ''}\n${(result.stdout + result.stderr).slice(-1500)}`);
		return `${Object.keys(result.runData).length} nodes ran in ${(result.ms / 1000).toFixed(1)} s`;
	});
	if (!run.ok) return;
	for (const [node, expect] of Object.entries(EXPECTED)) {
		await t.check(`send ${node.toLowerCase()}`, () => sentAsExpected(service, nodeOutput(result, node), expect));
	}
	await t.check('binary upload: the file n8n made reached Meta byte for byte (read back through the service)', async () => {
		const [sent] = nodeOutput(result, 'Document from a file');
		const { document } = (await service.cloud.sent(sent.providerMessageId)).request;
		const response = await fetch(`${service.url}/v1/media/${document.id}/content`, { headers: { authorization: `Bearer ${service.sandbox.apiKey}` } });
		assert.equal(response.status, 200);
		assert.equal(response.headers.get('content-type'), 'text/plain');
		assert.equal(await response.text(), NOTE);
		return `media ${document.id}: ${NOTE.length} bytes of text/plain, as written`;
	});
}

/** The node's output names the provider's message id; the simulator's record of it must have the expected shape. */
export async function sentAsExpected(service, items, expect) {
	const [sent] = items ?? [];
	assert.ok(sent?.providerMessageId, `the node output has no providerMessageId: ${JSON.stringify(sent)}`);
	const record = await service.cloud.sent(sent.providerMessageId);
	assert.equal(record.to, service.sandbox.testUser);
	assert.equal(record.request.messaging_product, 'whatsapp');
	return `Meta got ${expect(record.request)}`;
}
