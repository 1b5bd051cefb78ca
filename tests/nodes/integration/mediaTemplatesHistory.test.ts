import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { binaryContent, startSandboxWorld, type SandboxWorld } from '../../support/n8n';
import { business } from '../fakeServiceSetup';

let world: SandboxWorld;

beforeAll(async () => {
	world = await startSandboxWorld();
	await world.userWrites({ type: 'text', text: { body: 'Hi' } });
});
afterAll(() => world.close());

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describe('Media against the real service', () => {
	test('upload a file, download the same bytes into binary data, delete it; it is gone afterwards', async () => {
		const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(56, 7)]);
		const uploaded = await world.n8n.run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'logo.png', mimeType: 'image/png', base64: png.toString('base64') } },
			business({ resource: 'media', operation: 'upload', binaryPropertyName: 'data' }),
		]);
		const media = uploaded.json('WhatsApp')[0];
		expect(media).toMatchObject({ id: expect.stringMatching(/^\d+$/), mimeType: 'image/png', size: 64, filename: 'logo.png', from: world.sandbox.phoneNumberId });

		const downloaded = await world.n8n.run([business({ resource: 'media', operation: 'download', mediaId: media.id, binaryPropertyName: 'file' })]);
		const [item] = downloaded.items('WhatsApp');
		expect(item.json).toMatchObject({ id: media.id, mimeType: 'image/png', size: 64 });
		expect(await binaryContent(item.binary?.file as IBinaryData)).toEqual(png);

		expect((await world.n8n.run([business({ resource: 'media', operation: 'delete', mediaId: media.id })])).json('WhatsApp')).toEqual([{ deleted: true, id: media.id }]);
		const again = await world.n8n.run([business({ resource: 'media', operation: 'download', mediaId: media.id })]);
		expect(again.nodeError('WhatsApp')?.httpCode).toMatch(/^4\d\d$/);
	});
});

describe('Templates against the real service', () => {
	test('create from fields, see it approved in Get Many, send it through the parameter mapper, delete it', async () => {
		const created = await world.n8n.run([
			business({
				resource: 'template',
				operation: 'create',
				name: 'order_ready',
				language: 'en_US',
				category: 'UTILITY',
				defineUsing: 'fields',
				bodyText: 'Hi {{1}}, order {{2}} is ready.',
				bodyExamples: 'Ada\nA-1',
				draftButtons: { button: [{ type: 'url', text: 'Track', url: 'https://shop.example.com/t/{{1}}', example: 'A-1' }] },
			}),
		]);
		expect(created.json('WhatsApp')[0]).toMatchObject({ name: 'order_ready', language: 'en_US', status: 'PENDING', category: 'UTILITY' });

		const approved = await until('the template to be approved', async () => {
			const listed = await world.n8n.run([business({ resource: 'template', operation: 'getAll', returnAll: true, filters: { name: 'order_ready' } })]);
			const template = listed.json('WhatsApp')[0];
			return template?.status === 'APPROVED' ? template : undefined;
		});
		expect(approved.components).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'BODY', text: 'Hi {{1}}, order {{2}} is ready.' })]));

		const sent = await world.n8n.run([
			business({
				resource: 'message',
				operation: 'sendTemplate',
				to: world.sandbox.testUser,
				template: { __rl: true, mode: 'list', value: 'order_ready' },
				language: 'auto',
				parametersMode: 'map',
				templateParameters: { mappingMode: 'defineBelow', value: { 'body:1': 'Ada', 'body:2': 'A-7', 'button:0:url': 'A-7' } },
			}),
		]);
		const output = sent.json('WhatsApp')[0];
		expect(output).toMatchObject({ type: 'template', template: { name: 'order_ready', language: 'en_US' } });
		const record = (await world.sentToMeta({ type: 'template' })).find((candidate) => candidate.id === output.providerMessageId);
		expect((record?.request as IDataObject).template).toEqual({
			name: 'order_ready',
			language: { code: 'en_US' },
			components: [
				{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: 'A-7' }] },
				{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-7' }] },
			],
		});

		expect((await world.n8n.run([business({ resource: 'template', operation: 'delete', name: 'order_ready' })])).json('WhatsApp')).toEqual([{ deleted: true, name: 'order_ready' }]);
		const after = await world.n8n.run([business({ resource: 'template', operation: 'getAll', returnAll: true, filters: { name: 'order_ready' } })]);
		expect(after.json('WhatsApp').filter((template) => template.status === 'APPROVED')).toEqual([]);
	});

	test('the dropdowns load from the service: numbers, approved templates and the mapper fields of hello_world', async () => {
		const { WhatsAppBusiness } = await import('../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node');
		const node = new WhatsAppBusiness();
		const context = world.n8n.loadOptionsContext(business({ resource: 'message', operation: 'sendTemplate', template: { __rl: true, mode: 'list', value: 'hello_world' }, language: 'auto' }));
		expect((await node.methods.loadOptions.getPhoneNumbers.call(context)).map((option) => option.value)).toEqual(['default', world.sandbox.phoneNumberId]);
		expect((await node.methods.listSearch.searchTemplates.call(context, 'hello')).results.map((result) => result.value)).toContain('hello_world');
		expect(await node.methods.loadOptions.getTemplateLanguages.call(context)).toEqual([expect.objectContaining({ value: 'auto' }), { name: 'en_US', value: 'en_US' }]);
		expect((await node.methods.resourceMapping.getTemplateParameters.call(context)).fields).toEqual([]);
	});
});

describe('Conversations against the real service', () => {
	test('the conversation with the test user lists both directions of its messages', async () => {
		await world.n8n.run([business({ resource: 'message', operation: 'send', to: world.sandbox.testUser, messageType: 'text', textBody: 'history check' })]);
		const listed = await world.n8n.run([business({ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { peer: world.sandbox.testUser } })]);
		const [conversation] = listed.json('WhatsApp');
		expect(conversation).toMatchObject({ channel: 'cloud', account: world.sandbox.phoneNumberId, peer: world.sandbox.testUser });
		const messages = await world.n8n.run([business({ resource: 'conversation', operation: 'getMessages', conversationId: conversation.id, returnAll: true })]);
		const directions = new Set(messages.json('WhatsApp').map((message) => message.direction));
		expect(directions).toEqual(new Set(['inbound', 'outbound']));
		expect(messages.json('WhatsApp')[0]).toMatchObject({ direction: 'outbound', body: expect.objectContaining({ text: { body: 'history check' } }) });
	});
});
