import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { createTemplate } from '../../../shared/transport/api/templates';
import { CATEGORIES, componentFields, DEFINE_USING, defineUsingField, draftComponents } from './definition';
import { wabaFields, wabaOf } from './waba';

export const description: INodeProperties[] = [
	...wabaFields,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'order_shipped', description: 'Lowercase letters, digits and underscores' },
	{ displayName: 'Language', name: 'language', type: 'string', default: 'en_US', required: true, description: 'A WhatsApp language code such as en_US, pt_BR or de' },
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: CATEGORIES,
		default: 'UTILITY',
	},
	defineUsingField(DEFINE_USING),
	...componentFields,
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Allow Category Change', name: 'allowCategoryChange', type: 'boolean', default: false, description: 'Whether Meta may put the template in another category instead of rejecting it' }],
	},
];

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
