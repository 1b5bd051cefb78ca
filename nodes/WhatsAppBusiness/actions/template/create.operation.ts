import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createTemplate } from '../../../shared/transport/api/templates';
import { parseJsonArray } from '../../helpers/json';
import { buildTemplateDraft, type DraftButton } from '../../helpers/templateDraft';
import { wabaFields, wabaOf } from './waba';

const fieldsMode = { show: { defineUsing: ['fields'] } };

export const description: INodeProperties[] = [
	...wabaFields,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'order_shipped', description: 'Lowercase letters, digits and underscores' },
	{ displayName: 'Language', name: 'language', type: 'string', default: 'en_US', required: true, description: 'A WhatsApp language code such as en_US, pt_BR or de' },
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION' },
			{ name: 'Marketing', value: 'MARKETING' },
			{ name: 'Utility', value: 'UTILITY' },
		],
		default: 'UTILITY',
	},
	{
		displayName: 'Define Using',
		name: 'defineUsing',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'Text header, body, footer and buttons' },
			{ name: 'JSON', value: 'json', description: 'Meta\'s components array (media headers, OTP buttons, carousels…)' },
		],
		default: 'fields',
	},
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
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Allow Category Change', name: 'allowCategoryChange', type: 'boolean', default: false, description: 'Whether Meta may put the template in another category instead of rejecting it' }],
	},
];

function draftComponents(context: IExecuteFunctions, itemIndex: number): { components: IDataObject[]; parameterFormat?: 'NAMED' | 'POSITIONAL' } {
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

/** Submits a template for Meta's review; it can be sent once its status is APPROVED (the trigger reports that). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const options = this.getNodeParameter('createOptions', itemIndex, {}) as IDataObject;
	const { components, parameterFormat } = draftComponents(this, itemIndex);
	return createTemplate(
		this,
		wabaOf(this, itemIndex),
		{
			name: (this.getNodeParameter('name', itemIndex) as string).trim(),
			language: (this.getNodeParameter('language', itemIndex) as string).trim(),
			category: this.getNodeParameter('category', itemIndex) as string,
			components,
			...(parameterFormat ? { parameterFormat } : {}),
			...(options.allowCategoryChange === true ? { allowCategoryChange: true } : {}),
		},
		itemIndex,
	);
}
