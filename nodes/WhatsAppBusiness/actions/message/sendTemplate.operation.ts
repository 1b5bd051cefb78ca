import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asNodeError, type OperationResult } from '../../../shared/router';
import { parseJsonArray } from '../../helpers/json';
import { AUTO_LANGUAGE, resolveTemplate } from '../../helpers/resolveTemplate';
import { buildTemplateComponents, TemplateValueError, type TypedValue } from '../../helpers/templateComponents';
import { templateParameters } from '../../helpers/templateParameters';
import { sendFromNode, sendOptionsField } from '../common/envelope';
import { uploadBinary } from '../common/mediaSource';
import { recipientField, senderField, senderOf } from '../common/sender';

export const description: INodeProperties[] = [
	senderField,
	recipientField,
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'An approved template of the sender number\'s WhatsApp Business Account',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTemplates', searchable: true } },
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'order_confirmation',
				validation: [{ type: 'regex', properties: { regex: '^[a-z0-9_]+$', errorMessage: 'Template names use lowercase letters, digits and underscores' } }],
			},
		],
	},
	{
		displayName: 'Language Name or ID',
		name: 'language',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplateLanguages', loadOptionsDependsOn: ['template.value', 'from'] },
		default: AUTO_LANGUAGE,
		description: 'The template language to send, e.g. en_US. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Define Parameters',
		name: 'parametersMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Map Each Parameter', value: 'map', description: 'Fields built from the template: header, body variables and buttons' },
			{ name: 'Using JSON', value: 'json', description: 'Meta\'s "components" array, written by hand' },
		],
		default: 'map',
	},
	{
		displayName: 'Template Parameters',
		name: 'templateParameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['template.value', 'language', 'from'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateParameters',
				mode: 'add',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
		displayOptions: { show: { parametersMode: ['map'] } },
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default: '[\n  {\n    "type": "body",\n    "parameters": [{ "type": "text", "text": "Ada" }]\n  }\n]',
		description: 'Meta\'s template "components": header, body and button parameters',
		displayOptions: { show: { parametersMode: ['json'] } },
	},
	{
		displayName: 'Template Options',
		name: 'templateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { parametersMode: ['map'] } },
		options: [
			{
				displayName: 'Header Media From Binary Field',
				name: 'headerBinaryProperty',
				type: 'string',
				default: '',
				placeholder: 'data',
				description: 'For an image, video or document header: upload this input binary field and use it instead of a URL or media ID',
			},
			{
				displayName: 'Currency and Date Parameters',
				name: 'typedParameters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Typed Parameter',
				default: {},
				description: 'Send a variable as an amount of money or a date that WhatsApp formats for the reader; this overrides its mapped text',
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						default: 0
							},
							{
						displayName: 'Currency Code',
						name: 'code',
						type: 'string',
						default: 'USD',
						placeholder: 'EUR',
						description: 'ISO 4217 code',
							},
							{
						displayName: 'Fallback Text',
						name: 'fallback',
						type: 'string',
						default: '',
							required:	true,
						placeholder: '$12.50',
						description: 'Shown where WhatsApp cannot format the value',
							},
							{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
									{
										name: 'Currency',
										value: 'currency',
									},
									{
										name: 'Date and Time',
										value: 'date_time',
									},
								],
						default: 'currency',
							},
							{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '',
							required:	true,
						placeholder: '1',
						description: 'The variable\'s number or name as written in the template, without braces',
							},
					],
					},
				],
			},
		],
	},
	sendOptionsField,
];

function typedValues(options: IDataObject): Record<string, TypedValue> {
	const rows = ((options.typedParameters as IDataObject | undefined)?.parameter as IDataObject[] | undefined) ?? [];
	const typed: Record<string, TypedValue> = {};
	for (const row of rows) {
		const variable = String(row.variable ?? '').replace(/[{}\s]/g, '');
		if (!variable) continue;
		typed[variable] = row.type === 'date_time' ? { type: 'date_time', fallback: String(row.fallback ?? '') } : { type: 'currency', code: String(row.code ?? 'USD').toUpperCase(), amount: Number(row.amount ?? 0), fallback: String(row.fallback ?? '') };
	}
	return typed;
}

async function mappedComponents(context: IExecuteFunctions, itemIndex: number, from: string | undefined, name: string, language: string): Promise<{ components: IDataObject[]; language: string }> {
	const template = await resolveTemplate(context, { from, name, language }, itemIndex);
	const parameters = templateParameters(template.components);
	const mapped = context.getNodeParameter('templateParameters', itemIndex, {}) as { value?: Record<string, unknown> | null };
	const options = context.getNodeParameter('templateOptions', itemIndex, {}) as IDataObject;
	let headerMedia: IDataObject | undefined;
	const headerBinary = String(options.headerBinaryProperty ?? '').trim();
	if (headerBinary) {
		const mediaHeader = parameters.find((parameter) => parameter.component === 'header' && parameter.kind !== 'text' && parameter.kind !== 'location');
		if (!mediaHeader || mediaHeader.component !== 'header') throw new NodeOperationError(context.getNode(), `Template "${name}" has no image, video or document header to fill from a binary field`, { itemIndex });
		const uploaded = await uploadBinary(context, itemIndex, headerBinary, from);
		headerMedia = { type: mediaHeader.kind, [mediaHeader.kind]: { id: uploaded.id, ...(mediaHeader.kind === 'document' ? { filename: uploaded.filename } : {}) } };
	}
	try {
		const components = buildTemplateComponents({ parameters, named: template.parameterFormat === 'NAMED', values: mapped.value ?? {}, typed: typedValues(options), headerMedia });
		return { components, language: template.language };
	} catch (error) {
		if (error instanceof TemplateValueError) throw new NodeOperationError(context.getNode(), error.message, { itemIndex, description: `Fill "${error.key}" under Template Parameters.` });
		throw asNodeError(context, error, itemIndex);
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const from = senderOf(this, itemIndex);
	const name = String(this.getNodeParameter('template', itemIndex, '', { extractValue: true })).trim();
	const requestedLanguage = String(this.getNodeParameter('language', itemIndex, AUTO_LANGUAGE)).trim() || AUTO_LANGUAGE;
	if (!name) throw new NodeOperationError(this.getNode(), 'Choose a template', { itemIndex });
	let components: IDataObject[];
	let language = requestedLanguage;
	if (this.getNodeParameter('parametersMode', itemIndex) === 'json') {
		components = parseJsonArray(this, this.getNodeParameter('componentsJson', itemIndex), 'Components (JSON)', itemIndex);
		// Hand-written components skip the definition lookup, except to pick the language when it was left automatic.
		if (language === AUTO_LANGUAGE) language = (await resolveTemplate(this, { from, name, language }, itemIndex)).language;
	} else {
		({ components, language } = await mappedComponents(this, itemIndex, from, name, requestedLanguage));
	}
	const sent = await sendFromNode(this, itemIndex, { type: 'template', template: { name, language: { code: language }, ...(components.length > 0 ? { components } : {}) } }, { from, to: this.getNodeParameter('to', itemIndex) as string });
	return { ...sent, template: { name, language } };
}
