import { createSandbox, expectGraphError, IDS, openWindow, type Sandbox, textMessage } from './harness';

let sandbox: Sandbox;
let imageId: string;
beforeEach(async () => {
	sandbox = await createSandbox();
	await openWindow(sandbox);
	const media = await sandbox.control('POST', '/media', { phoneNumberId: IDS.phoneNumberId, mimeType: 'image/jpeg' });
	imageId = media.json().id;
});
afterEach(() => sandbox.close());

const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+1 (650) 555-1234' };
const longText = (n: number) => 'x'.repeat(n);

function button(i: number, title = `Option ${i}`) {
	return { type: 'reply', reply: { id: `opt-${i}`, title } };
}

function list(sections: number, rowsPerSection: number) {
	return {
		...base,
		type: 'interactive',
		interactive: {
			type: 'list',
			body: { text: 'Pick one' },
			action: {
				button: 'Choose',
				sections: Array.from({ length: sections }, (_, s) => ({
					title: `Section ${s}`,
					rows: Array.from({ length: rowsPerSection }, (_, r) => ({ id: `row-${s}-${r}`, title: `Row ${r}` })),
				})),
			},
		},
	};
}

describe('sending: accepted bodies', () => {
	const valid: Array<[string, () => Record<string, unknown>]> = [
		['text with preview_url', () => ({ ...base, type: 'text', text: { body: 'see https://example.com', preview_url: true } })],
		['text at exactly 4096 characters', () => ({ ...base, type: 'text', text: { body: longText(4096) } })],
		['image by id with caption', () => ({ ...base, type: 'image', image: { id: imageId, caption: longText(1024) } })],
		['image by link', () => ({ ...base, type: 'image', image: { link: 'https://example.com/a.jpg' } })],
		['video by link with caption', () => ({ ...base, type: 'video', video: { link: 'https://example.com/a.mp4', caption: 'clip' } })],
		['audio by link', () => ({ ...base, type: 'audio', audio: { link: 'https://example.com/a.ogg' } })],
		['document with caption and filename', () => ({ ...base, type: 'document', document: { link: 'https://example.com/a.pdf', caption: 'invoice', filename: 'invoice.pdf' } })],
		['sticker by link', () => ({ ...base, type: 'sticker', sticker: { link: 'https://example.com/a.webp' } })],
		['location with numbers', () => ({ ...base, type: 'location', location: { latitude: 37.48, longitude: -122.14, name: 'HQ', address: '1 Way' } })],
		['location with numeric strings', () => ({ ...base, type: 'location', location: { latitude: '37.48', longitude: '-122.14' } })],
		['contacts', () => ({ ...base, type: 'contacts', contacts: [{ name: { formatted_name: 'Ada L', first_name: 'Ada' }, phones: [{ phone: '+1 555', type: 'WORK' }] }] })],
		['reaction', () => ({ ...base, type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '👍' } })],
		['reaction removal (empty emoji)', () => ({ ...base, type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '' } })],
		['interactive reply buttons (3)', () => ({ ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [button(1), button(2), button(3)] } } })],
		['interactive list (10 rows)', () => list(1, 10)],
		[
			'interactive cta_url with image header',
			() => ({
				...base,
				type: 'interactive',
				interactive: {
					type: 'cta_url',
					header: { type: 'image', image: { link: 'https://example.com/h.jpg' } },
					body: { text: 'Tap below' },
					action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://example.com' } },
				},
			}),
		],
		[
			'interactive flow',
			() => ({
				...base,
				type: 'interactive',
				interactive: {
					type: 'flow',
					body: { text: 'Fill in' },
					action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '123', flow_cta: 'Start', flow_token: 't', flow_action: 'navigate', flow_action_payload: { screen: 'A' } } },
				},
			}),
		],
		['interactive product', () => ({ ...base, type: 'interactive', interactive: { type: 'product', action: { catalog_id: '1', product_retailer_id: 'sku' } } })],
		['context reply and biz_opaque_callback_data', () => ({ ...textMessage(), context: { message_id: 'wamid.PREV' }, biz_opaque_callback_data: 'tracking-1' })],
		['type omitted defaults to the one object present', () => ({ messaging_product: 'whatsapp', to: IDS.user, text: { body: 'no type' } })],
		['recipient_type omitted', () => ({ messaging_product: 'whatsapp', to: IDS.user, type: 'text', text: { body: 'hi' } })],
	];

	test.each(valid)('%s', async (_name, build) => {
		const response = await sandbox.send(build());
		expect(response.statusCode).toBe(200);
		const body = response.json();
		expect(body.messaging_product).toBe('whatsapp');
		expect(body.contacts[0].wa_id).toMatch(/^\d+$/);
		expect(body.messages[0].id).toMatch(/^wamid\./);
	});

	test('contacts echo the input and normalise wa_id; wamids are unique', async () => {
		const ids = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const body = (await sandbox.send({ ...base, type: 'text', text: { body: `n${i}` } })).json();
			expect(body.contacts).toEqual([{ input: '+1 (650) 555-1234', wa_id: '16505551234' }]);
			ids.add(body.messages[0].id);
		}
		expect(ids.size).toBe(20);
	});

	test('mark as read and typing indicator answer {success:true}', async () => {
		const read = await sandbox.send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X' });
		expect(read.statusCode).toBe(200);
		expect(read.json()).toEqual({ success: true });
		const typing = await sandbox.send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X', typing_indicator: { type: 'text' } });
		expect(typing.json()).toEqual({ success: true });
		expect(sandbox.sim.stats.snapshot().sends.typingIndicators).toBe(1);
	});

	test('accepted sends are listed by the control API, filtered by number and recipient', async () => {
		await sandbox.send(textMessage(IDS.user, 'one'));
		await sandbox.send(textMessage('447700900123', 'two'));
		const all = (await sandbox.control('GET', '/messages')).json().data;
		expect(all).toHaveLength(2);
		const filtered = (await sandbox.control('GET', `/messages?phoneNumberId=${IDS.phoneNumberId}&to=${IDS.user}`)).json().data;
		expect(filtered).toHaveLength(1);
		expect(filtered[0].request.text.body).toBe('one');
	});
});

