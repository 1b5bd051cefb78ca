import type { IDataObject } from 'n8n-workflow';
import { startSandboxWorld, type SandboxWorld } from '../../support/n8n';
import { business } from '../fakeServiceSetup';

/**
 * Message operations run in a workflow against the real service in sandbox mode: what reaches (simulated) Meta
 * is checked on Meta's side, so the node, the service and the Cloud channel are proven together.
 */
let world: SandboxWorld;
let user: string;

beforeAll(async () => {
	world = await startSandboxWorld();
	user = world.sandbox.testUser;
	// Free-form messages need an open 24-hour window: the user writes first.
	await world.userWrites({ type: 'text', text: { body: 'Hello shop' } });
});
afterAll(() => world.close());

const send = (parameters: IDataObject) => business({ resource: 'message', operation: 'send', to: user, ...parameters });

/** Runs the node and returns what Meta received for the message it sent. */
async function sentToMeta(parameters: IDataObject, prefix: IDataObject[] = []): Promise<IDataObject> {
	const run = await world.n8n.run([...(prefix as never[]), send(parameters)]);
	expect(run.error?.message ?? run.status).toBe('success');
	const [output] = run.json('WhatsApp');
	expect(output).toMatchObject({ id: expect.stringMatching(/^msg_/), providerMessageId: expect.stringMatching(/^wamid\./), channel: 'cloud', from: world.sandbox.phoneNumberId, replayed: false });
	const record = (await world.sentToMeta()).find((candidate) => candidate.id === output.providerMessageId);
	expect(record).toBeDefined();
	return record?.request as IDataObject;
}

