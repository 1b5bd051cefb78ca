import { testDialects } from '../../../support/databases';
import { call, fakeClientOf, linkSession, startWebWorld, storedEvents, subscribeAll, waitFor, type WebWorld } from './webHarness';

const CALLER = '15550009301@c.us';
const GROUP = '120363000000009301@g.us';

describe.each(testDialects())('WhatsApp Web calls on %s', (dialect) => {
	let world: WebWorld;
	beforeAll(async () => {
		world = await startWebWorld(dialect);
		await subscribeAll(world);
	});
	afterAll(() => world.service.stop());

	const callEvent = async (callId: string) => {
		await waitFor(async () => (await storedEvents(world, 'call.received')).some((event) => event.data.callId === callId), `call.received for ${callId}`);
		return (await storedEvents(world, 'call.received')).find((event) => event.data.callId === callId)?.data;
	};
	const reject = (session: string, callId: string) => call(world, world.sender, 'POST', `/v1/web/sessions/${session}/calls/${callId}/reject`);

	test('a ringing call is a call.received event; the API declines it while it rings, and not twice', async () => {
		await linkSession(world, 'desk');
		const client = await fakeClientOf(world, 'desk');
		const ringing = client.calls.ring({ from: CALLER, isVideo: true });
		expect(await callEvent(ringing.id)).toMatchObject({ channel: 'web', callId: ringing.id, chatId: CALLER, from: CALLER, isVideo: true, isGroup: false, rejected: false });
		expect(client.calls.declined).toEqual([]);

		const declined = await reject('desk', ringing.id);
		expect(declined.statusCode).toBe(200);
		expect(declined.json()).toEqual({ success: true, callId: ringing.id, rejected: true });
		expect(client.calls.declined.map((c) => c.id)).toEqual([ringing.id]);
		const again = await reject('desk', ringing.id);
		expect(again.statusCode).toBe(404);
		expect(again.json().error.message).toMatch(/No such call is ringing/);
	});

	test('a session set to reject calls declines each at once, tells a person why in their chat, and says so in the event', async () => {
		const message = 'We cannot take calls here; please write to us.';
		await linkSession(world, 'shop', { settings: { rejectCalls: true, rejectCallMessage: message } });
		const client = await fakeClientOf(world, 'shop');
		const ringing = client.calls.ring({ from: CALLER });
		expect(await callEvent(ringing.id)).toMatchObject({ from: CALLER, isVideo: false, rejected: true });
		expect(client.calls.declined.map((c) => c.id)).toEqual([ringing.id]);
		await waitFor(async () => (await storedEvents(world, 'message.sent')).some((event) => event.data.chatId === CALLER && (event.data.text as { body?: string } | undefined)?.body === message), 'the explanation to the caller');

		// A group call is declined too, without a message to the group.
		const groupCall = client.calls.ring({ from: GROUP, isGroup: true });
		expect(await callEvent(groupCall.id)).toMatchObject({ isGroup: true, rejected: true });
		expect((await storedEvents(world, 'message.sent')).filter((event) => event.data.chatId === GROUP)).toEqual([]);
	});

	test('settings are checked: an empty message is 400 naming it', async () => {
		const bad = await call(world, world.admin, 'POST', '/v1/web/sessions', { name: 'badcalls', start: false, settings: { rejectCalls: true, rejectCallMessage: '' } });
		expect(bad.statusCode).toBe(400);
		expect(JSON.stringify(bad.json().error.details)).toContain('body.settings.rejectCallMessage');
	});
});

describe('the fake driver lets a call ring for 45 seconds', () => {
	afterEach(() => jest.restoreAllMocks());

	test('declining after that is call_not_found, as the call became a missed one', async () => {
		const { FakeCalls } = await import('../../../../service/src/channels/web/driver/fake/fakeCalls');
		let now = Date.parse('2026-11-28T12:00:00Z');
		jest.spyOn(Date, 'now').mockImplementation(() => now);
		const calls = new FakeCalls(() => undefined, () => undefined);
		const late = calls.ring({ from: CALLER });
		const inTime = calls.ring({ from: CALLER });
		now += 44_000;
		await calls.rejectCall(inTime.id);
		now += 2_000;
		await expect(calls.rejectCall(late.id)).rejects.toMatchObject({ code: 'call_not_found' });
		expect(calls.declined.map((c) => c.id)).toEqual([inTime.id]);
	});
});
