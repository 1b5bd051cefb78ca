import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationResult } from '../../../shared/router';
import { updateTemplate } from '../../../shared/transport/api/templates';
import { CATEGORIES, componentFields, DEFINE_USING, defineUsingField, draftComponents } from './definition';
import { templateIdField, templateIdOf } from './templateId';
import { wabaFields, wabaOf } from './waba';

const KEEP = 'keep';

export const description: INodeProperties[] = [
	...wabaFields,
	templateIdField,
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [{ name: 'Keep Current', value: KEEP }, ...CATEGORIES],
		default: KEEP,
	},
	{ ...defineUsingField([{ name: 'Keep Current', value: KEEP, description: 'Change only the category' }, ...DEFINE_USING]), displayName: 'Components' },
	...componentFields,
];

/**
 * Edits a template: a new category, new components (they replace all of the old ones), or both. Meta reviews it
 * again (the trigger reports the outcome) and allows it for APPROVED, REJECTED and PAUSED templates only, an approved
 * one at most once a day.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const templateId = templateIdOf(this, itemIndex);
	const category = this.getNodeParameter('category', itemIndex) as string;
	const keepComponents = this.getNodeParameter('defineUsing', itemIndex) === KEEP;
	if (category === KEEP && keepComponents) throw new NodeOperationError(this.getNode(), 'Nothing to change: choose a new Category, new Components, or both', { itemIndex });
	const { components, parameterFormat } = keepComponents ? { components: undefined, parameterFormat: undefined } : draftComponents(this, itemIndex);
	return updateTemplate(
		this,
		templateId,
		{
			...wabaOf(this, itemIndex),
			...(category !== KEEP ? { category } : {}),
			...(components ? { components } : {}),
			...(parameterFormat ? { parameterFormat } : {}),
		},
		itemIndex,
	);
}
