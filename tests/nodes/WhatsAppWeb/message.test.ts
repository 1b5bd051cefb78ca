import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { binaryContent, serviceError } from '../../support/n8n';
import { API_KEY, useFakeService } from '../fakeServiceSetup';
import { acceptWebMessages, CHAT, GROUP, GROUP_MESSAGE_ID, INBOUND_ID, sessionNamed, web } from './fakeWeb';

const { service, n8n } = useFakeService();

const message = (operation: string, parameters: IDataObject) => web({ resource: 'message', operation, session: sessionNamed('sales'), ...parameters });

async function bodyOf(operation: string, parameters: IDataObject): Promise<IDataObject> {
	service().on('POST', '/v1/messages', acceptWebMessages);
	const run = await n8n().run([message(operation, parameters)]);
	expect(run.nodeError('WhatsApp Web')).toBeUndefined();
	return service().calls('POST', '/v1/messages')[0].body as IDataObject;
}

async function errorOf(operation: string, parameters: IDataObject): Promise<string | undefined> {
	service().on('POST', '/v1/messages', acceptWebMessages);
	const run = await n8n().run([message(operation, parameters)]);
	return run.nodeError('WhatsApp Web')?.message;
}

describe('WhatsApp Web › Message sends build the service request', () => {
	test('text goes on the web channel from the session, to the phone number as its chat, with the tenant key and an idempotency key', async () => {
		const body = await bodyOf('sendText', { chatId: '+1 (202) 555-0108', text: 'Hello *there*', linkPreview: false });
		expect(body).toEqual({ channel: 'web', from: 'sales', to: CHAT, type: 'text', text: { body: 'Hello *there*', previewUrl: false } });
		const [request] = service().requests;
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(request.headers['idempotency-key']).toMatch(/^n8n:[A-Za-z0-9_-]{43}$/);
	});

	test('mentions become user ids, a quoted message is sent as replyTo, and a group chat id is kept', async () => {
		const body = await bodyOf('sendText', { chatId: GROUP, text: 'Hi @12025550108', sendOptions: { mentions: '+1 202 555 0108, 15550002222@c.us', replyTo: GROUP_MESSAGE_ID } });
		expect(body).toMatchObject({ to: GROUP, mentions: [CHAT, '15550002222@c.us'], replyTo: GROUP_MESSAGE_ID });
	});

	test('no session chosen sends no "from", so the service uses the tenant default', async () => {
		service().on('POST', '/v1/messages', acceptWebMessages);
		await n8n().run([web({ resource: 'message', operation: 'sendText', chatId: CHAT, text: 'x' })]);
		expect(service().calls('POST', '/v1/messages')[0].body).not.toHaveProperty('from');
	});

	test('a custom idempotency key is the same across executions; the default one differs per execution', async () => {
		service().on('POST', '/v1/messages', acceptWebMessages);
		const parameters = { chatId: CHAT, text: 'x', sendOptions: { idempotencyKey: 'order-7' } };
		await n8n().run([message('sendText', parameters)]);
		await n8n().run([message('sendText', parameters)]);
		await n8n().run([message('sendText', { chatId: CHAT, text: 'x' })]);
		await n8n().run([message('sendText', { chatId: CHAT, text: 'x' })]);
		const keys = service().calls('POST', '/v1/messages').map((request) => request.headers['idempotency-key']);
		expect(keys[0]).toBe(keys[1]);
		expect(keys[0]).toMatch(/^custom:/);
		expect(keys[2]).not.toBe(keys[3]);
	});

	test('media from a binary file goes inline as base64 with its type and name; Automatic picks the kind from the MIME type', async () => {
		service().on('POST', '/v1/messages', acceptWebMessages);
		const run = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'invoice.pdf', mimeType: 'application/pdf', text: '%PDF-1.4 test' } },
			message('sendMedia', { chatId: CHAT, mediaSource: 'binary', binaryPropertyName: 'data', sendAs: 'auto', caption: 'Your invoice' }),
		]);
		expect(run.nodeError('WhatsApp Web')).toBeUndefined();
		expect(service().calls('POST', '/v1/messages')[0].body).toMatchObject({
			type: 'document',
			document: { base64: Buffer.from('%PDF-1.4 test').toString('base64'), mimeType: 'application/pdf', filename: 'invoice.pdf', caption: 'Your invoice' },
		});
		expect(run.json('WhatsApp Web')[0]).toMatchObject({ channel: 'web', type: 'document', status: 'sent' });
	});

	test('an image file sent "as document" stays a document; a voice note is audio flagged as voice, without caption or file name', async () => {
		service().on('POST', '/v1/messages', acceptWebMessages);
		await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'photo.png', mimeType: 'image/png', base64: Buffer.from('png').toString('base64') } },
			message('sendMedia', { chatId: CHAT, mediaSource: 'binary', sendAs: 'document', caption: 'Original' }),
		]);
		await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'note.ogg', mimeType: 'audio/ogg; codecs=opus', base64: Buffer.from('ogg').toString('base64') } },
			message('sendMedia', { chatId: CHAT, mediaSource: 'binary', sendAs: 'voice', caption: 'ignored' }),
		]);
		const [document, voice] = service().calls('POST', '/v1/messages').map((request) => request.body as IDataObject);
		expect(document).toMatchObject({ type: 'document', document: { mimeType: 'image/png', filename: 'photo.png', caption: 'Original' } });
		expect(voice).toMatchObject({ type: 'audio', audio: { voice: true } });
		expect(voice.audio).not.toHaveProperty('caption');
		expect(voice.audio).not.toHaveProperty('filename');
	});

	test('media by URL guesses the kind from the extension, and by base64 or by another message as given', async () => {
		expect(await bodyOf('sendMedia', { chatId: CHAT, mediaSource: 'url', mediaUrl: 'https://cdn.example/clip.MP4?x=1', caption: 'Clip' })).toMatchObject({ type: 'video', video: { link: 'https://cdn.example/clip.MP4?x=1', caption: 'Clip' } });
		service().reset();
		expect(await bodyOf('sendMedia', { chatId: CHAT, mediaSource: 'url', mediaUrl: 'https://cdn.example/download', mediaDetails: { mimeType: 'application/zip', fileName: 'data.zip' } })).toMatchObject({ type: 'document', document: { link: 'https://cdn.example/download', mimeType: 'application/zip', filename: 'data.zip' } });
		service().reset();
		expect(await bodyOf('sendMedia', { chatId: CHAT, mediaSource: 'base64', mediaBase64: 'aGVs\nbG8=', mediaMimeType: 'image/jpeg' })).toMatchObject({ type: 'image', image: { base64: 'aGVsbG8=', mimeType: 'image/jpeg' } });
		service().reset();
		expect(await bodyOf('sendMedia', { chatId: CHAT, mediaSource: 'message', sourceMessageId: INBOUND_ID, sendAs: 'sticker' })).toMatchObject({ type: 'sticker', sticker: { id: INBOUND_ID } });
	});

	test('media fields that cannot work are refused naming the field, before any request', async () => {
		expect(await errorOf('sendMedia', { chatId: CHAT, mediaSource: 'base64', mediaBase64: 'data:image/png;base64,aGVsbG8=', mediaMimeType: 'image/png' })).toBe('Base64 Content: remove the "data:…;base64," prefix');
		expect(await errorOf('sendMedia', { chatId: CHAT, mediaSource: 'base64', mediaBase64: 'aGVsbG8=', mediaMimeType: 'png' })).toBe('MIME Type: "png" is not a MIME type like image/png');
		expect(await errorOf('sendMedia', { chatId: CHAT, mediaSource: 'url', mediaUrl: 'ftp://x/y.png' })).toBe('URL: "ftp://x/y.png" is not an http(s) URL');
		expect(await errorOf('sendMedia', { chatId: CHAT, mediaSource: 'message', sourceMessageId: 'wamid.HBgLMTU1NTAxMjM0NTY3FQIAERgSQUJD' })).toBe('Message ID: "wamid.HBgLMTU1NTAxMjM0NTY3FQIAERgSQUJD" is not a WhatsApp Web message ID');
		expect(service().requests).toHaveLength(0);
	});

	test('location, contact card and poll in the service shapes', async () => {
		expect(await bodyOf('sendLocation', { chatId: CHAT, latitude: 52.52, longitude: 13.405, locationDetails: { name: 'Shop', address: 'Main St 1', url: 'https://shop.example' } })).toMatchObject({
			type: 'location',
			location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Main St 1', url: 'https://shop.example' },
		});
		service().reset();
		expect(await bodyOf('sendContact', { chatId: CHAT, contactName: 'Jane Doe', contactPhone: '1 202 555 0199', contactDetails: { organization: 'Acme', email: 'jane@acme.example' } })).toMatchObject({
			type: 'contacts',
			contacts: [{ name: { formatted_name: 'Jane Doe' }, phones: [{ phone: '+1 202 555 0199', wa_id: '12025550199', type: 'CELL' }], org: { company: 'Acme' }, emails: [{ email: 'jane@acme.example', type: 'WORK' }] }],
		});
		service().reset();
		expect(await bodyOf('sendPoll', { chatId: CHAT, pollQuestion: 'Which day?', pollAnswers: ['Mon', ' Tue '], allowMultipleAnswers: true })).toMatchObject({ type: 'poll', poll: { name: 'Which day?', options: ['Mon', 'Tue'], allowMultipleAnswers: true } });
	});

	test('a poll needs 2 to 12 different answers', async () => {
		expect(await errorOf('sendPoll', { chatId: CHAT, pollQuestion: 'Q', pollAnswers: ['Only'] })).toBe('Answers: a poll needs 2 to 12 answers (got 1)');
		expect(await errorOf('sendPoll', { chatId: CHAT, pollQuestion: 'Q', pollAnswers: ['A', 'A'] })).toBe('Answers: each answer must be different');
	});

	test('reply quotes the message and goes to its chat (a group here), or to another chat when asked', async () => {
		expect(await bodyOf('reply', { messageId: GROUP_MESSAGE_ID, replyWith: 'text', text: 'On it' })).toMatchObject({ to: GROUP, replyTo: GROUP_MESSAGE_ID, type: 'text', text: { body: 'On it' } });
		service().reset();
		expect(await bodyOf('reply', { messageId: GROUP_MESSAGE_ID, replyWith: 'location', latitude: 1, longitude: 2, sendOptions: { otherChat: '+1 555 000 1111' } })).toMatchObject({ to: '15550001111@c.us', replyTo: GROUP_MESSAGE_ID, type: 'location' });
		service().reset();
		expect(await bodyOf('reply', { messageId: INBOUND_ID, replyWith: 'poll', pollQuestion: 'OK?', pollAnswers: ['Yes', 'No'] })).toMatchObject({ to: CHAT, replyTo: INBOUND_ID, type: 'poll' });
	});

	test('react sends a reaction to the message, in its chat; an empty emoji removes it', async () => {
		expect(await bodyOf('react', { messageId: INBOUND_ID, emoji: '🙏' })).toEqual({ channel: 'web', from: 'sales', to: CHAT, type: 'reaction', reaction: { messageId: INBOUND_ID, emoji: '🙏' } });
		service().reset();
		expect(await bodyOf('react', { messageId: INBOUND_ID, emoji: '' })).toMatchObject({ reaction: { messageId: INBOUND_ID, emoji: '' } });
	});

	test('a chat that is neither a phone number nor a chat id, and a Cloud wamid for a Web message, fail naming their fields', async () => {
		expect(await errorOf('sendText', { chatId: 'Jane', text: 'x' })).toBe('Chat: "Jane" is not a phone number or a chat ID');
		expect(await errorOf('react', { messageId: 'wamid.ABC', emoji: 'x' })).toBe('Message ID: "wamid.ABC" is not a WhatsApp Web message ID');
		expect(await errorOf('sendText', { chatId: CHAT, text: 'x', sendOptions: { mentions: 'everyone' } })).toBe('Mentions: "everyone" is not a phone number or a user ID (…@c.us)');
		expect(service().requests).toHaveLength(0);
	});

	test("the service's refusal names its field; with Continue On Fail every item is sent and failures become paired error items", async () => {
		service().on('POST', '/v1/messages', (request) =>
			(request.body as IDataObject).to === CHAT
				? acceptWebMessages(request)
				: serviceError(409, 'channel_not_ready', 'Web session sales is not WORKING (SCAN_QR): link it first', { fields: [{ field: 'body.from', message: 'is not WORKING' }] }),
		);
		const parameters = { resource: 'message', operation: 'sendText', session: sessionNamed('sales'), chatId: '={{ $json.to }}', text: 'x' };
		const items = [{ to: CHAT }, { to: '15550009999@c.us' }];
		const failed = await n8n().run([web(parameters)], { items });
		expect(failed.nodeError('WhatsApp Web')).toMatchObject({ message: 'Web session sales is not WORKING (SCAN_QR): link it first', description: 'Fields: Session (body.from) is not WORKING' });

		const continued = await n8n().run([{ ...web(parameters), onError: 'continueRegularOutput' }], { items });
		const output = continued.items('WhatsApp Web');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ to: CHAT, status: 'sent' });
		expect(output[1].json).toEqual({ error: 'Web session sales is not WORKING (SCAN_QR): link it first', description: 'Fields: Session (body.from) is not WORKING' });
	});

	test("the service's field paths are named by this node's field labels", async () => {
		service().on('POST', '/v1/messages', serviceError(400, 'validation_failed', 'body.document.link could not be fetched: 404', { fields: [{ field: 'body.document.link', message: 'could not be fetched: 404' }] }));
		const run = await n8n().run([message('sendMedia', { chatId: CHAT, mediaSource: 'url', mediaUrl: 'https://cdn.example/missing.pdf' })]);
		expect(run.nodeError('WhatsApp Web')).toMatchObject({ message: 'URL (body.document.link) could not be fetched: 404', description: 'Fields: URL (body.document.link) could not be fetched: 404' });
	});

	test('edit sends the new text for the message to its session and outputs the edited message', async () => {
		const sent = `true_${CHAT}_3EB0C767D26A1D8F4B`;
		service().on('PATCH', '/v1/web/sessions/:name/messages/:id', (request) => ({ status: 200, json: { id: sent, type: 'text', direction: 'outbound', text: request.body } }));
		const run = await n8n().run([message('edit', { messageId: sent, text: 'See you at 6' })]);
		const [request] = service().calls('PATCH', /^\/v1\/web\/sessions\/sales\/messages\//);
		expect(request.path).toBe(`/v1/web/sessions/sales/messages/${encodeURIComponent(sent)}`);
		expect(request.body).toEqual({ text: 'See you at 6' });
		expect(run.items('WhatsApp Web')[0]?.json).toEqual({ session: 'sales', id: sent, type: 'text', direction: 'outbound', text: { text: 'See you at 6' } });
	});

	test('edit refuses empty text and a Cloud wamid naming the field, before any request; WhatsApp’s refusal comes back as the service says', async () => {
		expect(await errorOf('edit', { messageId: `true_${CHAT}_3EB0C767D26A1D8F4B`, text: '  ' })).toBe('New Text: enter the text the message should show');
		expect(await errorOf('edit', { messageId: 'wamid.HBgLMTIwMjU1NTAxMDgVAgARGBI', text: 'x' })).toContain('Message ID');
		expect(service().requests).toHaveLength(0);
		service().on('PATCH', '/v1/web/sessions/:name/messages/:id', serviceError(409, 'conflict', 'WhatsApp does not allow this: only your own messages can be edited'));
		const run = await n8n().run([message('edit', { messageId: INBOUND_ID, text: 'mine now' })]);
		expect(run.nodeError('WhatsApp Web')?.message).toContain('only your own messages can be edited');
	});

	test('delete is for everyone by default, or for this device only; the output names what was deleted', async () => {
		service().on('DELETE', '/v1/web/sessions/:name/messages/:id', (request) => ({ status: 200, json: { success: true, messageId: INBOUND_ID, forEveryone: request.query.forEveryone === 'true' } }));
		const everyone = await n8n().run([message('delete', { messageId: INBOUND_ID })]);
		const mine = await n8n().run([message('delete', { messageId: INBOUND_ID, deleteFor: 'me' })]);
		const calls = service().calls('DELETE', /^\/v1\/web\/sessions\/sales\/messages\//);
		expect(calls.map((call) => call.query.forEveryone)).toEqual(['true', 'false']);
		expect(calls[0]?.path).toBe(`/v1/web/sessions/sales/messages/${encodeURIComponent(INBOUND_ID)}`);
		expect(everyone.items('WhatsApp Web')[0]?.json).toEqual({ session: 'sales', chatId: CHAT, messageId: INBOUND_ID, deleted: true, forEveryone: true });
		expect(mine.items('WhatsApp Web')[0]?.json).toEqual({ session: 'sales', chatId: CHAT, messageId: INBOUND_ID, deleted: true, forEveryone: false });
	});

	test('forward sends the message to the chosen chat; a chat that is no chat is refused naming To Chat', async () => {
		service().on('POST', '/v1/web/sessions/:name/messages/:id/forward', (request) => ({ status: 200, json: { success: true, messageId: INBOUND_ID, to: (request.body as IDataObject).to } }));
		const run = await n8n().run([message('forward', { messageId: INBOUND_ID, chatId: GROUP })]);
		const [request] = service().calls('POST', /\/forward$/);
		expect(request?.path).toBe(`/v1/web/sessions/sales/messages/${encodeURIComponent(INBOUND_ID)}/forward`);
		expect(request?.body).toEqual({ to: GROUP });
		expect(run.items('WhatsApp Web')[0]?.json).toEqual({ session: 'sales', messageId: INBOUND_ID, fromChatId: CHAT, chatId: GROUP, forwarded: true });
		expect(await errorOf('forward', { messageId: INBOUND_ID, chatId: 'the sales team' })).toBe('To Chat: "the sales team" is not a phone number or a chat ID');
	});

	test('download media puts the file of a message into binary data', async () => {
		service().on('GET', '/v1/web/sessions/:name/messages/:id/media', { body: Buffer.from('JPEGDATA'), headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="cat.jpg"' } });
		const run = await n8n().run([message('downloadMedia', { messageId: INBOUND_ID, binaryPropertyName: 'photo' })]);
		expect(service().requests[0].path).toBe(`/v1/web/sessions/sales/messages/${encodeURIComponent(INBOUND_ID)}/media`);
		const [item] = run.items('WhatsApp Web');
		expect(item.json).toEqual({ session: 'sales', messageId: INBOUND_ID, mimeType: 'image/jpeg', size: 8, fileName: 'cat.jpg' });
		expect(item.binary?.photo).toMatchObject({ mimeType: 'image/jpeg', fileName: 'cat.jpg' });
		expect((await binaryContent(item.binary?.photo as IBinaryData)).toString()).toBe('JPEGDATA');
	});
});