describe('Message operations against the real service', () => {
	test('text with URL preview', async () => {
		expect(await sentToMeta({ messageType: 'text', textBody: 'Visit https://example.com', contentOptions: { previewUrl: true } })).toMatchObject({ type: 'text', text: { body: 'Visit https://example.com', preview_url: true } });
	});

	test('image by link, and a document uploaded from an n8n binary file then sent by id', async () => {
		expect(await sentToMeta({ messageType: 'image', mediaSource: 'link', mediaLink: 'https://cdn.example.com/a.jpg', contentOptions: { caption: 'New stock' } })).toMatchObject({ type: 'image', image: { link: 'https://cdn.example.com/a.jpg', caption: 'New stock' } });
		const document = await sentToMeta({ messageType: 'document', mediaSource: 'binary', binaryPropertyName: 'data', contentOptions: { caption: 'Invoice' } }, [{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'invoice.pdf', mimeType: 'application/pdf', text: '%PDF-1.4 invoice' } }]);
		expect(document).toMatchObject({ type: 'document', document: { id: expect.stringMatching(/^\d+$/), caption: 'Invoice', filename: 'invoice.pdf' } });
	});

	test('location, contacts and a sticker', async () => {
		expect(await sentToMeta({ messageType: 'location', latitude: 52.52, longitude: 13.405, contentOptions: { locationName: 'Shop', address: 'Main St 1' } })).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Main St 1' } });
		expect(await sentToMeta({ messageType: 'contacts', contacts: { contact: [{ formattedName: 'Support', phone: '+15550002', phoneType: 'WORK' }] } })).toMatchObject({ type: 'contacts', contacts: [{ name: { formatted_name: 'Support' }, phones: [{ phone: '+15550002', type: 'WORK' }] }] });
		expect(await sentToMeta({ messageType: 'sticker', mediaSource: 'link', mediaLink: 'https://cdn.example.com/s.webp' })).toMatchObject({ type: 'sticker', sticker: { link: 'https://cdn.example.com/s.webp' } });
	});

	test('interactive: reply buttons, list, URL button and Flow', async () => {
		expect(await sentToMeta({ messageType: 'interactive', interactiveType: 'buttons', interactiveBody: 'Track or cancel?', replyButtons: { button: [{ title: 'Track' }, { title: 'Cancel', id: 'cancel' }] } })).toMatchObject({
			type: 'interactive',
			interactive: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'Track', title: 'Track' } }, { type: 'reply', reply: { id: 'cancel', title: 'Cancel' } }] } },
		});
		expect(await sentToMeta({ messageType: 'interactive', interactiveType: 'list', interactiveBody: 'Menu', listButtonText: 'Open', listRows: { row: [{ title: 'Tea', section: 'Drinks' }, { title: 'Cake', section: 'Food' }] } })).toMatchObject({
			interactive: { type: 'list', action: { button: 'Open', sections: [{ title: 'Drinks' }, { title: 'Food' }] } },
		});
		expect(await sentToMeta({ messageType: 'interactive', interactiveType: 'ctaUrl', interactiveBody: 'Your order', ctaDisplayText: 'Track', ctaUrl: 'https://shop.example.com/t/1' })).toMatchObject({ interactive: { type: 'cta_url' } });
		expect(await sentToMeta({ messageType: 'interactive', interactiveType: 'flow', interactiveBody: 'Book a slot', flowIdentifier: 'name', flowName: 'booking', flowCta: 'Book', flowOptions: { flowReference: 'session-1' } })).toMatchObject({
			interactive: { type: 'flow', action: { name: 'flow', parameters: { flow_name: 'booking', flow_cta: 'Book', flow_token: 'session-1', flow_message_version: '3' } } },
		});
	});

	test('custom JSON, reply (quoting the user’s message), react and mark as read with typing', async () => {
		expect(await sentToMeta({ messageType: 'custom', customMessage: JSON.stringify({ type: 'text', text: { body: 'raw JSON' } }) })).toMatchObject({ type: 'text', text: { body: 'raw JSON' } });
		const { wamid } = await world.userWrites({ type: 'text', text: { body: 'Where is my order?' } });
		const replied = await world.n8n.run([business({ resource: 'message', operation: 'reply', to: user, replyTo: wamid, messageType: 'text', textBody: 'On its way' })]);
		const quoted = (await world.sentToMeta()).find((record) => record.id === replied.json('WhatsApp')[0].providerMessageId);
		expect(quoted?.request).toMatchObject({ context: { message_id: wamid }, text: { body: 'On its way' } });
		const reacted = await world.n8n.run([business({ resource: 'message', operation: 'react', to: user, messageId: wamid, emoji: '👍' })]);
		expect(reacted.json('WhatsApp')[0]).toMatchObject({ type: 'reaction', status: 'accepted' });
		const read = await world.n8n.run([business({ resource: 'message', operation: 'markRead', messageId: wamid, typing: true })]);
		expect(read.json('WhatsApp')).toEqual([{ success: true, messageId: wamid, typing: true }]);
	});

	test('a retried item (same execution, same node and item) is answered from the first send: WhatsApp gets it once', async () => {
		const before = (await world.sentToMeta({ type: 'text' })).length;
		const first = await world.n8n.run([send({ messageType: 'text', textBody: 'only once' })], { executionId: '77777' });
		const again = await world.n8n.run([send({ messageType: 'text', textBody: 'only once' })], { executionId: '77777' });
		expect(again.json('WhatsApp')[0]).toMatchObject({ id: first.json('WhatsApp')[0].id, replayed: true });
		expect((await world.sentToMeta({ type: 'text' })).length).toBe(before + 1);
	});

	test('the service’s refusal names the field; Meta’s code and hint come with provider errors', async () => {
		const invalid = await world.n8n.run([send({ messageType: 'custom', customMessage: JSON.stringify({ type: 'interactive', interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A title far longer than twenty' } }] } } }) })]);
		const fieldError = invalid.nodeError('WhatsApp');
		expect(fieldError?.httpCode).toBe('400');
		expect(fieldError?.description).toMatch(/Fields: body\.interactive\.action\.buttons\[0\]\.reply\.title/);
		const missing = await world.n8n.run([business({ resource: 'message', operation: 'sendTemplate', to: user, template: { __rl: true, mode: 'name', value: 'does_not_exist' }, language: 'en_US', parametersMode: 'json', componentsJson: '[]' })]);
		const providerError = missing.nodeError('WhatsApp');
		expect(providerError?.description).toContain('WhatsApp error code: 132001');
		expect(providerError?.description).toContain('Hint: Template not found or not approved in that language');
	});
});
