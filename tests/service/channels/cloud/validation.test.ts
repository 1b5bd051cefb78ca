import { testDialects } from '../../../support/databases';
import { send, startCloudWorld, type CloudWorld } from './cloudHarness';

const buttons = (count: number) => Array.from({ length: count }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Button ${i}` } }));
const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));

describe.each(testDialects())('Cloud validation before anything leaves, on %s', (dialect) => {
	let world: CloudWorld;
	beforeAll(async () => {
		world = await startCloudWorld(dialect);
	});
	afterAll(() => world.close());

	const refusals: Array<[string, Record<string, unknown>, string]> = [
		['a text body over 4096 characters', { type: 'text', text: { body: 'x'.repeat(4097) } }, 'body.text.body'],
		['a caption over 1024 characters', { type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'c'.repeat(1025) } }, 'body.image.caption'],
		['media with both id and link', { type: 'video', video: { id: '123', link: 'https://example.com/v.mp4' } }, 'body.video'],
		['media with neither id nor link', { type: 'document', document: { caption: 'nothing' } }, 'body.document'],
		['a caption on audio', { type: 'audio', audio: { link: 'https://example.com/a.ogg', caption: 'no' } }, 'body.audio.caption'],
		['a link that is not http(s)', { type: 'image', image: { link: 'ftp://example.com/a.jpg' } }, 'body.image.link'],
		['inline media without a mime type', { type: 'image', image: { base64: 'aGVsbG8=' } }, 'body.image.mimeType'],
		['inline media of a type WhatsApp refuses', { type: 'image', image: { base64: 'aGVsbG8=', mimeType: 'image/gif' } }, 'body.image.base64'],
		['four reply buttons', { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: buttons(4) } } }, 'body.interactive.action.buttons'],
		['a button title over 20 characters', { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'This title is far too long' } }] } } }, 'body.interactive.action.buttons[0].reply.title'],
		['eleven list rows', { type: 'interactive', interactive: { type: 'list', body: { text: 'Menu' }, action: { button: 'Open', sections: [{ title: 'All', rows: rows(11) }] } } }, 'body.interactive.action.sections[0].rows'],
		['a list row title over 24 characters', { type: 'interactive', interactive: { type: 'list', body: { text: 'Menu' }, action: { button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A row title that is too long' }] }] } } }, 'body.interactive.action.sections[0].rows[0].title'],
		['a cta_url display text over 20 characters', { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Go' }, action: { name: 'cta_url', parameters: { display_text: 'Visit our lovely website', url: 'https://example.com' } } } }, 'body.interactive.action.parameters.display_text'],
		['a template component of an unknown type', { type: 'template', template: { name: 'order_update', language: 'en_US', components: [{ type: 'sidebar', parameters: [] }] } }, 'body.template.components[0].type'],
		['a currency parameter without its code', { type: 'template', template: { name: 'x', language: 'en', components: [{ type: 'body', parameters: [{ type: 'currency', currency: { fallback_value: '$1', amount_1000: 1000 } }] }] } }, 'body.template.components[0].parameters[0].currency.code'],
		['a reaction without its message id', { type: 'reaction', reaction: { messageId: '', emoji: '👍' } }, 'body.reaction.messageId'],
	];

	test.each(refusals)('%s is refused with 400 naming the field, and Graph is never called', async (_name, body, field) => {
		const before = world.sim.simulator.stats.graphRequests;
		const response = await send(world, body);
		expect(response.statusCode).toBe(400);
		const error = response.json().error;
		expect(error.code).toBe('validation_failed');
		expect(error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
		expect(world.sim.simulator.stats.graphRequests).toBe(before);
	});

	test.each([
		['a poll', { type: 'poll', poll: { name: 'Lunch?', options: ['Yes', 'No'] } }, 'Poll messages'],
		['mentions', { type: 'text', text: { body: 'Hi @1' }, mentions: ['15550001111@c.us'] }, 'Mentions'],
	])('%s is answered 422 not supported on cloud', async (_name, body, feature) => {
		const response = await send(world, body);
		expect(response.statusCode).toBe(422);
		expect(response.json().error).toMatchObject({ code: 'not_supported_on_channel', details: { channel: 'cloud', feature } });
	});
});