describe('sending: refused bodies', () => {
	const invalid: Array<[string, () => unknown, number, RegExp]> = [
		['messaging_product missing', () => ({ to: IDS.user, type: 'text', text: { body: 'x' } }), 100, /messaging_product is required/],
		['messaging_product not whatsapp', () => ({ ...textMessage(), messaging_product: 'sms' }), 100, /messaging_product/],
		['to missing', () => ({ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }), 100, /parameter to is required/],
		['to not a phone number', () => ({ ...textMessage(), to: 'alice' }), 100, /Param to/],
		['unknown type', () => ({ ...textMessage(), type: 'hologram' }), 100, /Param type must be one of/],
		['recipient_type unknown', () => ({ ...textMessage(), recipient_type: 'everyone' }), 100, /recipient_type/],
		['text body missing', () => ({ ...base, type: 'text', text: {} }), 100, /text\.body is required/],
		['text over 4096', () => ({ ...base, type: 'text', text: { body: longText(4097) } }), 100, /text\.body must be at most 4096/],
		['text object missing', () => ({ ...base, type: 'text' }), 100, /parameter text is required/],
		['preview_url not boolean', () => ({ ...base, type: 'text', text: { body: 'x', preview_url: 'yes' } }), 100, /text\.preview_url/],
		['image with both id and link', () => ({ ...base, type: 'image', image: { id: imageId, link: 'https://e.com/a.jpg' } }), 100, /image must contain either id or link, not both/],
		['image with neither id nor link', () => ({ ...base, type: 'image', image: { caption: 'x' } }), 100, /image\.id or image\.link is required/],
		['caption over 1024', () => ({ ...base, type: 'image', image: { link: 'https://e.com/a.jpg', caption: longText(1025) } }), 100, /image\.caption must be at most 1024/],
		['audio with a caption', () => ({ ...base, type: 'audio', audio: { link: 'https://e.com/a.ogg', caption: 'no' } }), 100, /audio\.caption is not allowed/],
		['sticker with a caption', () => ({ ...base, type: 'sticker', sticker: { link: 'https://e.com/a.webp', caption: 'no' } }), 100, /sticker\.caption/],
		['image with a filename', () => ({ ...base, type: 'image', image: { link: 'https://e.com/a.jpg', filename: 'a.jpg' } }), 100, /image\.filename is not allowed/],
		['unknown media id', () => ({ ...base, type: 'image', image: { id: '424242' } }), 100, /image\.id is not a valid whatsapp business account media attachment ID/],
		['location without latitude', () => ({ ...base, type: 'location', location: { longitude: 1 } }), 100, /location\.latitude is required/],
		['location latitude out of range', () => ({ ...base, type: 'location', location: { latitude: 91, longitude: 1 } }), 100, /location\.latitude/],
		['contacts empty', () => ({ ...base, type: 'contacts', contacts: [] }), 100, /contacts must have at least 1/],
		['contacts over 5', () => ({ ...base, type: 'contacts', contacts: Array.from({ length: 6 }, () => ({ name: { formatted_name: 'A' } })) }), 100, /contacts must have at most 5/],
		['contact without formatted_name', () => ({ ...base, type: 'contacts', contacts: [{ name: { first_name: 'A' } }] }), 100, /contacts\[0\]\.name\.formatted_name is required/],
		['reaction without message_id', () => ({ ...base, type: 'reaction', reaction: { emoji: '👍' } }), 100, /reaction\.message_id is required/],
		['four reply buttons', () => ({ ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [button(1), button(2), button(3), button(4)] } } }), 100, /interactive\.action\.buttons must have at most 3/],
		['button title over 20', () => ({ ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [button(1, longText(21))] } } }), 100, /buttons\[0\]\.reply\.title must be at most 20/],
		['duplicate button ids', () => ({ ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [button(1), button(1, 'Other')] } } }), 100, /must be unique/],
		['interactive without body', () => ({ ...base, type: 'interactive', interactive: { type: 'button', action: { buttons: [button(1)] } } }), 100, /interactive\.body is required/],
		['interactive body over 1024', () => ({ ...base, type: 'interactive', interactive: { type: 'button', body: { text: longText(1025) }, action: { buttons: [button(1)] } } }), 100, /interactive\.body\.text/],
		['header text over 60', () => ({ ...base, type: 'interactive', interactive: { type: 'button', header: { type: 'text', text: longText(61) }, body: { text: 'x' }, action: { buttons: [button(1)] } } }), 100, /interactive\.header\.text/],
		['footer over 60', () => ({ ...base, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, footer: { text: longText(61) }, action: { buttons: [button(1)] } } }), 100, /interactive\.footer\.text/],
		['list with 11 rows in a section', () => list(1, 11), 100, /rows must have at most 10/],
		['list with 11 sections', () => list(11, 1), 100, /sections must have at most 10/],
		['list with more than 10 rows in total', () => list(2, 6), 100, /at most 10 rows in total/],
		['list row title over 24', () => ({ ...list(1, 1), interactive: { type: 'list', body: { text: 'x' }, action: { button: 'B', sections: [{ rows: [{ id: 'a', title: longText(25) }] }] } } }), 100, /rows\[0\]\.title must be at most 24/],
		['list button label over 20', () => ({ ...list(1, 1), interactive: { type: 'list', body: { text: 'x' }, action: { button: longText(21), sections: [{ rows: [{ id: 'a', title: 'A' }] }] } } }), 100, /action\.button must be at most 20/],
		['unknown interactive type', () => ({ ...base, type: 'interactive', interactive: { type: 'carousel3d', body: { text: 'x' }, action: {} } }), 100, /interactive\.type must be one of/],
		['cta_url with a non-http url', () => ({ ...base, type: 'interactive', interactive: { type: 'cta_url', body: { text: 'x' }, action: { name: 'cta_url', parameters: { display_text: 'Go', url: 'ftp://x' } } } }), 100, /parameters\.url/],
		['flow with both flow_id and flow_name', () => ({ ...base, type: 'interactive', interactive: { type: 'flow', body: { text: 'x' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '1', flow_name: 'n', flow_cta: 'Go' } } } }), 100, /either flow_id or flow_name/],
		['recipient is the sender', () => textMessage('15550783881'), 131021, /same/],
		['body not an object', () => [1, 2], 100, /JSON object/],
	];

	test.each(invalid)('%s', async (_name, build, code, details) => {
		const error = expectGraphError(await sandbox.send(build()), code, 400);
		expect(error.error_data?.details).toMatch(details);
		expect(error.error_data?.messaging_product ?? 'whatsapp').toBe('whatsapp');
	});

	test('refused sends are counted per code and as rejected', async () => {
		await sandbox.send({ ...base, type: 'text', text: {} });
		const stats = (await sandbox.control('GET', '/stats')).json();
		expect(stats.errorsByCode['100']).toBe(1);
		expect(stats.sends.rejected).toBe(1);
	});

	test('mark as read requires message_id and a known status', async () => {
		expectGraphError(await sandbox.send({ messaging_product: 'whatsapp', status: 'read' }), 100, 400);
		expectGraphError(await sandbox.send({ messaging_product: 'whatsapp', status: 'unread', message_id: 'wamid.X' }), 100, 400);
		expectGraphError(await sandbox.send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X', typing_indicator: { type: 'voice' } }), 100, 400);
	});
});
