import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { testDialects } from '../../../support/databases';
import { listenLocally, type LocalServer } from '../../../support/localServer';
import { binaryContent, type NodeSpec } from '../../../support/n8n';
import { startSandboxWorld, type SandboxWorld } from '../../../support/n8n/sandboxWorld';
import { sessionNamed, web } from '../fakeWeb';
import { sandboxPhone } from './webSandbox';

const PEER = '15550001234@c.us';
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** Serves a file for URL sends (the service fetches it). */
function fileServer(): Promise<LocalServer> {
	return listenLocally((request, response) => {
		if (request.url === '/menu.pdf') response.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.4 menu'));
		else response.writeHead(404).end();
	});
}

describe.each(testDialects())('WhatsApp Web node: messages and chats against the real service (fake driver) on %s', (dialect) => {
	let world: SandboxWorld;
	let files: Awaited<ReturnType<typeof fileServer>>;
	let inboundId: string;
	let inboundImageId: string;

	beforeAll(async () => {
		files = await fileServer();
		world = await startSandboxWorld(dialect, { web: true, env: { WEB_MEDIA_ALLOW_PRIVATE_URLS: 'true' } });
		const created = await world.n8n.run([web({ resource: 'session', operation: 'create', name: 'shop', options: { isDefault: true } })]);
		expect(created.nodeError('WhatsApp Web')).toBeUndefined();
		await world.n8n.run([web({ resource: 'session', operation: 'getQr', session: sessionNamed('shop'), waitSeconds: 15 })]);
		await sandboxPhone(world, 'shop').link();
		await world.n8n.run([web({ resource: 'session', operation: 'start', session: sessionNamed('shop'), waitUntil: 'working', waitSeconds: 15 })]);
		inboundId = (await sandboxPhone(world, 'shop').receive({ from: PEER, body: 'Do you have it in blue?' })).id;
		inboundImageId = (await sandboxPhone(world, 'shop').receive({ type: 'image', from: PEER, caption: 'like this', media: { mimetype: 'image/png', data: PNG_1PX, filename: 'blue.png' } })).id;
	});
	afterAll(async () => {
		await world?.close();
		await files?.close();
	});

	const runNode = async (operation: string, parameters: IDataObject, options: { resource?: string; before?: NodeSpec[]; executionId?: string } = {}) => {
		const run = await world.n8n.run([...(options.before ?? []), web({ resource: options.resource ?? 'message', operation, ...parameters })], { executionId: options.executionId });
		return { run, error: run.nodeError('WhatsApp Web'), json: run.nodeError('WhatsApp Web') ? [] : run.json('WhatsApp Web') };
	};
	/** The newest message of a chat, as the node's Chat › Get Messages reads it. */
	const lastIn = async (chatId = PEER) => {
		const { json } = await runNode('getMessages', { chatId, returnAll: false, limit: 1 }, { resource: 'chat' });
		return json[0];
	};

	test('send text with a mention and a quote through the default session; the chat shows it quoted and mentioning', async () => {
		const { json, error } = await runNode('sendText', { chatId: '+1 555 000 1234', text: 'Yes @15550009999 has it', sendOptions: { mentions: '+1 555 000 9999', replyTo: inboundId } });
		expect(error).toBeUndefined();
		expect(json[0]).toMatchObject({ channel: 'web', from: 'shop', type: 'text', status: 'sent', replayed: false });
		expect(await lastIn()).toMatchObject({ id: json[0].providerMessageId, direction: 'outbound', type: 'text', text: { body: 'Yes @15550009999 has it' }, mentions: ['15550009999@c.us'], context: { messageId: inboundId } });
	});

	test('the same item sent again in the same execution (Retry On Fail) is answered from the first send, not sent twice', async () => {
		const first = await runNode('sendText', { chatId: PEER, text: 'only once' }, { executionId: 'exec-idem' });
		const second = await runNode('sendText', { chatId: PEER, text: 'only once' }, { executionId: 'exec-idem' });
		expect(second.json[0]).toMatchObject({ id: first.json[0].id, replayed: true });
		const { json } = await runNode('getMessages', { chatId: PEER, returnAll: false, limit: 5 }, { resource: 'chat' });
		expect(json.filter((message) => (message.text as IDataObject | undefined)?.body === 'only once')).toHaveLength(1);
	});

	test('media: a binary image, a PDF by URL as a document, a voice note by base64, and the image of a received message again', async () => {
		const image = await runNode('sendMedia', { session: sessionNamed('shop'), chatId: PEER, mediaSource: 'binary', sendAs: 'auto', caption: 'Blue it is' }, {
			before: [{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'blue.png', mimeType: 'image/png', base64: PNG_1PX } }],
		});
		expect(image.error).toBeUndefined();
		expect(await lastIn()).toMatchObject({ type: 'image', media: { mimeType: 'image/png', caption: 'Blue it is' } });

		await runNode('sendMedia', { chatId: PEER, mediaSource: 'url', mediaUrl: `${files.url}/menu.pdf`, sendAs: 'auto', caption: 'Menu', mediaDetails: { fileName: 'menu.pdf' } });
		expect(await lastIn()).toMatchObject({ type: 'document', media: { mimeType: 'application/pdf', filename: 'menu.pdf', caption: 'Menu' } });

		await runNode('sendMedia', { chatId: PEER, mediaSource: 'base64', mediaBase64: Buffer.from('OggS voice').toString('base64'), mediaMimeType: 'audio/ogg', sendAs: 'voice' });
		// WhatsApp Web records voice notes as Opus in Ogg, whatever codec they were declared with.
		expect(await lastIn()).toMatchObject({ type: 'audio', media: { voice: true, mimeType: expect.stringMatching(/^audio\/ogg/) } });

		await runNode('sendMedia', { chatId: PEER, mediaSource: 'message', sourceMessageId: inboundImageId, sendAs: 'document', mediaDetails: { fileName: 'again.png' } });
		expect(await lastIn()).toMatchObject({ type: 'document', media: { mimeType: 'image/png', filename: 'again.png' } });
	});

	test('location, contact card and poll arrive in the chat as sent', async () => {
		await runNode('sendLocation', { chatId: PEER, latitude: 52.52, longitude: 13.405, locationDetails: { name: 'Shop', address: 'Main St 1' } });
		expect(await lastIn()).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Main St 1' } });

		await runNode('sendContact', { chatId: PEER, contactName: 'Jane Doe', contactPhone: '+1 202 555 0199', contactDetails: { organization: 'Acme' } });
		const contact = await lastIn();
		expect(contact).toMatchObject({ type: 'contacts', contacts: [expect.objectContaining({ name: expect.objectContaining({ formatted_name: 'Jane Doe' }) })] });
		expect(JSON.stringify(contact.contacts)).toContain('12025550199');

		await runNode('sendPoll', { chatId: PEER, pollQuestion: 'Which colour?', pollAnswers: ['Blue', 'Red'], allowMultipleAnswers: true });
		expect(await lastIn()).toMatchObject({ type: 'poll', poll: { name: 'Which colour?', options: ['Blue', 'Red'], allowMultipleAnswers: true } });
	});

	test('reply goes to the quoted message’s chat; react puts an emoji on it', async () => {
		const reply = await runNode('reply', { messageId: inboundId, replyWith: 'text', text: 'Here you go' });
		expect(reply.json[0]).toMatchObject({ to: PEER, type: 'text' });
		expect(await lastIn()).toMatchObject({ text: { body: 'Here you go' }, context: { messageId: inboundId } });

		const reaction = await runNode('react', { messageId: inboundId, emoji: '👍' });
		expect(reaction.error).toBeUndefined();
		expect(reaction.json[0]).toMatchObject({ type: 'reaction', status: 'sent' });
	});

	test("download media gives the received image's bytes", async () => {
		const { run } = await runNode('downloadMedia', { messageId: inboundImageId, binaryPropertyName: 'picture' });
		const [item] = run.items('WhatsApp Web');
		expect(item.json).toMatchObject({ session: 'shop', messageId: inboundImageId, mimeType: 'image/png' });
		expect((await binaryContent(item.binary?.picture as IBinaryData)).toString('base64')).toBe(PNG_1PX);
	});

	test('chats: get many lists the chat with its last message; mark as seen and typing succeed; the number check tells who has WhatsApp', async () => {
		const chats = await runNode('list', { returnAll: true, chatType: 'individual' }, { resource: 'chat' });
		expect(chats.json.map((chat) => chat.id)).toContain(PEER);
		expect(chats.json.find((chat) => chat.id === PEER)).toMatchObject({ session: 'shop', isGroup: false, lastMessage: expect.objectContaining({ chatId: PEER }) });

		await sandboxPhone(world, 'shop').receive({ from: PEER, body: 'Thanks!' });
		expect((await runNode('markSeen', { chatId: PEER }, { resource: 'chat' })).json).toEqual([{ session: 'shop', chatId: PEER, seen: true }]);
		const unread = (await runNode('list', { returnAll: true }, { resource: 'chat' })).json.find((chat) => chat.id === PEER);
		expect(unread?.unreadCount).toBe(0);
		expect((await runNode('setTyping', { chatId: PEER, state: 'typing' }, { resource: 'chat' })).json).toEqual([{ session: 'shop', chatId: PEER, state: 'typing' }]);

		expect((await runNode('check', { phoneNumber: '+1 555 000 1234' }, { resource: 'contact' })).json).toEqual([{ session: 'shop', number: '15550001234', exists: true, chatId: PEER }]);
		expect((await runNode('check', { phoneNumber: '+999 555 0000' }, { resource: 'contact' })).json).toEqual([{ session: 'shop', number: '9995550000', exists: false, chatId: null }]);
	});

	test('a send through a session that is not linked fails with the service’s reason; Continue On Fail keeps going', async () => {
		await world.n8n.run([web({ resource: 'session', operation: 'create', name: 'unlinked', options: { start: false } })]);
		const parameters = { resource: 'message', operation: 'sendText', session: sessionNamed('={{ $json.session }}'), chatId: PEER, text: 'x' };
		const items = [{ session: 'shop' }, { session: 'unlinked' }];
		const failed = await world.n8n.run([web(parameters)], { items });
		expect(failed.nodeError('WhatsApp Web')?.message).toMatch(/unlinked/);
		const continued = await world.n8n.run([{ ...web(parameters), onError: 'continueRegularOutput' }], { items });
		const output = continued.items('WhatsApp Web');
		expect(output[0].json).toMatchObject({ from: 'shop', status: 'sent' });
		expect(output[1]).toMatchObject({ json: { error: expect.stringMatching(/unlinked/) }, pairedItem: { item: 1 } });
	});
});
