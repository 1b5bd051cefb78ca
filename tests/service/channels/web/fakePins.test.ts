import type { StoredMessage } from '../../../../service/src/channels/web/driver/fake/fakeChatMemory';
import { FakePins } from '../../../../service/src/channels/web/driver/fake/fakePins';
import type { WebMessage } from '../../../../service/src/channels/web/driver/messageSnapshot';
import { PIN_DURATIONS } from '../../../../service/src/channels/web/driver/webPins';

const CHAT = '15550009201@c.us';
const stored = (key: string): StoredMessage => ({ snapshot: { id: { fromMe: false, remote: CHAT, id: key, _serialized: `false_${CHAT}_${key}` }, type: 'chat', isStatus: false } as unknown as StoredMessage['snapshot'] });

describe('the fake driver unpins a message when its time runs out', () => {
	afterEach(() => jest.restoreAllMocks());

	test('a 24h pin is listed until the 24 hours are over, a 7d pin beside it stays', async () => {
		const messages = new Map(['A', 'B'].map((key) => [`false_${CHAT}_${key}`, stored(key)]));
		const pins = new FakePins({
			message: (id) => messages.get(id) as StoredMessage,
			find: (id) => messages.get(id),
			hasChat: () => true,
			mayPinIn: () => true,
			toMessage: (message) => message.snapshot as unknown as WebMessage,
		});
		let now = Date.parse('2026-11-28T12:00:00Z');
		jest.spyOn(Date, 'now').mockImplementation(() => now);
		await pins.pin(`false_${CHAT}_A`, PIN_DURATIONS['24h']);
		await pins.pin(`false_${CHAT}_B`, PIN_DURATIONS['7d']);
		const listed = async () => (await pins.pinned(CHAT)).map((message) => message.id.id);

		now += PIN_DURATIONS['24h'] * 1000 - 1000;
		expect(await listed()).toEqual(['A', 'B']);
		now += 2000;
		expect(await listed()).toEqual(['B']);
		now += PIN_DURATIONS['7d'] * 1000;
		expect(await listed()).toEqual([]);
	});
});
