import { envelopeOf, serializeEnvelope, type EventDraft } from '../../../service/src/events/eventDraft';

describe('event bodies', () => {
	const message = { id: 'wamid.X', channel: 'cloud', text: { body: 'héllo "quoted" \u2028' }, contact: { name: 'Ann' } };
	const raw = { message: { id: 'wamid.X', nested: [1, null, { a: 'b' }] } };
	const draft: EventDraft = {
		id: 'evt_01abc',
		tenantId: 'ten_01abc',
		type: 'message.received',
		channel: 'cloud',
		orderingKey: 'k',
		occurredAt: '2026-01-01T00:00:00.000Z',
		data: { ...message, recordId: 'msg_1', conversationId: 'cnv_1' },
		raw,
		match: {},
	};

	test('a body built from the stored JSON is byte-for-byte the envelope serialized afresh', () => {
		const pre = { ...draft, serialized: { data: `${JSON.stringify(message).slice(0, -1)},"recordId":"msg_1","conversationId":"cnv_1"}`, raw: JSON.stringify(raw) } };
		expect(serializeEnvelope(pre)).toBe(JSON.stringify(envelopeOf(draft)));
		expect(JSON.parse(serializeEnvelope(pre))).toEqual(envelopeOf(draft));
	});

	test('without raw, the key is left out as the envelope does', () => {
		const { raw: _raw, ...bare } = draft;
		const pre = { ...bare, serialized: { data: JSON.stringify(bare.data), raw: undefined } };
		expect(serializeEnvelope(pre)).toBe(JSON.stringify(envelopeOf(bare)));
	});
});
