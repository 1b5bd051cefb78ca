import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { parseJsonArray } from '../../helpers/json';
import { buildTemplateDraft, type DraftButton } from '../../helpers/templateDraft';

/** A template's category and components (from fields or as Meta's JSON): shared by Create and Update. */
const fieldsMode = { show: { defineUsing: ['fields'] } };

export const CATEGORIES: INodePropertyOptions[] = [
	{ name: 'Authentication', value: 'AUTHENTICATION' },
	{ name: 'Marketing', value: 'MARKETING' },
	{ name: 'Utility', value: 'UTILITY' },
];

export const DEFINE_USING: INodePropertyOptions[] = [
	{ name: 'Fields', value: 'fields', description: 'Text header, body, footer and buttons' },
	{ name: 'JSON', value: 'json', description: 'Meta\'s components array (media headers, OTP buttons, carousels…)' },
];

export function defineUsingField(options: INodePropertyOptions[], defaultValue = 'fields'): INodeProperties {
	return { displayName: 'Define Using', name: 'defineUsing', type: 'options', noDataExpression: true, options, default: defaultValue };
}

export const componentFields: INodeProperties[] = [
	{ displayName: 'Body', name: 'bodyText', type: 'string', typeOptions: { rows: 4 }, default: '', required: true, placeholder: 'Hi {{1}}, your order {{2}} has shipped.', description: 'Variables are {{1}}, {{2}}… or named like {{first_name}}', displayOptions: fieldsMode },
	{ displayName: 'Body Examples', name: 'bodyExamples', type: 'string', typeOptions: { rows: 2 }, default: '', placeholder: 'Ada\nA-1042', description: 'One example value per variable, one per line, in order (Meta requires them)', displayOptions: fieldsMode },
	{
		displayName: 'Additional Fields',
		name: 'draftFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fieldsMode,
		options: [
			{ displayName: 'Footer', name: 'footerText', type: 'string', default: '' },
			{ displayName: 'Header Example', name: 'headerExample', type: 'string', default: '', description: 'Example value for the header variable' },
			{ displayName: 'Header Text', name: 'headerText', type: 'string', default: '', description: 'At most one variable' },
		],
	},
	{
		displayName: 'Buttons',
		name: 'draftButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		displayOptions: fieldsMode,
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Example',
						name: 'example',
						type: 'string',
						default: '',
						description: 'The URL variable\'s example, or the example coupon code',
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+15551234567',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: 'The button label (not used by Copy Code)',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{
								name: 'Copy Code',
								value: 'copyCode',
							},
							{
								name: 'Phone Number',
								value: 'phoneNumber',
							},
							{
								name: 'Quick Reply',
								value: 'quickReply',
							},
							{
								name: 'URL',
								value: 'url',
							},
						],
						default: 'quickReply',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://shop.example/track/{{1}}',
					},
			],
			},
		],
	},
	{ displayName: 'Components (JSON)', name: 'componentsJson', type: 'json', default: '[\n  { "type": "BODY", "text": "Hello" }\n]', required: true, displayOptions: { show: { defineUsing: ['json'] } } },
];

export function draftComponents(context: IExecuteFunctions, itemIndex: number): { components: IDataObject[]; parameterFormat?: 'NAMED' | 'POSITIONAL' } {
	if (context.getNodeParameter('defineUsing', itemIndex) === 'json') return { components: parseJsonArray(context, context.getNodeParameter('componentsJson', itemIndex), 'Components (JSON)', itemIndex) };
	const extra = context.getNodeParameter('draftFields', itemIndex, {}) as IDataObject;
	const rows = ((context.getNodeParameter('draftButtons', itemIndex, {}) as IDataObject).button as IDataObject[] | undefined) ?? [];
	const examples = String(context.getNodeParameter('bodyExamples', itemIndex, '') ?? '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	return buildTemplateDraft({
		bodyText: context.getNodeParameter('bodyText', itemIndex) as string,
		bodyExamples: examples,
		headerText: String(extra.headerText ?? '').trim() || undefined,
		headerExample: String(extra.headerExample ?? '').trim() || undefined,
		footerText: String(extra.footerText ?? '').trim() || undefined,
		buttons: rows.map((row) => ({ type: (row.type as DraftButton['type']) ?? 'quickReply', text: String(row.text ?? ''), url: String(row.url ?? '') || undefined, phoneNumber: String(row.phoneNumber ?? '') || undefined, example: String(row.example ?? '') || undefined })),
	});
}

