import { checkButtons, checkRows, ctaUrlMessage, flowMessage, listMessage, replyButtonsMessage } from '../../../../nodes/WhatsAppBusiness/helpers/interactive';

describe('interactive messages in Meta’s shape', () => {
	test('reply buttons with header and footer', () => {
		expect(replyButtonsMessage({ body: 'Pick', header: { type: 'text', text: 'Hi' }, footer: 'f' }, [{ id: 'a', title: 'A' }])).toEqual({
			type: 'button',
			header: { type: 'text', text: 'Hi' },
			body: { text: 'Pick' },
			footer: { text: 'f' },
			action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
		});
	});

	test('list rows are grouped by section in order of appearance; untitled sections get a title once there are several', () => {
		expect(listMessage({ body: 'b' }, 'Open', [{ id: '1', title: 'One' }, { id: '2', title: 'Two', section: 'Later', description: 'd' }, { id: '3', title: 'Three' }])).toEqual({
			type: 'list',
			body: { text: 'b' },
			action: {
				button: 'Open',
				sections: [
					{ title: 'Options 1', rows: [{ id: '1', title: 'One' }, { id: '3', title: 'Three' }] },
					{ title: 'Later', rows: [{ id: '2', title: 'Two', description: 'd' }] },
				],
			},
		});
		expect((listMessage({ body: 'b' }, 'Open', [{ id: '1', title: 'One' }]).action as { sections: unknown[] }).sections).toEqual([{ rows: [{ id: '1', title: 'One' }] }]);
	});

	test('call-to-action URL and Flow messages', () => {
		expect(ctaUrlMessage({ body: 'b' }, 'Open', 'https://x.example')).toEqual({ type: 'cta_url', body: { text: 'b' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://x.example' } } });
		expect(flowMessage({ body: 'b' }, { flowName: 'signup', cta: 'Sign up', action: 'navigate', screen: 'WELCOME', data: { a: 1 }, token: 't', draft: true })).toEqual({
			type: 'flow',
			body: { text: 'b' },
			action: { name: 'flow', parameters: { flow_message_version: '3', flow_name: 'signup', flow_cta: 'Sign up', flow_token: 't', mode: 'draft', flow_action: 'navigate', flow_action_payload: { screen: 'WELCOME', data: { a: 1 } } } },
		});
	});

	test('limits are checked with messages that say what to change', () => {
		expect(checkButtons([{ id: 'a', title: 'A' }])).toEqual([]);
		expect(checkButtons([1, 2, 3, 4].map((n) => ({ id: String(n), title: String(n) })))).toEqual([expect.stringContaining('at most 3 reply buttons')]);
		expect(checkButtons([{ id: 'a', title: 'x'.repeat(21) }, { id: 'a', title: '' }])).toEqual([expect.stringContaining('longer than 20'), 'Every button needs a title', 'Button IDs must be unique']);
		expect(checkRows('', [])).toEqual(['The list needs a button text', 'Add at least one row']);
		expect(checkRows('Open', [{ id: '1', title: 'x'.repeat(25), description: 'y'.repeat(73) }])).toEqual([expect.stringContaining('longer than 24'), expect.stringContaining('longer than 72')]);
		// Emoji count as one character each, as WhatsApp counts them.
		expect(checkButtons([{ id: 'a', title: '✅'.repeat(20) }])).toEqual([]);
	});
});
