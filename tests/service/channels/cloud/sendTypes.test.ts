import { testDialects } from '../../../support/databases';
import { META, multipartBody, pngBytes, send, startCloudWorld, type CloudWorld } from './cloudHarness';

/** What the service sent to Graph for the message it answered with. */
function graphRequestOf(world: CloudWorld, providerMessageId: string): Record<string, unknown> {
	const record = world.sim.simulator.messages.getSent(providerMessageId);
	if (!record) throw new Error(`the simulator never accepted ${providerMessageId}`);
	return record.request;
}

describe.each(testDialects())('Cloud sends of every type on %s', (dialect) => {
	let world: CloudWorld;
	let uploadedImageId: string;
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
		const templates = world.sim.simulator;
		templates.upsertTemplate({
			wabaId: META.wabaId,
			name: 'order_update',
			language: 'en_US',
			category: 'UTILITY',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
				{ type: 'BODY', text: 'Hi {{1}}, you owe {{2}} by {{3}} today.' },
				{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Cancel' }, { type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}' }] },
			],
		});
		templates.upsertTemplate({
			wabaId: META.wabaId,
			name: 'receipt_named',
			language: 'en',
			category: 'UTILITY',
			parameterFormat: 'NAMED',
			components: [
				{ type: 'HEADER', format: 'IMAGE' },
				{ type: 'BODY', text: 'Thanks {{customer_name}} for order {{order_id}} today.' },
			],
		});
		const form = multipartBody({}, { name: 'file', filename: 'cat.png', contentType: 'image/png', data: pngBytes() });
		const uploaded = await world.service.app.inject({ method: 'POST', url: '/v1/media', headers: { ...world.sender, ...form.headers }, payload: form.payload });
		expect(uploaded.statusCode).toBe(201);
		uploadedImageId = uploaded.json().id;
	});
	afterAll(() => world.close());

	const cases: Array<[string, () => Record<string, unknown>, (request: Record<string, unknown>) => void]> = [
		['text with preview_url', () => ({ type: 'text', text: { body: 'See https://example.com', previewUrl: true } }), (r) => expect(r.text).toEqual({ body: 'See https://example.com', preview_url: true })],
		['image by link with caption', () => ({ type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'A cat' } }), (r) => expect(r.image).toEqual({ link: 'https://example.com/a.jpg', caption: 'A cat' })],
		['image by uploaded id', () => ({ type: 'image', image: { id: uploadedImageId } }), (r) => expect(r.image).toEqual({ id: uploadedImageId })],
		['video by link with caption', () => ({ type: 'video', video: { link: 'https://example.com/v.mp4', caption: 'Clip' } }), (r) => expect(r.video).toEqual({ link: 'https://example.com/v.mp4', caption: 'Clip' })],
		['audio by link', () => ({ type: 'audio', audio: { link: 'https://example.com/a.ogg' } }), (r) => expect(r.audio).toEqual({ link: 'https://example.com/a.ogg' })],
		['document with filename and caption', () => ({ type: 'document', document: { link: 'https://example.com/r.pdf', filename: 'report.pdf', caption: 'Q3' } }), (r) => expect(r.document).toEqual({ link: 'https://example.com/r.pdf', filename: 'report.pdf', caption: 'Q3' })],
		['sticker by link', () => ({ type: 'sticker', sticker: { link: 'https://example.com/s.webp' } }), (r) => expect(r.sticker).toEqual({ link: 'https://example.com/s.webp' })],
		['location', () => ({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Office', address: 'Berlin' } }), (r) => expect(r.location).toEqual({ latitude: 52.52, longitude: 13.405, name: 'Office', address: 'Berlin' })],
		[
			'contacts',
			() => ({ type: 'contacts', contacts: [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' }, phones: [{ phone: '+1 555 0100', type: 'WORK' }], emails: [{ email: 'ada@example.com' }] }] }),
			(r) => expect((r.contacts as Array<{ name: { formatted_name: string } }>)[0]!.name.formatted_name).toBe('Ada Lovelace'),
		],
		[
			'interactive reply buttons with a header',
			() => ({ type: 'interactive', interactive: { type: 'button', header: { type: 'text', text: 'Choose' }, body: { text: 'Pick one' }, footer: { text: 'Thanks' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] } } }),
			(r) => expect((r.interactive as { action: { buttons: unknown[] } }).action.buttons).toHaveLength(2),
		],
		[
			'interactive list',
			() => ({ type: 'interactive', interactive: { type: 'list', body: { text: 'Menu' }, action: { button: 'Open', sections: [{ title: 'Food', rows: [{ id: 'pizza', title: 'Pizza', description: 'Hot' }] }, { title: 'Drinks', rows: [{ id: 'tea', title: 'Tea' }] }] } } }),
			(r) => expect((r.interactive as { type: string }).type).toBe('list'),
		],
		[
			'interactive cta_url',
			() => ({ type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Our site' }, action: { name: 'cta_url', parameters: { display_text: 'Visit', url: 'https://example.com' } } } }),
			(r) => expect((r.interactive as { action: { parameters: { url: string } } }).action.parameters.url).toBe('https://example.com'),
		],
		[
			'interactive flow',
			() => ({ type: 'interactive', interactive: { type: 'flow', body: { text: 'Book' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '123456', flow_cta: 'Book now', flow_token: 'tok-1', flow_action: 'navigate', flow_action_payload: { screen: 'START' } } } } }),
			(r) => expect((r.interactive as { action: { parameters: { flow_id: string } } }).action.parameters.flow_id).toBe('123456'),
		],
		[
			'template with a text header, positional, currency and date_time body parameters and two buttons',
			() => ({
				type: 'template',
				template: {
					name: 'order_update',
					language: 'en_US',
					components: [
						{ type: 'header', parameters: [{ type: 'text', text: 'A-17' }] },
						{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'currency', currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 } }, { type: 'date_time', date_time: { fallback_value: 'May 1' } }] },
						{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'CANCEL' }] },
						{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-17' }] },
					],
				},
			}),
			(r) => expect(r.template).toMatchObject({ name: 'order_update', language: { code: 'en_US' } }),
		],
		[
			'template with an image header and named body parameters',
			() => ({
				type: 'template',
				template: {
					name: 'receipt_named',
					language: { code: 'en', policy: 'deterministic' },
					components: [
						{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/r.png' } }] },
						{ type: 'body', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Ada' }, { type: 'text', parameter_name: 'order_id', text: 'A-17' }] },
					],
				},
			}),
			(r) => expect(r.template).toMatchObject({ name: 'receipt_named', language: { code: 'en', policy: 'deterministic' } }),
		],
		['reaction', () => ({ type: 'reaction', reaction: { messageId: 'wamid.earlier', emoji: '👍' } }), (r) => expect(r.reaction).toEqual({ message_id: 'wamid.earlier', emoji: '👍' })],
		['a reply quoting an earlier message', () => ({ type: 'text', text: { body: 'Answer' }, replyTo: 'wamid.quoted', bizOpaqueCallbackData: 'tracking-7' }), (r) => expect(r).toMatchObject({ context: { message_id: 'wamid.quoted' }, biz_opaque_callback_data: 'tracking-7' })],
	];

	test.each(cases)('%s is sent in Meta’s shape and recorded as accepted', async (_name, body, check) => {
		const response = await send(world, body());
		expect(response.statusCode).toBe(201);
		const sent = response.json();
		expect(sent).toMatchObject({ channel: 'cloud', from: META.phoneNumberId, status: 'accepted', replayed: false });
		const request = graphRequestOf(world, sent.providerMessageId);
		expect(request).toMatchObject({ messaging_product: 'whatsapp', to: META.user });
		check(request);
	});

	test('inline base64 media is uploaded to the number first, then sent by its media id', async () => {
		const data = pngBytes(200);
		const uploadsBefore = world.sim.simulator.stats.mediaUploaded;
		const response = await send(world, { type: 'image', image: { base64: data.toString('base64'), mimeType: 'image/png', caption: 'Inline' } });
		expect(response.statusCode).toBe(201);
		expect(world.sim.simulator.stats.mediaUploaded).toBe(uploadsBefore + 1);
		const request = graphRequestOf(world, response.json().providerMessageId) as { image: { id: string; caption: string } };
		expect(request.image.caption).toBe('Inline');
		expect(world.sim.simulator.media.get(request.image.id)?.data.equals(data)).toBe(true);
	});

	test('mark as read with typing reaches Meta as one read receipt with a typing indicator', async () => {
		const before = world.sim.simulator.stats.snapshot().sends;
		const response = await world.service.app.inject({ method: 'POST', url: '/v1/messages/read', headers: world.sender, payload: { channel: 'cloud', messageId: 'wamid.inbound1', typing: true } });
		expect(response.statusCode).toBe(200);
		const after = world.sim.simulator.stats.snapshot().sends;
		expect(after.markedRead).toBe(before.markedRead + 1);
		expect(after.typingIndicators).toBe(before.typingIndicators + 1);
	});

	test('a repeated Idempotency-Key sends nothing twice', async () => {
		const first = await send(world, { type: 'text', text: { body: 'once' } }, { 'idempotency-key': 'same-key-1' });
		const accepted = world.sim.simulator.stats.sendsAccepted;
		const second = await send(world, { type: 'text', text: { body: 'once' } }, { 'idempotency-key': 'same-key-1' });
		expect(second.statusCode).toBe(200);
		expect(second.json()).toMatchObject({ id: first.json().id, replayed: true });
		expect(world.sim.simulator.stats.sendsAccepted).toBe(accepted);
	});
});
