import type { NormalizedMessage } from '../../../../nodes/shared/events/envelope';
import { matchReply } from '../../../../nodes/WhatsAppBusiness/sendAndWait/matchReply';
import { decodeSpec, encodeSpec, type ReplySpec } from '../../../../nodes/WhatsAppBusiness/sendAndWait/replySpec';

const approval: ReplySpec = { nonce: 'N1', kind: 'approval', choices: [['approve', '✓ Approve'], ['decline', 'Decline']] };
const choice: ReplySpec = { nonce: 'N2', kind: 'choice', choices: [['0', 'Small'], ['1', 'Medium'], ['2', 'Large']] };

function message(partial: Partial<NormalizedMessage>): NormalizedMessage {
	return { id: 'wamid.1', channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: '1' }, chatId: 'u', from: 'u', to: '1', timestamp: 't', type: 'text', ...partial };
}

describe('reading the user’s answer', () => {
	test('a tapped button of this prompt answers by its id', () => {
		expect(matchReply(approval, message({ type: 'interactive', interactive: { type: 'button_reply', id: 'N1:decline', title: 'Decline' } }))).toEqual({ matched: true, data: { approved: false, answer: 'Decline' } });
		expect(matchReply(choice, message({ type: 'interactive', interactive: { type: 'list_reply', id: 'N2:2', title: 'Large' } }))).toEqual({ matched: true, data: { choice: { index: 2, label: 'Large' } } });
	});

	test('a button of another (older) prompt is not an answer, even with the same title', () => {
		expect(matchReply(approval, message({ type: 'interactive', interactive: { type: 'button_reply', id: 'OLD:approve', title: '✓ Approve' } }))).toEqual({ matched: false, data: { text: '✓ Approve' } });
	});

	test('typed answers match a label ignoring case, spacing, punctuation and emoji, or a position', () => {
		expect(matchReply(approval, message({ text: { body: '  approve!! ' } }))).toMatchObject({ matched: true, data: { approved: true } });
		expect(matchReply(choice, message({ text: { body: 'MEDIUM' } }))).toMatchObject({ matched: true, data: { choice: { index: 1 } } });
		expect(matchReply(choice, message({ text: { body: '3' } }))).toMatchObject({ matched: true, data: { choice: { index: 2, label: 'Large' } } });
		expect(matchReply(choice, message({ text: { body: '4' } }))).toEqual({ matched: false, data: { text: '4' } });
		expect(matchReply(choice, message({ text: { body: 'maybe' } }))).toEqual({ matched: false, data: { text: 'maybe' } });
	});

	test('free text takes any text; a non-text message carries no text', () => {
		const free: ReplySpec = { nonce: 'N3', kind: 'freeText', choices: [] };
		expect(matchReply(free, message({ text: { body: 'Tuesday at 10' } }))).toEqual({ matched: true, data: { text: 'Tuesday at 10' } });
		expect(matchReply(free, message({ type: 'image', media: { id: 'm' } }))).toEqual({ matched: false, data: { text: null } });
	});
});

describe('the reply spec in the resume URL', () => {
	test('round-trips through URL query values and rejects anything else', () => {
		const query = Object.fromEntries(new URL(`https://n8n.example/x?${new URLSearchParams(encodeSpec(choice)).toString()}`).searchParams.entries());
		expect(decodeSpec(query)).toEqual(choice);
		expect(decodeSpec({ wait: 'N', reply: 'not-base64-json' })).toBeUndefined();
		expect(decodeSpec({ wait: 'N', reply: Buffer.from(JSON.stringify({ k: 'other', c: [] })).toString('base64url') })).toBeUndefined();
		expect(decodeSpec({})).toBeUndefined();
	});
});
