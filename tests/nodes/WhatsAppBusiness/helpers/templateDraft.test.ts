import { buildTemplateDraft } from '../../../../nodes/WhatsAppBusiness/helpers/templateDraft';

describe('template definitions from the Create form', () => {
	test('positional variables get body_text and header_text examples; buttons keep Meta’s shapes', () => {
		expect(
			buildTemplateDraft({
				headerText: 'Order {{1}}',
				headerExample: 'A-1',
				bodyText: 'Hi {{1}}, order {{2}} shipped',
				bodyExamples: ['Ada', 'A-1'],
				footerText: 'Shop',
				buttons: [
					{ type: 'url', text: 'Track', url: 'https://s.example/{{1}}', example: 'A-1' },
					{ type: 'phoneNumber', text: 'Call', phoneNumber: '+15550001' },
					{ type: 'quickReply', text: 'Stop' },
					{ type: 'copyCode', text: '', example: 'SAVE10' },
				],
			}),
		).toEqual({
			parameterFormat: 'POSITIONAL',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
				{ type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped', example: { body_text: [['Ada', 'A-1']] } },
				{ type: 'FOOTER', text: 'Shop' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'URL', text: 'Track', url: 'https://s.example/{{1}}', example: ['A-1'] },
						{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550001' },
						{ type: 'QUICK_REPLY', text: 'Stop' },
						{ type: 'COPY_CODE', example: 'SAVE10' },
					],
				},
			],
		});
	});

	test('named variables make a NAMED template with named examples; no variables, no examples', () => {
		expect(buildTemplateDraft({ bodyText: 'Hi {{first_name}}', bodyExamples: ['Ada'], buttons: [] })).toEqual({
			parameterFormat: 'NAMED',
			components: [{ type: 'BODY', text: 'Hi {{first_name}}', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ada' }] } }],
		});
		expect(buildTemplateDraft({ bodyText: 'Hello', bodyExamples: [], buttons: [] }).components).toEqual([{ type: 'BODY', text: 'Hello' }]);
	});
});
