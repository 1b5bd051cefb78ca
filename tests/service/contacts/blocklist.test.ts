import { testDialects } from '../../support/databases';
import { META, send, startCloudWorld, type CloudWorld } from '../channels/cloud/cloudHarness';
import { call, linkSession, phoneOf, startWebWorld, type WebWorld } from '../channels/web/webHarness';

const WROTE = '16505550111';
const SILENT = '16505550122';

describe.each(testDialects())('blocking people on %s', (dialect) => {
	describe('Cloud API (Meta simulator)', () => {
		let world: CloudWorld;
		beforeAll(async () => {
			world = await startCloudWorld(dialect);
		});
		afterAll(() => world.close());

		const post = (change: 'block' | 'unblock', users: string[]) => world.service.app.inject({ method: 'POST', url: `/v1/contacts/${change}`, headers: world.sender, payload: { channel: 'cloud', users } });
		const listed = async () => (await world.service.app.inject({ method: 'GET', url: '/v1/contacts/blocked?channel=cloud', headers: world.sender })).json();

		test('someone who wrote in the last 24 hours is blocked; someone who did not gets Meta’s refusal as their own result, and the call still answers 200', async () => {
			world.sim.simulator.windows.open(META.phoneNumberId, WROTE, world.sim.simulator.clock.now());
			const answer = await post('block', [`+${WROTE}`, SILENT]);
			expect(answer.statusCode).toBe(200);
			expect(answer.json()).toEqual({
				account: { channel: 'cloud', id: META.phoneNumberId },
				data: [
					{ input: `+${WROTE}`, user: WROTE, ok: true },
					{ input: SILENT, user: SILENT, ok: false, code: 131047, message: 'Re-engagement required: User has not messaged in the last 24 hours' },
				],
			});
			expect(world.sim.simulator.blocklists.of(META.phoneNumberId)).toEqual([WROTE]);
			expect(await listed()).toEqual({ account: { channel: 'cloud', id: META.phoneNumberId }, data: [WROTE] });
		});

		test('unblocking needs no recent message, and empties the list', async () => {
			const answer = await post('unblock', [WROTE, SILENT]);
			expect(answer.json().data).toEqual([
				{ input: WROTE, user: WROTE, ok: true },
				{ input: SILENT, user: SILENT, ok: true },
			]);
			expect((await listed()).data).toEqual([]);
		});

		test('a person who is no phone number is 400 naming them, and Meta is not asked', async () => {
			const before = world.sim.simulator.stats.snapshot();
			const answer = await post('block', [WROTE, 'not a number']);
			expect(answer.statusCode).toBe(400);
			expect(answer.json().error.details.fields).toEqual([expect.objectContaining({ field: 'body.users[1]' })]);
			const empty = await world.service.app.inject({ method: 'POST', url: '/v1/contacts/block', headers: world.sender, payload: { channel: 'cloud', users: [] } });
			expect(empty.statusCode).toBe(400);
			expect(world.sim.simulator.stats.snapshot()).toEqual(before);
			// Sending still works for people never blocked.
			expect((await send(world, { type: 'text', text: { body: 'still here' } })).statusCode).toBe(201);
		});
	});

	describe('WhatsApp Web (fake driver)', () => {
		let world: WebWorld;
		const PEER = '15550004001@c.us';
		beforeAll(async () => {
			world = await startWebWorld(dialect);
			await linkSession(world, 'desk');
		});
		afterAll(() => world.service.stop());

		const post = (change: 'block' | 'unblock', users: string[]) => call(world, world.sender, 'POST', `/v1/contacts/${change}`, { channel: 'web', from: 'desk', users });
		const sendText = (to: string) => call(world, world.sender, 'POST', '/v1/messages', { channel: 'web', from: 'desk', to, type: 'text', text: { body: 'hello' } });

		test('a blocked person can neither be written to (409) nor reach the session; unblocked, both work again', async () => {
			const blocked = await post('block', ['+1 555 000 4001', '99900000001']);
			expect(blocked.statusCode).toBe(200);
			expect(blocked.json().data).toEqual([
				{ input: '+1 555 000 4001', user: PEER, ok: true },
				expect.objectContaining({ input: '99900000001', user: '99900000001@c.us', ok: false, code: 'chat_not_found' }),
			]);
			expect((await call(world, world.sender, 'GET', '/v1/contacts/blocked?channel=web&from=desk')).json().data).toEqual([PEER]);

			const refused = await sendText(PEER);
			expect(refused.statusCode).toBe(409);
			expect(refused.json().error.message).toContain('blocked');
			const phone = await phoneOf(world, 'desk');
			expect(() => phone.receive({ type: 'chat', from: PEER, body: 'let me in' })).toThrow(/blocked/);

			expect((await post('unblock', [PEER])).json().data).toEqual([{ input: PEER, user: PEER, ok: true }]);
			expect((await sendText(PEER)).statusCode).toBe(201);
			expect(phone.receive({ type: 'chat', from: PEER, body: 'thanks' }).body).toBe('thanks');
		});
	});
});
